"""The redline as a file: docx with struck and underlined runs, or a PDF table."""

from __future__ import annotations

import io

from django.utils import timezone
from django.utils.translation import gettext as _

from core.pdf import Paragraph, Report, Section, Table, render_pdf
from development.services.redline import ADDED, CHANGED, REMOVED, Piece, Redline

_STATUS = {ADDED: "added", REMOVED: "removed", CHANGED: "changed"}


def _status_label(status: str) -> str:
    return {ADDED: _("Added"), REMOVED: _("Removed"), CHANGED: _("Changed")}.get(status, "")


def _title(old, new) -> str:
    return _("Redline of %(number)s: %(old)s → %(new)s") % {
        "number": new.project.number,
        "old": old.label,
        "new": new.label,
    }


def redline_docx(old, new, redline: Redline) -> bytes:
    """A Word document: deletions red and struck through, insertions blue and underlined."""
    from docx import Document
    from docx.shared import RGBColor

    document = Document()
    document.add_heading(_title(old, new), level=1)
    document.add_paragraph(new.project.title)
    counts = redline.counts
    document.add_paragraph(
        _("%(changed)d clauses changed, %(added)d added, %(removed)d removed.")
        % {"changed": counts[CHANGED], "added": counts[ADDED], "removed": counts[REMOVED]}
    )

    def runs(paragraph, pieces: list[Piece]) -> None:
        for piece in pieces:
            run = paragraph.add_run(piece.text)
            if piece.op == "delete":
                run.font.strike = True
                run.font.color.rgb = RGBColor(0xB0, 0x00, 0x20)
            elif piece.op == "insert":
                run.font.underline = True
                run.font.color.rgb = RGBColor(0x00, 0x3C, 0xB4)

    for clause in redline.clauses:
        if not clause.changed:
            continue
        heading = document.add_paragraph(style="Heading 3")
        heading.add_run(f"{clause.number} ".lstrip() if clause.number != clause.title else "")
        runs(heading, clause.title_pieces)
        heading.add_run(f"  [{_status_label(clause.status)}]")
        for line in _lines(clause.pieces):
            runs(document.add_paragraph(), line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _lines(pieces: list[Piece]) -> list[list[Piece]]:
    """Split runs at line breaks so that each paragraph of the clause stays one paragraph."""
    lines: list[list[Piece]] = [[]]
    for piece in pieces:
        parts = piece.text.split("\n")
        for index, part in enumerate(parts):
            if index:
                lines.append([])
            if part:
                lines[-1].append(Piece(piece.op, part))
    return [line for line in lines if line]


def marked_text(pieces: list[Piece]) -> str:
    """Runs as plain text with marks: [-deleted-] and {+inserted+}."""
    out = []
    for piece in pieces:
        if piece.op == "delete":
            out.append(f"[-{piece.text}-]")
        elif piece.op == "insert":
            out.append(f"{{+{piece.text}+}}")
        else:
            out.append(piece.text)
    return "".join(out)


def redline_pdf(request, old, new, redline: Redline) -> bytes:
    """A PDF table of the changed clauses with [-deletions-] and {+insertions+} marked."""
    rows = [
        [
            clause.number or clause.title,
            _status_label(clause.status),
            marked_text(clause.title_pieces) + "\n" + marked_text(clause.pieces),
        ]
        for clause in redline.clauses
        if clause.changed
    ]
    report = Report(
        title=_title(old, new),
        metadata=[
            (_("Project"), f"{new.project.number} {new.project.title}"),
            (_("Compared"), f"{old.label} → {new.label}"),
            (_("Created"), timezone.localtime().strftime("%Y-%m-%d %H:%M")),
        ],
        sections=[
            Section(
                _("Changed clauses"),
                [
                    Paragraph(
                        _("Deleted text is marked [-like this-], inserted text {+like this+}.")
                    ),
                    Table([_("Clause"), _("Change"), _("Text")], rows, widths=(18, 14, 140)),
                ],
            )
        ],
    )
    return render_pdf(report)
