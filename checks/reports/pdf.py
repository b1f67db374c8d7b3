"""The PDF report (查新报告) with an embedded CJK font, or a built-in CID font as fallback.

fpdf2 embeds a subset of a CJK TrueType/OpenType font found on the system (Noto Sans CJK,
WenQuanYi, ...). A fresh machine without such a font still gets a readable report through
reportlab's built-in STSong-Light CID font, which PDF readers supply themselves.
"""

from __future__ import annotations

import functools
import glob
import io
import os
import re

from checks.models import Check
from checks.reports.content import ReportContent, report_content

FONT_ENV = "STDBASE_PDF_FONT"
FONT_CANDIDATES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/System/Library/Fonts/PingFang.ttc",
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simsun.ttc",
)
FONT_GLOBS = ("/usr/share/fonts/**/*CJK*SC*Regular*.otf", "/usr/share/fonts/**/*CJK*-Regular.ttc")
_SIMPLIFIED_HINTS = (" SC", "GB", "Hans", "Micro Hei", "Zen Hei", "PingFang SC", "YaHei", "SimSun")


def _face_index(path: str) -> int:
    """The face of a font collection that covers Simplified Chinese (0 when unsure)."""
    if not path.lower().endswith(".ttc"):
        return 0
    try:
        from fontTools.ttLib import TTCollection

        with TTCollection(path, lazy=True) as collection:
            for index, font in enumerate(collection.fonts):
                family = font["name"].getDebugName(1) or ""
                if any(hint in family for hint in _SIMPLIFIED_HINTS):
                    return index
    except Exception:  # noqa: BLE001 - an unreadable collection falls back to its first face
        return 0
    return 0


@functools.cache
def find_cjk_font() -> tuple[str, int] | None:
    """A CJK font file on this machine and the face to use, or None."""
    configured = os.environ.get(FONT_ENV, "")
    if configured.lower() == "none":
        return None
    paths = [configured] if configured else []
    paths += list(FONT_CANDIDATES)
    for pattern in FONT_GLOBS:
        paths += sorted(glob.glob(pattern, recursive=True))
    for path in paths:
        if path and os.path.isfile(path):
            return path, _face_index(path)
    return None


# A designation-like run (letters, one optional space, a number and its year) stays whole.
_TOKENS = re.compile(r"[A-Za-z][A-Za-z/]*\s?\d[\w.:+/\-()]*[、，；]?|\S[、，；]?|\s")
COLUMN_WIDTHS_MM = (10, 40, 36, 16, 40, 50, 50, 30)
TABLE_FONT_PT = 7.5
LINE_MM = 3.6
PAD_MM = 1.0


class _FpdfTable:
    """A bordered table drawn with low-level calls: fpdf2's table() needs ~50 s for 10,000 rows."""

    def __init__(self, pdf) -> None:
        self.pdf = pdf
        self.widths: dict[str, float] = {}

    def _width(self, char: str) -> float:
        width = self.widths.get(char)
        if width is None:
            width = self.widths[char] = self.pdf.get_string_width(char)
        return width

    def _wrap(self, text: str, width: float) -> list[str]:
        """Greedy wrapping that keeps designations ("GB/T 5606.2-2023") on one line."""
        lines, current, used = [], "", 0.0
        for token in _TOKENS.findall(text):
            w = sum(self._width(c) for c in token)
            if used + w > width and current:
                lines.append(current.rstrip())
                current, used = "", 0.0
                if token.isspace():
                    continue
            if w > width:  # longer than the column: cut it anywhere
                for char in token:
                    cw = self._width(char)
                    if used + cw > width and current:
                        lines.append(current)
                        current, used = "", 0.0
                    current += char
                    used += cw
                continue
            current += token
            used += w
        lines.append(current)
        return lines

    def _row(self, values: list[str], heading: bool = False) -> None:
        pdf = self.pdf
        cells = [
            self._wrap(str(v), w - 2 * PAD_MM)
            for v, w in zip(values, COLUMN_WIDTHS_MM, strict=True)
        ]
        height = max(len(lines) for lines in cells) * LINE_MM + 2 * PAD_MM
        if pdf.get_y() + height > pdf.h - pdf.b_margin:
            pdf.add_page()
            if not heading:
                self._row(self.headers, heading=True)
        x, y = pdf.l_margin, pdf.get_y()
        for lines, width in zip(cells, COLUMN_WIDTHS_MM, strict=True):
            pdf.rect(x, y, width, height, style="DF" if heading else "D")
            for n, line in enumerate(lines, start=1):
                pdf.text(x + PAD_MM, y + PAD_MM + n * LINE_MM - 0.8, line)
            x += width
        pdf.set_y(y + height)

    def draw(self, headers: list[str], rows: list[list[str]]) -> None:
        self.headers = headers
        self.pdf.set_fill_color(230, 236, 245)
        self.pdf.set_draw_color(150, 150, 150)
        self._row(headers, heading=True)
        for row in rows:
            self._row(row)


def _render_fpdf(content: ReportContent, font: tuple[str, int]) -> bytes:
    from fpdf import FPDF

    path, index = font
    pdf = FPDF(orientation="L", format="A4")
    pdf.set_auto_page_break(True, margin=14)
    pdf.add_font("cjk", fname=path, collection_font_number=index)
    pdf.set_font("cjk", size=9)
    pdf.set_title(content.title)
    pdf.add_page()
    pdf.set_font("cjk", size=18)
    pdf.cell(0, 12, content.title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("cjk", size=10)
    for label, value in content.facts:
        pdf.cell(0, 6, f"{label}：{value}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.cell(
        0,
        6,
        "    ".join(f"{label} {n}" for label, n in content.counts),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(3)
    pdf.set_font("cjk", size=TABLE_FONT_PT)
    _FpdfTable(pdf).draw(content.headers, content.rows)
    pdf.ln(4)
    pdf.set_font("cjk", size=9)
    pdf.multi_cell(0, 5, content.footer, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _render_reportlab(content: ReportContent) -> bytes:
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=9, leading=12, wordWrap="CJK")
    cell = ParagraphStyle("cell", parent=body, fontSize=7.5, leading=9.5)
    title = ParagraphStyle("title", parent=body, fontSize=18, leading=24, alignment=1)
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=landscape(A4),
        leftMargin=10 * mm,
        rightMargin=10 * mm,
        topMargin=10 * mm,
        bottomMargin=12 * mm,
        title=content.title,
    )
    story = [Paragraph(escape(content.title), title), Spacer(1, 4 * mm)]
    story += [Paragraph(escape(f"{label}：{value}"), body) for label, value in content.facts]
    story.append(Paragraph(escape("    ".join(f"{k} {n}" for k, n in content.counts)), body))
    story.append(Spacer(1, 3 * mm))
    data = [
        [Paragraph(escape(str(v)), cell) for v in row] for row in [content.headers, *content.rows]
    ]
    widths = [w * mm for w in (10, 40, 36, 16, 40, 50, 50, 30)]
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.3, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.925, 0.96)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    story += [table, Spacer(1, 4 * mm), Paragraph(escape(content.footer), body)]
    doc.build(story)
    return out.getvalue()


def build_pdf(check: Check, base_url: str = "") -> bytes:
    """The 查新报告 of a finished check, as PDF bytes."""
    content = report_content(check, base_url)
    font = find_cjk_font()
    if font is not None:
        return _render_fpdf(content, font)
    return _render_reportlab(content)
