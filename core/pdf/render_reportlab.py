"""The fallback renderer: reportlab with the built-in STSong-Light CID font (no font file).

Used on machines without a CJK font. Text is wrapped by core.pdf.text before reportlab
sees it, so that reportlab's CJK wrapping (which breaks English words anywhere) never
has to decide.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate, Spacer, TableStyle
from reportlab.platypus import Paragraph as RLParagraph
from reportlab.platypus import Table as RLTable

from core.pdf import Paragraph, Report, Table
from core.pdf.labels import code_label, page_label, verify_sentence
from core.pdf.qr import qr_matrix
from core.pdf.text import wrap_text

FONT = "STSong-Light"
MARGIN = 12 * mm
CELL_PAD = 2.0
QR_SIZE = 24 * mm


def _measure(size: float):
    return lambda text: pdfmetrics.stringWidth(text, FONT, size)


def _lines(text: str, width: float, size: float) -> str:
    """Pre-wrapped, escaped text with <br/> between lines."""
    return "<br/>".join(escape(line) for line in wrap_text(text, width, _measure(size)))


def _style(size: float, **extra) -> ParagraphStyle:
    return ParagraphStyle(f"s{size}", fontName=FONT, fontSize=size, leading=size * 1.35, **extra)


class _QrCode(Flowable):
    """A QR code drawn as vector squares."""

    def __init__(self, url: str, size: float) -> None:
        super().__init__()
        self.matrix = qr_matrix(url)
        self.width = self.height = size

    def draw(self) -> None:
        module = self.width / len(self.matrix)
        self.canv.setFillColor(colors.black)
        rows = len(self.matrix)
        for r, modules in enumerate(self.matrix):
            for c, dark in enumerate(modules):
                if dark:
                    y = (rows - r - 1) * module
                    self.canv.rect(c * module, y, module, module, stroke=0, fill=1)


def _canvas_class(report: Report):
    """A canvas that knows the page count when it draws each page's frame."""

    class FramedCanvas(Canvas):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._frame(total)
                super().showPage()
            super().save()

        def _frame(self, total: int) -> None:
            width, height = self._pagesize
            self.setFont(FONT, 7.5)
            self.setFillColor(colors.grey)
            page = self._pageNumber
            if page > 1:
                self.drawString(MARGIN, height - 9 * mm, report.header or report.title)
                if report.verification:
                    label = code_label(report.verification.code)
                    self.drawRightString(width - MARGIN, height - 9 * mm, label)
            if report.footer:
                self.drawString(MARGIN, 8 * mm, report.footer)
            self.drawRightString(width - MARGIN, 8 * mm, page_label(page, total))

    return FramedCanvas


def _table(block: Table, usable: float) -> RLTable:
    relative = list(block.widths or [1.0] * len(block.headers))
    widths = [w * usable / sum(relative) for w in relative]
    style = _style(block.font_size)
    data = [
        [
            RLParagraph(
                _lines(str(v if v is not None else ""), w - 2 * CELL_PAD, block.font_size), style
            )
            for v, w in zip(row, widths, strict=True)
        ]
        for row in [block.headers, *block.rows]
    ]
    table = RLTable(data, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.3, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.925, 0.96)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD),
                ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD),
            ]
        )
    )
    return table


def render(report: Report) -> bytes:
    """The report as PDF bytes with a CID font that PDF readers supply."""
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    pagesize = landscape(A4) if report.landscape else A4
    usable = pagesize[0] - 2 * MARGIN
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=pagesize,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=14 * mm,
        bottomMargin=16 * mm,
        title=report.title,
        author=report.author,
    )
    story: list = [RLParagraph(escape(report.title), _style(18, alignment=1)), Spacer(1, 3 * mm)]
    if report.subtitle:
        story.append(RLParagraph(escape(report.subtitle), _style(11, alignment=1)))
    info_width = usable - (QR_SIZE + 4 * mm if report.verification else 0)
    info: list = []
    for label, value in report.metadata:
        head = f"{label}："
        indent = _measure(10)(head)
        lines = wrap_text(str(value), info_width - indent - 2 * CELL_PAD, _measure(10))
        text = escape(head + lines[0]) + "".join("<br/>" + escape(x) for x in lines[1:])
        info.append(RLParagraph(text, _style(10, leftIndent=indent, firstLineIndent=-indent)))
    if report.verification:
        v = report.verification
        story.append(
            RLTable([[info, _QrCode(v.url, QR_SIZE)]], colWidths=[info_width, QR_SIZE + 4 * mm])
        )
        story.append(
            RLParagraph(_lines(v.label or verify_sentence(v.url, v.code), usable, 9), _style(9))
        )
    else:
        story.extend(info)
    story.append(Spacer(1, 3 * mm))
    for section in report.sections:
        if section.heading:
            story.append(RLParagraph(escape(section.heading), _style(12)))
        for block in section.blocks:
            if isinstance(block, Table):
                story.append(_table(block, usable))
            else:
                assert isinstance(block, Paragraph)
                story.append(
                    RLParagraph(_lines(block.text, usable, block.size), _style(block.size))
                )
            story.append(Spacer(1, 2 * mm))
    doc.build(story, canvasmaker=_canvas_class(report))
    return out.getvalue()
