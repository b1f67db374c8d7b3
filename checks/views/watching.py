"""Pages of watch lists and their Atom and iCalendar feeds."""

from __future__ import annotations

import hmac

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from checks.forms import WatchItemForm, WatchListForm, WatchRuleForm
from checks.models import WatchList
from checks.notifications.feeds import atom_feed, icalendar
from checks.services import watchlists
from core.exceptions import DomainError


def _get(request: HttpRequest, pk: int, action: str = "view") -> WatchList:
    watchlist = WatchList.objects.restrict(request.user, action).filter(pk=pk).first()
    if watchlist is None:
        raise Http404(_("No such watch list."))
    return watchlist


@login_required
def watchlist_index(request: HttpRequest) -> HttpResponse:
    """The watch lists a person owns or that are shared with them; POST creates one."""
    form = WatchListForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            watchlist = watchlists.create_watchlist(
                request.user,
                data["name"],
                description=data.get("description", ""),
                organization=data.get("organization"),
                org_access=data["org_access"],
                request=request,
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect(watchlist)
    lists = WatchList.objects.restrict(request.user, "view").select_related("organization")
    return render(request, "checks/watchlists.html", {"form": form, "lists": lists})


@login_required
def watchlist_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Watched standards, rules and the forms to change them."""
    watchlist = _get(request, pk)
    can_edit = WatchList.objects.restrict(request.user, "change").filter(pk=pk).exists()
    standards = Paginator(watchlists.watched_standards(watchlist).order_by("designation"), 50)
    feed_query = f"?token={watchlist.feed_token}"
    added = watchlist.items.filter(pk=request.GET.get("added") or None).first()
    return render(
        request,
        "checks/watchlist_detail.html",
        {
            "watchlist": watchlist,
            "can_edit": can_edit,
            "items": watchlist.items.select_related("standard"),
            "added": added,
            "advice": watchlists.watch_advice(added) if added else None,
            "rules": watchlist.rules.all(),
            "standards": standards.get_page(request.GET.get("page")),
            "item_form": WatchItemForm(),
            "rule_form": WatchRuleForm(),
            "share_form": WatchListForm(instance=watchlist, user=request.user),
            "atom_url": request.build_absolute_uri(
                reverse("checks:watchlist-atom", args=[pk]) + feed_query
            ),
            "ics_url": request.build_absolute_uri(
                reverse("checks:watchlist-ics", args=[pk]) + feed_query
            ),
        },
    )


def _act(request: HttpRequest, pk: int, action) -> HttpResponse:
    watchlist = _get(request, pk)
    try:
        action(watchlist)
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect(watchlist)


@login_required
@require_POST
def watchlist_add_item(request: HttpRequest, pk: int) -> HttpResponse:
    """Watch a standard, then say on the list's page what was added and what is in force."""
    watchlist = _get(request, pk)
    try:
        item = watchlists.add_standard(
            watchlist, request.user, request.POST.get("designation", ""), request=request
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(watchlist)
    return redirect(f"{watchlist.get_absolute_url()}?added={item.pk}")


@login_required
@require_POST
def watchlist_watch_instead(request: HttpRequest, pk: int, item_id: int) -> HttpResponse:
    """One click: watch the edition in force instead of the superseded number just added."""
    designation = request.POST.get("designation", "")
    return _act(
        request,
        pk,
        lambda wl: watchlists.watch_instead(
            wl, request.user, item_id, designation, request=request
        ),
    )


@login_required
@require_POST
def watchlist_remove_item(request: HttpRequest, pk: int, item_id: int) -> HttpResponse:
    return _act(
        request, pk, lambda wl: watchlists.remove_item(wl, request.user, item_id, request=request)
    )


@login_required
@require_POST
def watchlist_add_rule(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        lambda wl: watchlists.add_rule(
            wl,
            request.user,
            request.POST.get("field", ""),
            request.POST.get("value", ""),
            request=request,
        ),
    )


@login_required
@require_POST
def watchlist_remove_rule(request: HttpRequest, pk: int, rule_id: int) -> HttpResponse:
    return _act(
        request, pk, lambda wl: watchlists.remove_rule(wl, request.user, rule_id, request=request)
    )


@login_required
@require_POST
def watchlist_share(request: HttpRequest, pk: int) -> HttpResponse:
    watchlist = _get(request, pk)
    form = WatchListForm(request.POST, instance=WatchList(owner=request.user), user=request.user)
    form.is_valid()  # only the sharing fields are used; the name is not changed here
    data = form.cleaned_data
    return _act(
        request,
        pk,
        lambda wl: watchlists.share_watchlist(
            watchlist,
            request.user,
            data.get("organization"),
            data.get("org_access") or WatchList.Access.VIEW,
            request=request,
        ),
    )


@login_required
@require_POST
def watchlist_delete(request: HttpRequest, pk: int) -> HttpResponse:
    watchlist = _get(request, pk)
    try:
        watchlists.delete_watchlist(watchlist, request.user, request=request)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect(watchlist)
    messages.success(request, _("Watch list deleted."))
    return redirect("checks:watchlists")


def _by_token(request: HttpRequest, pk: int) -> WatchList:
    watchlist = WatchList.objects.filter(pk=pk).first()
    token = request.GET.get("token", "")
    if watchlist is None or not hmac.compare_digest(watchlist.feed_token, token):
        raise Http404(_("No such feed."))
    return watchlist


@require_GET
def watchlist_atom(request: HttpRequest, pk: int) -> HttpResponse:
    """Atom feed of changes; feed readers authenticate with the list's secret token."""
    watchlist = _by_token(request, pk)
    body = atom_feed(
        watchlist, request.build_absolute_uri("/").rstrip("/"), request.build_absolute_uri()
    )
    return HttpResponse(body, content_type="application/atom+xml; charset=utf-8")


@require_GET
def watchlist_ics(request: HttpRequest, pk: int) -> HttpResponse:
    """iCalendar feed of effective and withdrawal dates."""
    watchlist = _by_token(request, pk)
    response = HttpResponse(
        icalendar(watchlist, request.get_host()), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="watchlist-{pk}.ics"'
    return response
