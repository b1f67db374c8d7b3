"""The search page (home), its htmx partial and the exports of a result list."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from catalog.forms import SORT_CHOICES, SearchParams
from catalog.search import SearchError, SearchQuery, SearchResult, search
from catalog.search.generic import search_documents
from catalog.services.exports import (
    EXPORT_LIMIT,
    export_filename,
    export_search_results,
    stream_csv,
    write_xlsx,
)
from catalog.views.common import facet_groups, filter_chips, page_links
from catalog.views.home import example_context, home_context
from core.downloads import attachment
from core.htmx import pick_template
from core.writers import CONTENT_TYPES

PAGE_SIZE = 20


def _overview() -> SearchResult | None:
    """Counts over the whole catalogue for the empty search page."""
    try:
        return search(SearchQuery(page_size=1, facets=True))
    except SearchError:
        return None


@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    """Search the catalogue; htmx requests get only the results region."""
    params = SearchParams.from_querydict(request.GET)
    path = reverse("catalog:search")
    result: SearchResult | None = None
    error = ""
    if params.is_empty:
        overview = _overview()
    else:
        overview = None
        try:
            result = search(params.to_query(page_size=PAGE_SIZE))
        except SearchError as exc:
            error = exc.message
    groups = facet_groups(result, params, path)
    # Other apps' documents that match and that the person may see (first page only).
    documents = search_documents(request.user, params.text) if result and params.page == 1 else None
    context = {
        "documents": documents,
        "params": params,
        "result": result,
        "overview": overview,
        "overview_groups": facet_groups(overview, params, path),
        "error": error,
        "notices": params.notices,
        "facet_groups": groups,
        "chips": filter_chips(groups, params, path),
        "clear_url": params.without_filters().url(path),
        "first_page_url": params.with_page(1).url(path) if error and params.page > 1 else "",
        "exact_url": params.counted_exactly().url(path)
        if result and (result.total_approximate or result.facets_approximate)
        else "",
        "sort_options": [
            {
                "value": value,
                "label": label,
                "active": value == params.sort,
                "url": params.with_sort(value).url(path),
            }
            for value, label in SORT_CHOICES
        ],
        "pages": page_links(result.page, result.num_pages, lambda n: params.with_page(n).url(path))
        if result
        else None,
        "export_xlsx_url": params.url(reverse("catalog:export-xlsx"), page=False),
        "export_csv_url": params.url(reverse("catalog:export-csv"), page=False),
        "export_limit": EXPORT_LIMIT,
        **example_context(path),
        **(home_context(request) if params.is_empty else {}),
        "page_title": _("Search: %(q)s") % {"q": params.text}
        if params.text
        else _("Standards search"),
    }
    template = pick_template(request, "catalog/search.html", "catalog/partials/results.html")
    return render(request, template, context)


def _export(request: HttpRequest, extension: str) -> HttpResponse:
    """Answer an export of the current result list, or a page saying why it failed."""
    params = SearchParams.from_querydict(request.GET)
    try:
        export = export_search_results(params.to_query())
        content = write_xlsx(export) if extension == "xlsx" else stream_csv(export)
    except SearchError as exc:
        return render(request, "catalog/export_error.html", {"error": exc.message}, status=400)
    response = attachment(content, export_filename(extension), CONTENT_TYPES[extension])
    response["X-Export-Rows"] = str(export.exported)
    response["X-Export-Total"] = str(export.total)
    return response


@require_GET
def export_xlsx(request: HttpRequest) -> HttpResponse:
    """Download the current result list as an xlsx workbook."""
    return _export(request, "xlsx")


@require_GET
def export_csv(request: HttpRequest) -> HttpResponse:
    """Stream the current result list as CSV (UTF-8 with BOM, so that Excel opens it)."""
    return _export(request, "csv")
