"""Export lists of standards (a search result or a queryset) to xlsx and CSV."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from catalog.models import Standard, StandardCcs, StandardIcs
from catalog.search import SearchQuery, search
from core import writers
from core.writers import Column, Sheet

# Beyond this many rows an export is cut off, with a note saying so.
EXPORT_LIMIT = 10_000
# Rows fetched from the search service or the database at a time.
CHUNK_SIZE = 100
# The views answer with these (kept here so that they import one module).
XLSX_CONTENT_TYPE = writers.XLSX_CONTENT_TYPE
CSV_CONTENT_TYPE = writers.CSV_CONTENT_TYPE


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


_WIDTHS = (22, 40, 40, 8, 8, 12, 12, 12, 16, 10, 24, 20)


def write_xlsx(export: ExportSet) -> bytes:
    """Write the standards as an xlsx workbook: a data sheet and a sheet with notes."""
    columns = [Column(title, width) for title, width in zip(export_headers(), _WIDTHS, strict=True)]
    notes = [[_("Exported at"), timezone.localtime().strftime("%Y-%m-%d %H:%M")]]
    if export.description:
        notes.append([_("Search"), export.description])
    notes += [
        [_("Matching standards"), export.total],
        [_("Exported rows"), export.exported],
        [pgettext("export notes", "Note"), export.note()],
    ]
    rows = (export_row(standard) for standard in export.standards)
    return writers.write_xlsx([Sheet(_("Standards"), rows, columns), Sheet(_("Notes"), notes)])


def stream_csv(export: ExportSet) -> Iterator[str]:
    """Yield the standards as CSV lines, starting with a BOM so that Excel reads UTF-8."""

    def rows() -> Iterator[list]:
        yield from (export_row(standard) for standard in export.standards)
        if export.truncated:
            yield ["# " + export.note()]

    return writers.stream_csv(export_headers(), rows())


def export_filename(extension: str) -> str:
    """A file name such as stdbase-standards-20250601-1200.xlsx."""
    return f"stdbase-standards-{timezone.localtime():%Y%m%d-%H%M}.{extension}"
