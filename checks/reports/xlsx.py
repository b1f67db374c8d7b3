"""The xlsx export: the person's original rows with status columns, plus a results sheet."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from django.utils.translation import pgettext

from checks.models import Check
from checks.reports.content import ReportContent, report_content
from checks.services.checking import CheckError, load_document
from checks.services.presentation import item_summary, verdict_label
from core.writers import Column, Sheet, Styled, write_xlsx

_RESULT_WIDTHS = (6, 28, 22, 10, 28, 36, 36, 22)


def _original_rows(table, by_row: dict[tuple[str, int], list]) -> Iterator[list]:
    """The rows of one original table with verdict, current editions and note appended."""
    width = max((len(r) for r in table.rows), default=0)
    header_free = not by_row.get((table.name, 1))
    for r, row in enumerate(table.rows, start=1):
        found = by_row.get((table.name, r), [])
        if r == 1 and header_free and any(row):
            extra = [
                Styled(pgettext("check report", "Verdict"), bold=True),
                Styled(pgettext("check report", "Current editions"), bold=True),
                Styled(pgettext("check report", "Note"), bold=True),
            ]
        else:
            extra = [
                "；".join(f"{i.designation} {verdict_label(i.status)}" for i in found),
                "；".join("、".join(i.current) for i in found if i.current),
                "；".join(s for s in (item_summary(i) for i in found) if s),
            ]
        yield [*row, *([None] * (width - len(row))), *extra]


def _original_sheets(check: Check) -> list[Sheet]:
    """Each original table of the checked document, row for row."""
    try:
        document = load_document(check)
    except CheckError:
        return []
    if not document.tables:
        return []
    items = check.items.order_by("position").only(
        "location", "designation", "status", "current", "candidates", "effective", "note"
    )
    by_row: dict[tuple[str, int], list] = defaultdict(list)
    for item in items:
        loc = item.location
        if "row" in loc:
            by_row[(loc.get("sheet", "CSV"), loc["row"])].append(item)
    return [Sheet(table.name, _original_rows(table, by_row)) for table in document.tables]


def _summary_rows(content: ReportContent) -> list[list]:
    """The overview sheet: the title, the facts, the counts and the verification note."""
    return [
        [Styled(content.title, bold=True, size=14)],
        *([label, value] for label, value in [*content.facts, *content.counts]),
        [content.footer],
    ]


def build_xlsx(check: Check, base_url: str = "") -> bytes:
    """The workbook for a finished check, as bytes."""
    content = report_content(check, base_url)
    results = Sheet(
        pgettext("check report", "Results"),
        content.rows,
        [Column(h, w) for h, w in zip(content.headers, _RESULT_WIDTHS, strict=True)],
    )
    summary = Sheet(
        pgettext("check report", "Summary"),
        _summary_rows(content),
        [Column(width=24), Column(width=40)],
    )
    return write_xlsx([results, *_original_sheets(check), summary])
