"""The fpdf2 renderer: a subset of the system CJK font embedded, tables drawn by hand.

fpdf2's own table() needs about 50 s for 10,000 rows; the low-level calls here take a
few seconds, and the wrapping is ours (core.pdf.text) so English never breaks mid-word.
The font is parsed once per process (core.pdf.fontcache); each document subsets its copy.
"""

from __future__ import annotations

import logging

from fpdf import FPDF

from core.pdf import Paragraph, Report, Table
from core.pdf.fontcache import add_cached_font
from core.pdf.labels import code_label, page_label, verify_sentence
from core.pdf.qr import qr_matrix
from core.pdf.text import wrap_text

FONT = "cjk"
PAD_MM = 1.0
QR_MM = 24.0
PT_TO_MM = 0.3528

# fontTools' subsetter logs every step and the glyph list of each document at INFO.
logging.getLogger("fontTools.subset").setLevel(logging.WARNING)


class _Document(FPDF):
    """An FPDF with StdBase's running header and footer."""

    def __init__(self, report: Report, font: tuple[str, int]) -> None:
        super().__init__(orientation="L" if report.landscape else "P", format="A4")
        self.report = report
        path, index = font
        add_cached_font(self, FONT, path, index)
        self.set_auto_page_break(True, margin=16)
        self.set_margins(12, 14, 12)
        self.set_title(report.title)
        self.set_author(report.author)
        self.widths: dict[tuple[float, str], float] = {}

    def measure(self, text: str) -> float:
        """Width of `text` in mm at the current font size (cached per character)."""
        size = self.font_size_pt
        total = 0.0
        for char in text:
            width = self.widths.get((size, char))
            if width is None:
                width = self.widths[(size, char)] = self.get_string_width(char)
            total += width
        return total

    def header(self) -> None:
        if self.page_no() == 1:
            return
        self.set_font(FONT, size=7.5)
        self.set_text_color(110, 110, 110)
        self.set_y(6)
        self.cell(0, 4, self.report.header or self.report.title, align="L")
        if self.report.verification:
            self.set_x(self.l_margin)
            self.cell(0, 4, code_label(self.report.verification.code), align="R")
        self.set_draw_color(200, 200, 200)
        self.line(self.l_margin, 11, self.w - self.r_margin, 11)
        self.set_text_color(0, 0, 0)
        self.set_y(self.t_margin)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, size=7.5)
        self.set_text_color(110, 110, 110)
        if self.report.footer:
            self.cell(0, 4, self.report.footer, align="L")
            self.set_x(self.l_margin)
        self.cell(0, 4, page_label(self.page_no(), "{nb}"), align="R")
        self.set_text_color(0, 0, 0)


def _paragraph(pdf: _Document, block: Paragraph) -> None:
    pdf.set_font(FONT, size=block.size)
    line = block.size * PT_TO_MM * 1.45
    for text in wrap_text(block.text, pdf.epw, pdf.measure):
        if pdf.get_y() + line > pdf.page_break_trigger:
            pdf.add_page()
        pdf.cell(0, line, text, new_x="LMARGIN", new_y="NEXT")


def _widths(pdf: _Document, table: Table) -> list[float]:
    count = len(table.headers)
    relative = list(table.widths or [1.0] * count)
    total = sum(relative)
    if table.widths and total <= pdf.epw:
        return relative
    return [w * pdf.epw / total for w in relative]


def _table(pdf: _Document, table: Table) -> None:
    pdf.set_font(FONT, size=table.font_size)
    widths = _widths(pdf, table)
    line = table.font_size * PT_TO_MM * 1.35
    pdf.set_fill_color(230, 236, 245)
    pdf.set_draw_color(150, 150, 150)

    def row(values: list[str], heading: bool) -> None:
        cells = [
            wrap_text(str(v if v is not None else ""), w - 2 * PAD_MM, pdf.measure)
            for v, w in zip(values, widths, strict=True)
        ]
        height = max(len(lines) for lines in cells) * line + 2 * PAD_MM
        if pdf.get_y() + height > pdf.page_break_trigger:
            pdf.add_page()
            pdf.set_font(FONT, size=table.font_size)
            if not heading:
                row(table.headers, heading=True)
        x, y = pdf.l_margin, pdf.get_y()
        for lines, width in zip(cells, widths, strict=True):
            pdf.rect(x, y, width, height, style="DF" if heading else "D")
            for n, text in enumerate(lines, start=1):
                pdf.text(x + PAD_MM, y + PAD_MM + n * line - 0.25 * line, text)
            x += width
        pdf.set_y(y + height)

    row(table.headers, heading=True)
    for values in table.rows:
        row(values, heading=False)
    pdf.ln(2)


def _metadata(pdf: _Document, pairs: list[tuple[str, str]], right_gap: float) -> None:
    """`label：value` lines; a long value continues under itself, not under the label."""
    pdf.set_font(FONT, size=10)
    line = 10 * PT_TO_MM * 1.5
    for label, value in pairs:
        head = f"{label}："
        indent = pdf.measure(head)
        width = pdf.epw - right_gap - indent
        for n, text in enumerate(wrap_text(str(value), width, pdf.measure)):
            pdf.set_x(pdf.l_margin + (indent if n else 0))
            pdf.cell(0, line, text if n else head + text, new_x="LMARGIN", new_y="NEXT")


def _qr(pdf: _Document, url: str, x: float, y: float, size: float) -> None:
    matrix = qr_matrix(url)
    module = size / len(matrix)
    pdf.set_fill_color(0, 0, 0)
    for r, modules in enumerate(matrix):
        for c, dark in enumerate(modules):
            if dark:
                pdf.rect(x + c * module, y + r * module, module, module, style="F")


def render(report: Report, font: tuple[str, int]) -> bytes:
    """The report as PDF bytes with the CJK font `font` (path, face index) embedded."""
    pdf = _Document(report, font)
    pdf.add_page()
    pdf.set_font(FONT, size=18)
    pdf.cell(0, 11, report.title, align="C", new_x="LMARGIN", new_y="NEXT")
    if report.subtitle:
        pdf.set_font(FONT, size=11)
        pdf.cell(0, 7, report.subtitle, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    top = pdf.get_y()
    verification = report.verification
    if verification:
        _qr(pdf, verification.url, pdf.w - pdf.r_margin - QR_MM, top, QR_MM)
    _metadata(pdf, report.metadata, QR_MM + 4 if verification else 0)
    if verification:
        pdf.set_y(max(pdf.get_y(), top + QR_MM + 1))
        _paragraph(
            pdf,
            Paragraph(verification.label or verify_sentence(verification.url, verification.code)),
        )
    pdf.ln(2)
    for section in report.sections:
        if section.heading:
            pdf.ln(1)
            _paragraph(pdf, Paragraph(section.heading, size=12))
            pdf.ln(1)
        for block in section.blocks:
            (_table if isinstance(block, Table) else _paragraph)(pdf, block)
    return bytes(pdf.output())
