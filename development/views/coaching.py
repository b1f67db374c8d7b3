"""Pages of drafting coaching (标准制修订辅导) forwarded by the consulting desk."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_POST

from core.exceptions import DomainError
from development.models import CoachingRequest
from development.services import coaching as service

ACTIONS = {
    "accepted": pgettext_lazy("coaching", "Accept"),
    "declined": _("Decline"),
    "completed": _("Mark as coached"),
}


def _visible(request: HttpRequest):
    return CoachingRequest.objects.restrict(request.user, "view").select_related(
        "body", "requester", "forwarded_by"
    )


@login_required
def coaching_list(request: HttpRequest) -> HttpResponse:
    """The coaching requests the person may see, newest first."""
    return render(request, "development/coaching/list.html", {"items": _visible(request)[:200]})


def _detail(request: HttpRequest, item, error: str = "") -> HttpResponse:
    works = service.can_work_on_request(request.user, item)
    states = service.NEXT_STATES.get(item.state, ()) if works else ()
    return render(
        request,
        "development/coaching/detail.html",
        {"item": item, "next_states": [(s, ACTIONS[s]) for s in states], "error": error},
        status=400 if error else 200,
    )


@login_required
def coaching_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A request: what the enterprise drafts, where it came from, the secretariat's answer."""
    item = _visible(request).filter(pk=pk).first()
    if item is None:
        raise Http404
    return _detail(request, item)


@login_required
@require_POST
def coaching_state(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept, decline or complete a coaching request."""
    item = _visible(request).filter(pk=pk).first()
    if item is None:
        raise Http404
    try:
        service.set_coaching_state(
            item,
            request.user,
            request.POST.get("state", ""),
            request.POST.get("comment", ""),
            request=request,
        )
    except DomainError as exc:
        return _detail(request, item, error=exc.message)
    return redirect(item)
