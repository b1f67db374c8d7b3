"""Build real documents for tests and benchmarks: docx, xlsx and text PDF files."""

from __future__ import annotations

import io

from core.pdf import find_cjk_font


def make_docx(paragraphs: list[str], table: list[list[str]] | None = None) -> bytes:
    """A Word document with paragraphs, then a table (first two cells of row 1 merged)."""
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=max(len(r) for r in table))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
        if len(table[0]) > 2 and not table[0][1]:
            grid.cell(0, 0).merge(grid.cell(0, 1))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_xlsx(sheets: dict[str, list[list]]) -> bytes:
    """A workbook with one sheet per entry, rows as given."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def make_pdf(pages: list[list[str]]) -> bytes:
    """A text PDF, one list of lines per page, in a CJK font when one is installed."""
    from fpdf import FPDF

    pdf = FPDF()
    font = find_cjk_font()
    if font:
        pdf.add_font("cjk", fname=font[0], collection_font_number=font[1])
        pdf.set_font("cjk", size=10)
    else:
        pdf.set_font("helvetica", size=10)
    for lines in pages:
        pdf.add_page()
        for line in lines:
            pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
