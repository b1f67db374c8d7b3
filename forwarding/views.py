"""The pages of a forwarding target: its list, a record, the staff's state change."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from core.exceptions import DomainError
from forwarding import services
from forwarding.services import ForwardingTarget


def _visible(config: ForwardingTarget, request: HttpRequest):
    return (
        config.model_class()
        .objects.restrict(request.user, "view")
        .select_related(config.target_field, "requester", "forwarded_by")
    )


def _item(config: ForwardingTarget, request: HttpRequest, pk: int):
    item = _visible(config, request).filter(pk=pk).first()
    if item is None:
        raise Http404
    return item


def item_list(request: HttpRequest, config: ForwardingTarget) -> HttpResponse:
    """The records the person may see, newest first."""
    items = _visible(config, request)[:200]
    rows = [(item, config.target_of(item)) for item in items]
    context = {"items": items, config.pages.list_name: items, "rows": rows, "pages": config.pages,
               "labels": config.labels()}  # fmt: skip
    return render(request, "forwarding/list.html", context)


def _detail(request: HttpRequest, config: ForwardingTarget, item, error: str = ""):
    pages = config.pages
    states = services.next_states(config, request.user, item)
    context = {
        "item": item,
        pages.item_name: item,
        "target": config.target_of(item),
        "pages": pages,
        "labels": config.labels(),
        "next_states": [(s, pages.actions[s]) for s in states],
        "error": error,
    }
    return render(request, "forwarding/detail.html", context, status=400 if error else 200)


def item_detail(request: HttpRequest, pk: int, config: ForwardingTarget) -> HttpResponse:
    """A record: what the enterprise asks, where it came from, the staff's answer."""
    return _detail(request, config, _item(config, request, pk))


def item_state(request: HttpRequest, pk: int, config: ForwardingTarget) -> HttpResponse:
    """Accept, decline or complete a record."""
    item = _item(config, request, pk)
    try:
        services.set_state(
            config,
            item,
            request.user,
            request.POST.get("state", ""),
            request.POST.get("comment", ""),
            request=request,
        )
    except DomainError as exc:
        return _detail(request, config, item, error=exc.message)
    return redirect(item)


def views_for(config: ForwardingTarget):
    """(list, detail, state) view functions of one target, for the app's URLconf."""

    @login_required
    def list_view(request: HttpRequest) -> HttpResponse:
        return item_list(request, config)

    @login_required
    def detail_view(request: HttpRequest, pk: int) -> HttpResponse:
        return item_detail(request, pk, config)

    @login_required
    @require_POST
    def state_view(request: HttpRequest, pk: int) -> HttpResponse:
        return item_state(request, pk, config)

    return list_view, detail_view, state_view
