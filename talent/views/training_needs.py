"""Pages of training needs (培训需求) forwarded by the consulting desk, under /talent/training/."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_POST

from core.exceptions import DomainError
from talent.models import TrainingNeed
from talent.services import training_needs as service

ACTIONS = {
    "accepted": pgettext_lazy("training need", "Accept"),
    "declined": _("Decline"),
    "completed": _("Mark as met"),
}


def _visible(request: HttpRequest):
    return TrainingNeed.objects.restrict(request.user, "view").select_related(
        "centre", "requester", "forwarded_by"
    )


@login_required
def need_list(request: HttpRequest) -> HttpResponse:
    """The training needs the person may see, newest first."""
    return render(request, "talent/training/needs/list.html", {"needs": _visible(request)[:200]})


def _detail(request: HttpRequest, need, error: str = "") -> HttpResponse:
    works = service.can_work_on_need(request.user, need)
    states = service.NEXT_STATES.get(need.state, ()) if works else ()
    return render(
        request,
        "talent/training/needs/detail.html",
        {"need": need, "next_states": [(s, ACTIONS[s]) for s in states], "error": error},
        status=400 if error else 200,
    )


@login_required
def need_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A need: what the enterprise wants to learn, where it came from, the centre's answer."""
    need = _visible(request).filter(pk=pk).first()
    if need is None:
        raise Http404
    return _detail(request, need)


@login_required
@require_POST
def need_state(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept, decline or meet a training need."""
    need = _visible(request).filter(pk=pk).first()
    if need is None:
        raise Http404
    try:
        service.set_need_state(
            need,
            request.user,
            request.POST.get("state", ""),
            request.POST.get("comment", ""),
            request=request,
        )
    except DomainError as exc:
        return _detail(request, need, error=exc.message)
    return redirect(need)
