"""Browse the catalogue by ICS and CCS classification, and the page of data sources."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from catalog.forms import SearchParams
from catalog.models import DataSource
from catalog.search import Hit
from catalog.services.classifications import (
    Scheme,
    find_node,
    ics_names_are_english,
    list_children,
    list_standards_under,
    node_path,
    search_filter_values,
)
from catalog.views.common import page_links
from core.htmx import pick_template

SCHEME_TITLES = {
    "ics": _("International Classification for Standards (ICS)"),
    "ccs": _("Chinese Classification for Standards (CCS)"),
}
PAGE_SIZE = 20


def _browse_root(request: HttpRequest, scheme: Scheme) -> HttpResponse:
    context = {
        "scheme": scheme,
        "scheme_title": SCHEME_TITLES[scheme],
        "children": list_children(scheme, None),
        "path": [],
        "node": None,
        "ics_names_english": scheme == "ics" and ics_names_are_english(),
    }
    return render(request, "catalog/browse.html", context)


def _browse_node(request: HttpRequest, scheme: Scheme, code: str) -> HttpResponse:
    node = find_node(scheme, code)
    if node is None:
        raise Http404(code)
    params = SearchParams.from_querydict(request.GET)
    page_path = reverse(f"catalog:{scheme}-node", args=[node.code])
    paginator = Paginator(list_standards_under(scheme, node, request.user), PAGE_SIZE)
    page = paginator.get_page(params.page)
    hits = [Hit(standard=s, score=None, exact=False, highlights={}) for s in page.object_list]
    filter_values = search_filter_values(scheme, node)
    context = {
        "scheme": scheme,
        "scheme_title": SCHEME_TITLES[scheme],
        "node": node,
        "path": node_path(node),
        "total": paginator.count,
        "children": list_children(scheme, node),
        "ics_names_english": scheme == "ics" and ics_names_are_english(),
        "hits": hits,
        "notices": params.notices,
        "pages": page_links(
            page.number,
            paginator.num_pages,
            lambda n: f"{page_path}?page={n}" if n > 1 else page_path,
        ),
        "search_url": SearchParams(filters={scheme: (node.code,)}).url(reverse("catalog:search"))
        if len(filter_values) == 1
        else "",
    }
    template = pick_template(
        request, "catalog/browse_node.html", "catalog/partials/node_standards.html"
    )
    return render(request, template, context)


@require_GET
def ics_root(request: HttpRequest) -> HttpResponse:
    """The top level of the ICS tree with counts."""
    return _browse_root(request, "ics")


@require_GET
def ics_node(request: HttpRequest, code: str) -> HttpResponse:
    """One ICS node: breadcrumb, children with counts and the standards under it."""
    return _browse_node(request, "ics", code)


@require_GET
def ccs_root(request: HttpRequest) -> HttpResponse:
    """The top level of the CCS tree with counts."""
    return _browse_root(request, "ccs")


@require_GET
def ccs_node(request: HttpRequest, code: str) -> HttpResponse:
    """One CCS node: breadcrumb, children with counts and the standards under it."""
    return _browse_node(request, "ccs", code)


@require_GET
def data_sources(request: HttpRequest) -> HttpResponse:
    """Where the catalogue records come from, their licences, and the NOTICE credits."""
    notice_path = settings.BASE_DIR / "NOTICE"
    notice = notice_path.read_text(encoding="utf-8") if notice_path.is_file() else ""
    sources = DataSource.objects.annotate(count=Count("standards")).order_by("name")
    return render(request, "catalog/sources.html", {"sources": sources, "notice": notice})
