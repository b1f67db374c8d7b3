"""Export lists of standards (a search result or a queryset) to xlsx and CSV."""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from catalog.models import Standard, StandardCcs, StandardIcs
from catalog.search import SearchQuery, search

# Beyond this many rows an export is cut off, with a note saying so.
EXPORT_LIMIT = 10_000
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
# Rows fetched from the search service or the database at a time.
CHUNK_SIZE = 100
# A spreadsheet would run a cell starting with one of these as a formula (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def export_headers() -> list[str]:
    """The column headings, in the active language (Chinese by default)."""
    return [
        _("Designation"),
        _("Chinese title"),
        _("English title"),
        _("Tier"),
        _("Status"),
        _("Issue date"),
        _("Effective date"),
        _("Withdrawal date"),
        "ICS",
        "CCS",
        _("Publisher"),
        _("Source"),
    ]


@dataclass
class ExportSet:
    """The standards to export, fetched lazily, with the total that matched."""

    standards: Iterable[Standard]
    total: int
    limit: int = EXPORT_LIMIT
    description: str = ""

    @property
    def exported(self) -> int:
        return min(self.total, self.limit)

    @property
    def truncated(self) -> bool:
        return self.total > self.limit

    def note(self) -> str:
        """A sentence that says how many rows the export holds and why it may be cut off."""
        if self.truncated:
            return _(
                "Only the first %(limit)s of %(total)s matching standards are exported; "
                "narrow the search with filters to export the rest."
            ) % {"limit": f"{self.limit:,}", "total": f"{self.total:,}"}
        return _("%(count)s standards exported.") % {"count": f"{self.exported:,}"}


def _with_classifications(standards: list[Standard]) -> list[Standard]:
    prefetch_related_objects(
        standards,
        "source",
        "publisher",
        Prefetch(
            "ics_links", queryset=StandardIcs.objects.select_related("code").order_by("position")
        ),
        Prefetch(
            "ccs_links", queryset=StandardCcs.objects.select_related("code").order_by("position")
        ),
    )
    return standards


def export_search_results(query: SearchQuery, *, limit: int = EXPORT_LIMIT) -> ExportSet:
    """Collect the standards of a search, best first, up to `limit` (raises SearchError early)."""
    base = replace(query, page=1, page_size=CHUNK_SIZE, facets=False)
    first = search(base)

    def standards() -> Iterator[Standard]:
        result, sent = first, 0
        while True:
            chunk = _with_classifications([hit.standard for hit in result.hits])
            for standard in chunk:
                if sent >= limit:
                    return
                sent += 1
                yield standard
            if result.page >= result.num_pages or not result.hits:
                return
            result = search(replace(base, page=result.page + 1))

    return ExportSet(standards(), first.total, limit, description=query.text)


def export_queryset(queryset: QuerySet[Standard], *, limit: int = EXPORT_LIMIT) -> ExportSet:
    """Collect the standards of a queryset in its order, up to `limit`."""
    total = queryset.count()

    def standards() -> Iterator[Standard]:
        chunk: list[Standard] = []
        for standard in queryset[:limit].iterator(chunk_size=CHUNK_SIZE):
            chunk.append(standard)
            if len(chunk) == CHUNK_SIZE:
                yield from _with_classifications(chunk)
                chunk = []
        yield from _with_classifications(chunk)

    return ExportSet(standards(), total, limit)


def _csv_value(value: str | datetime.date | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    # A leading apostrophe keeps a spreadsheet from running the cell as a formula.
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


def export_row(standard: Standard) -> list[str | datetime.date | None]:
    """One standard as the values of the export columns (dates as dates)."""
    return [
        standard.designation,
        standard.title_zh,
        standard.title_en,
        str(standard.get_tier_display()),
        str(standard.get_status_display()),
        standard.issued,
        standard.effective,
        standard.withdrawn,
        "; ".join(link.code.code for link in standard.ics_links.all()),
        "; ".join(link.code.code for link in standard.ccs_links.all()),
        str(standard.publisher) if standard.publisher else "",
        standard.source.name if standard.source else "",
    ]


def _xlsx_cell(sheet, value: str | datetime.date | None) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, datetime.date):
        cell.number_format = "yyyy-mm-dd"
    elif isinstance(value, str):
        cell.data_type = "s"  # text stays text, even when it starts with "="
    return cell


def write_xlsx(export: ExportSet) -> bytes:
    """Write the standards as an xlsx workbook: a data sheet and a sheet with notes."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Standards"))
    sheet.freeze_panes = "A2"
    for letter, width in zip(
        "ABCDEFGHIJKL", (22, 40, 40, 8, 8, 12, 12, 12, 16, 10, 24, 20), strict=True
    ):
        sheet.column_dimensions[letter].width = width
    bold = Font(bold=True)
    header = []
    for title in export_headers():
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for standard in export.standards:
        sheet.append([_xlsx_cell(sheet, value) for value in export_row(standard)])
    notes = workbook.create_sheet(_("Notes"))
    notes.append([_("Exported at"), timezone.localtime().strftime("%Y-%m-%d %H:%M")])
    if export.description:
        notes.append([_("Search"), _xlsx_cell(notes, export.description)])
    notes.append([_("Matching standards"), export.total])
    notes.append([_("Exported rows"), export.exported])
    notes.append([pgettext("export notes", "Note"), export.note()])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


class _Echo:
    """A file-like object whose write returns the line, for streaming csv.writer output."""

    def write(self, value: str) -> str:
        return value


def stream_csv(export: ExportSet) -> Iterator[str]:
    """Yield the standards as CSV lines, starting with a BOM so that Excel reads UTF-8."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(export_headers())
    for standard in export.standards:
        yield writer.writerow([_csv_value(value) for value in export_row(standard)])
    if export.truncated:
        yield writer.writerow(["# " + export.note()])


def export_filename(extension: str) -> str:
    """A file name such as stdbase-standards-20250601-1200.xlsx."""
    return f"stdbase-standards-{timezone.localtime():%Y%m%d-%H%M}.{extension}"
