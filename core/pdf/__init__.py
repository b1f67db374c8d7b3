"""The PDF report base: one small document model, rendered with an embedded CJK font.

Check reports today, and certificates, verification reports and dossiers later, describe
their content as a `Report` (title, metadata table, sections of paragraphs and tables, an
optional verification code) and call `render_pdf()`. It gives every report the same page
frame: a header on following pages, a footer with the verification code and
"page x of y", a QR code that links to the public verification URL, and line breaking
that keeps English words, numbers and designations whole while Chinese breaks anywhere.

The smallest example::

    from core.pdf import Paragraph, Report, Section, Table, Verification, render_pdf

    pdf = render_pdf(Report(
        title="培训证书",
        metadata=[("证书编号", "C-2026-0001"), ("姓名", "张*")],
        sections=[Section("课程", [Paragraph("标准化基础"), Table(["课时"], [["16"]])])],
        verification=Verification("7K3Q9", "https://stdbase.example/verify/7K3Q9/"),
    ))
"""

from __future__ import annotations

from dataclasses import dataclass, field

from core.pdf import fonts


@dataclass(frozen=True)
class Paragraph:
    """A block of running text (newlines are kept); `size` in points."""

    text: str
    size: float = 9.0


@dataclass(frozen=True)
class Table:
    """A bordered table with a heading row repeated on every page.

    `widths` are relative column widths (millimetres on A4; scaled to fit the page).
    """

    headers: list[str]
    rows: list[list[str]]
    widths: tuple[float, ...] | None = None
    font_size: float = 7.5


@dataclass(frozen=True)
class Section:
    """A heading (may be empty) followed by paragraphs and tables."""

    heading: str
    blocks: list[Paragraph | Table] = field(default_factory=list)


@dataclass(frozen=True)
class Verification:
    """The code printed on every page and the public URL the QR code links to."""

    code: str
    url: str
    label: str = ""  # the sentence under the QR code; a default one when empty


@dataclass
class Report:
    """Everything a PDF report shows, independent of the renderer."""

    title: str
    metadata: list[tuple[str, str]] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    verification: Verification | None = None
    subtitle: str = ""
    header: str = ""  # the running header of following pages (default: the title)
    footer: str = ""  # a line above the page number on every page
    landscape: bool = False
    author: str = "StdBase"


def render_pdf(report: Report) -> bytes:
    """The report as PDF bytes: with the system CJK font embedded, else a built-in CID font."""
    font = fonts.find_cjk_font()
    if font is not None:
        from core.pdf.render_fpdf import render

        return render(report, font)
    from core.pdf.render_reportlab import render

    return render(report)


find_cjk_font = fonts.find_cjk_font

__all__ = [
    "Paragraph",
    "Report",
    "Section",
    "Table",
    "Verification",
    "find_cjk_font",
    "render_pdf",
]
