"""Pages of verification commissions (验证委托) forwarded by the consulting desk."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from core.exceptions import DomainError
from verification.models import Commission
from verification.services import commissions as service

ACTIONS = {"accepted": _("Accept"), "declined": _("Decline"), "completed": _("Mark as completed")}


def _visible(request: HttpRequest):
    return Commission.objects.restrict(request.user, "view").select_related(
        "centre__body", "client", "forwarded_by"
    )


@login_required
def commission_list(request: HttpRequest) -> HttpResponse:
    """The commissions the person may see, newest first."""
    return render(
        request, "verification/commissions/list.html", {"commissions": _visible(request)[:200]}
    )


def _detail(request: HttpRequest, commission, error: str = "") -> HttpResponse:
    works = service.can_work_on_commission(request.user, commission)
    states = service.NEXT_STATES.get(commission.state, ()) if works else ()
    return render(
        request,
        "verification/commissions/detail.html",
        {
            "commission": commission,
            "next_states": [(s, ACTIONS[s]) for s in states],
            "error": error,
        },
        status=400 if error else 200,
    )


@login_required
def commission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A commission: what the client asks, where it came from, and the centre's answer."""
    commission = _visible(request).filter(pk=pk).first()
    if commission is None:
        raise Http404
    return _detail(request, commission)


@login_required
@require_POST
def commission_state(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept, decline or complete a commission."""
    commission = _visible(request).filter(pk=pk).first()
    if commission is None:
        raise Http404
    try:
        service.set_commission_state(
            commission,
            request.user,
            request.POST.get("state", ""),
            request.POST.get("comment", ""),
            request=request,
        )
    except DomainError as exc:
        return _detail(request, commission, error=exc.message)
    return redirect(commission)
