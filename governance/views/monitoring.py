"""Monitoring pages: the dashboard (动态监测), its export, an indicator's values and records."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.exceptions import DomainError
from core.htmx import pick_template
from core.writers import CSV_CONTENT_TYPE
from governance.models import Base, Indicator, KpiValue
from governance.services import bases, kpis, monitoring
from governance.services.access import may
from governance.sources import get_source, registered_sources
from governance.views.common import MONITORING_NAME, download, file_name, get_or_404, parse_date

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _scope(request: HttpRequest, base: Base) -> tuple[object, object]:
    """The centre or builder unit chosen: `scope=centre-<pk>|unit-<pk>`, or `centre`/`unit`."""
    kind, _sep, pk = request.GET.get("scope", "").partition("-")
    centre_pk = pk if kind == "centre" else request.GET.get("centre")
    unit_pk = pk if kind == "unit" else request.GET.get("unit")
    centre = unit = None
    if centre_pk and centre_pk.isdigit():
        centre = bases.centres_of(base).filter(pk=centre_pk).first()
    if unit_pk:
        try:
            unit = monitoring.unit_of(base, unit_pk, request.user)
        except DomainError as error:
            raise Http404(str(error)) from error
    return centre, unit


def _board(request: HttpRequest, base: Base) -> tuple[monitoring.Dashboard, object, int]:
    centre, unit = _scope(request, base)
    try:
        months = min(max(int(request.GET.get("months", 12)), 1), 36)
    except ValueError:
        months = 12
    until = timezone.localdate()
    board = monitoring.dashboard(base, until=until, months=months, centre=centre, unit=unit)
    return board, (centre, unit), months


@login_required
def dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    """KPIs against targets over the months, per centre, with lights and trends."""
    base = get_or_404(Base, request.user, pk)
    board, (centre, unit), months = _board(request, base)
    context = {
        "base": base,
        "board": board,
        "centre": centre or unit,
        "chosen_centre": centre,
        "chosen_unit": unit,
        "months": months,
        "centres": bases.centres_of(base),
        "units": monitoring.builder_units(base, request.user),
        "may_compute": may(request.user, "change_kpivalue", base),
        "may_add": may(request.user, "add_indicator", base),
        "sources": registered_sources(),
        "parents": Indicator.objects.filter(base=base, level__lt=3).order_by("code"),
        "tab": "dashboard",
    }
    template = pick_template(request, "governance/dashboard.html", "governance/partials/board.html")
    return render(request, template, context)


@login_required
def dashboard_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The dashboard as xlsx or CSV."""
    base = get_or_404(Base, request.user, pk)
    if fmt not in ("xlsx", "csv"):
        raise Http404(fmt)
    board, _centre, _months = _board(request, base)
    name = file_name(MONITORING_NAME, base.code, f"{timezone.localdate():%Y%m%d}", ext=fmt)
    content_type = CSV_CONTENT_TYPE if fmt == "csv" else XLSX
    return download(monitoring.export_dashboard(board, fmt), name, content_type)


@login_required
@require_POST
def compute(request: HttpRequest, pk: int) -> HttpResponse:
    """Compute this month's values of every indicator with a data source."""
    base = get_or_404(Base, request.user, pk)
    try:
        kpis.compute_values(base, timezone.localdate(), actor=request.user, request=request)
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("governance:dashboard", base.pk)


@login_required
def indicator_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Drill-down: an indicator's monthly values, how each was obtained, and its records."""
    indicator = get_or_404(Indicator, request.user, pk)
    values = KpiValue.objects.restrict(request.user, "view").filter(indicator=indicator)
    context = {
        "indicator": indicator,
        "base": indicator.base,
        "source": get_source(indicator.source),
        "values": values.order_by("-period").select_related("evidence", "entered_by"),
        "children": indicator.children.all(),
        "may_enter": indicator.source == kpis.MANUAL
        and not indicator.children.exists()
        and may(request.user, "change_kpivalue", indicator.base),
    }
    return render(request, "governance/indicator_detail.html", context)


@login_required
@require_POST
def indicator_enter(request: HttpRequest, pk: int) -> HttpResponse:
    """Enter a manual value with its evidence; nothing is kept when it is refused."""
    indicator = get_or_404(Indicator, request.user, pk)
    post = request.POST
    try:
        period = parse_date((post.get("period") or "") + "-01", _("Month"))
        kpis.enter_value(
            indicator,
            period=period,
            value=post.get("value", ""),
            note=post.get("note", ""),
            user=request.user,
            upload=request.FILES.get("evidence"),
            request=request,
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect(indicator)
