"""The ISO commenting template (xlsx): comments exported into it and read back from it."""

from __future__ import annotations

import io

from django.db import transaction
from django.utils.translation import gettext as _

from core.uploads import validate_upload
from core.writers import Column, Sheet, write_xlsx
from development.exceptions import DevelopmentError
from development.models import Comment, CommentKind, Draft
from development.services.comments import _clean, add_comment

#: The columns of the ISO template, in order; the key says which field each one fills.
ISO_COLUMNS = (
    ("organisation", "MB/NC"),
    ("line", "Line number"),
    ("clause", "Clause/Subclause"),
    ("paragraph", "Paragraph/Figure/Table"),
    ("kind", "Type of comment"),
    ("text", "Comments"),
    ("proposed_change", "Proposed change"),
    ("observations", "Observations of the secretariat"),
)
MAX_ROWS = 20000


class TemplateError(DevelopmentError):
    """A commenting template that cannot be read, with each problem located by row and column."""

    code = "comment_template_invalid"

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("；".join(problems[:20]))


def export_template(draft: Draft) -> bytes:
    """The draft's comments in the ISO commenting template (an empty template when none)."""
    rows = (
        (c.organisation, "", c.clause, "", c.kind, c.text, c.proposed_change, c.reason)
        for c in Comment.objects.filter(draft=draft).order_by("number")
    )
    columns = [Column(title, 18) for _key, title in ISO_COLUMNS]
    return write_xlsx([Sheet("Comments", rows, columns)])


def _header_map(row) -> dict[str, int]:
    wanted = {title.lower(): key for key, title in ISO_COLUMNS}
    found: dict[str, int] = {}
    for index, value in enumerate(row):
        key = wanted.get(str(value or "").strip().lower())
        if key:
            found[key] = index
    return found


def _bad_field(values: dict[str, str]) -> str:
    """Which of the required fields of a row made it fail."""
    if (values["kind"] or "").strip().lower()[:2] not in CommentKind.values:
        return "kind"
    if not values["clause"] or len(values["clause"]) > 60:
        return "clause"
    return "text"


def parse_template(uploaded_file) -> list[dict]:
    """Read the comments of a filled-in template; every bad row is reported, none is kept."""
    from openpyxl import load_workbook

    validate_upload(uploaded_file, {"xlsx"})
    try:
        book = load_workbook(io.BytesIO(uploaded_file.read()), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any unreadable workbook is the user's file
        raise TemplateError([_("The file is not a readable xlsx workbook.")]) from exc
    sheet = book.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header, number = None, 0
    for number, row in enumerate(rows, start=1):
        mapping = _header_map(row)
        if {"clause", "kind", "text"} <= mapping.keys():
            header = mapping
            break
        if number >= 10:
            break
    if header is None:
        raise TemplateError(
            [_("No heading row with Clause/Subclause, Type of comment and Comments was found.")]
        )
    titles = dict(ISO_COLUMNS)
    parsed, problems = [], []
    start = number + 1
    for number, row in enumerate(rows, start=start):
        values = {
            key: str(row[i]).strip() if i < len(row) and row[i] is not None else ""
            for key, i in header.items()
        }
        if not any(values.values()):
            continue
        if len(parsed) >= MAX_ROWS:
            problems.append(_("More than %(n)d comments in one file.") % {"n": MAX_ROWS})
            break
        try:
            clause, kind, text = _clean(values["clause"], values["kind"], values["text"])
        except DevelopmentError as exc:
            column = titles[_bad_field(values)]
            problems.append(
                _("Row %(row)d, column “%(column)s”: %(error)s")
                % {"row": number, "column": column, "error": exc.message}
            )
            continue
        if values.get("paragraph"):
            clause = f"{clause} {values['paragraph']}"[:60]
        parsed.append(
            {
                "clause": clause,
                "kind": kind,
                "text": text,
                "proposed_change": values.get("proposed_change", ""),
                "organisation": values.get("organisation", ""),
            }
        )
    if problems:
        raise TemplateError(problems)
    return parsed


def import_template(draft: Draft, uploaded_file, *, author, request=None) -> list[Comment]:
    """File every comment of a filled-in template on the draft, all or none."""
    rows = parse_template(uploaded_file)
    with transaction.atomic():
        return [
            add_comment(draft, author=author, source="template", request=request, **row)
            for row in rows
        ]
