"""Pages of the catalogue analytics: dashboard, chart data downloads, drill-down, comparison."""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from catalog.models import Publisher, Status, Tier
from catalog.search import SearchError
from core.writers import CSV_CONTENT_TYPE, Column, Sheet, write_csv, write_xlsx
from research.services.analytics import build_dashboard, raw_filters
from research.services.drilldown import PAGE_SIZE, compare_sets, list_standards
from research.services.refresh import refresh_if_changed, staleness

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _form_context(raw: dict) -> dict:
    return {
        "raw": raw,
        "tiers": Tier.choices,
        "statuses": Status.choices,
        "publishers": Publisher.objects.order_by("code").values_list("code", "name_zh"),
        "text_values": {key: " ".join(raw.get(key, [])) for key in ("ics", "ccs", "year")},
    }


def _split_text(raw: dict) -> dict:
    # The form's text boxes take several values separated by spaces or commas.
    out = {}
    for key, values in raw.items():
        parts = [p for v in values for p in v.replace(",", " ").split()]
        if parts:
            out[key] = parts
    return out


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    """The analytics dashboard of the filtered catalogue."""
    raw = _split_text(raw_filters(request.GET))
    context = {
        "form": _form_context(raw),
        "staleness": staleness(),
        "query": request.GET.urlencode(),
    }
    try:
        board = build_dashboard(raw)
    except SearchError as exc:
        context["error"] = exc.message
        return render(request, "research/dashboard.html", context, status=400)
    context.update(board=board, charts_json=[c.as_json() for c in board.charts])
    return render(request, "research/dashboard.html", context)


@require_GET
def chart_data(request: HttpRequest, key: str, fmt: str) -> HttpResponse:
    """One chart's data as xlsx or CSV, through the shared safe-cell writer."""
    try:
        board = build_dashboard(_split_text(raw_filters(request.GET)))
    except SearchError as exc:
        return HttpResponse(exc.message, status=400, content_type="text/plain; charset=utf-8")
    chart = board.chart(key)
    if chart is None or fmt not in ("xlsx", "csv"):
        raise Http404
    columns, rows = chart.table()
    if fmt == "csv":
        data, content_type = write_csv(columns, rows), CSV_CONTENT_TYPE
    else:
        data = write_xlsx([Sheet(chart.title, rows, [Column(c, 18) for c in columns])])
        content_type = XLSX
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="analytics-{key}.{fmt}"'
    return response


@require_GET
def standards(request: HttpRequest) -> HttpResponse:
    """The standards behind a number the catalogue search cannot filter (adoption, age)."""
    raw = _split_text(raw_filters(request.GET))
    page = request.GET.get("page", "1")
    page = int(page) if page.isdigit() else 1
    try:
        total, rows = list_standards(request.user, raw, request.GET, page=page)
    except SearchError as exc:
        return render(request, "research/standards.html", {"error": exc.message}, status=400)
    pages = Paginator(range(total), PAGE_SIZE).get_page(page)
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "research/standards.html",
        {"total": total, "rows": rows, "pages": pages, "query": params.urlencode()},
    )


def _prefixed(query, prefix: str) -> dict:
    raw = {}
    for key in ("tier", "status", "publisher", "ics", "ccs", "year", "mandate"):
        values = query.getlist(prefix + key)
        if values:
            raw[key] = values
    return _split_text(raw)


@require_GET
def compare(request: HttpRequest) -> HttpResponse:
    """Two filtered sets compared by ICS field and title similarity."""
    raw_a, raw_b = _prefixed(request.GET, "a_"), _prefixed(request.GET, "b_")
    context = {"a": _form_context(raw_a), "b": _form_context(raw_b)}
    if raw_a or raw_b:
        try:
            context["result"] = compare_sets(raw_a, raw_b)
        except SearchError as exc:
            context["error"] = exc.message
            return render(request, "research/compare.html", context, status=400)
    return render(request, "research/compare.html", context)


@require_POST
@permission_required("research.refresh_aggregates", raise_exception=True)
def refresh(request: HttpRequest) -> HttpResponse:
    """Queue a refresh of the aggregates now (when the catalogue changed since the last one)."""
    from django.contrib import messages

    job = refresh_if_changed(request.user)
    if job is None:
        messages.info(request, _("The aggregates are up to date or already being refreshed."))
    else:
        messages.success(request, _("A refresh of the aggregates was started."))
    return redirect("research:analytics")
