"""The message centre, notification settings and webhooks with their delivery history."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.exceptions import DomainError
from notifications.forms import ChannelsForm, PreferenceForm, WebhookForm
from notifications.models import Notification, Webhook, WebhookDelivery
from notifications.registry import empty_hints
from notifications.services import subscriptions


@login_required
def message_centre(request: HttpRequest) -> HttpResponse:
    """A person's notifications, newest first, unread ones highlighted."""
    notes = Notification.objects.restrict(request.user, "view").filter(recipient=request.user)
    if request.GET.get("unread"):
        notes = notes.filter(read_at__isnull=True)
    page = Paginator(notes, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/messages.html",
        {
            "page": page,
            "unread": subscriptions.unread_count(request.user),
            "only_unread": bool(request.GET.get("unread")),
            "hints": [] if page.object_list else empty_hints(request.user),
        },
    )


@login_required
@require_POST
def message_read(request: HttpRequest) -> HttpResponse:
    """Mark one notification (``id``) or all of them as read."""
    raw = request.POST.get("id", "")
    if raw and not (raw.isascii() and raw.isdigit() and 0 < int(raw) < 2**63):
        return HttpResponseBadRequest(_("Not a notification number."))
    ids = [int(raw)] if raw else None
    subscriptions.mark_read(request.user, ids, request=request)
    return redirect("notifications:messages")


@require_GET
def unread_badge(request: HttpRequest) -> HttpResponse:
    """The unread count fragment for the site header (htmx-polled)."""
    return render(
        request,
        "notifications/partials/unread_badge.html",
        {"unread": subscriptions.unread_count(request.user)},
    )


@login_required
def alert_settings(request: HttpRequest) -> HttpResponse:
    """E-mail frequency, significant-only switch, channels per event type and webhooks."""
    pref = subscriptions.preference_for(request.user)
    data = request.POST or None
    form = PreferenceForm(data, instance=pref)
    channels = ChannelsForm(data, initial_channels=subscriptions.event_channels(request.user))
    if request.method == "POST" and form.is_valid() and channels.is_valid():
        subscriptions.save_preference(request.user, request=request, **form.cleaned_data)
        if channels.fields:
            subscriptions.save_event_channels(request.user, channels.choices(), request=request)
        messages.success(request, _("Alert settings saved."))
        return redirect("notifications:settings")
    hooks = Webhook.objects.restrict(request.user, "view").filter(owner=request.user)
    return render(
        request,
        "notifications/alert_settings.html",
        {
            "form": form,
            "channels": channels,
            "hooks": hooks,
            "webhook_form": WebhookForm(),
        },
    )


@login_required
@require_POST
def webhook_create(request: HttpRequest) -> HttpResponse:
    """Register a webhook."""
    form = WebhookForm(request.POST)
    if not form.is_valid():
        messages.error(
            request,
            _("Please correct the webhook: %(errors)s")
            % {"errors": " ".join(str(e) for errs in form.errors.values() for e in errs)},
        )
        return redirect("notifications:settings")
    try:
        hook = subscriptions.create_webhook(request.user, request=request, **form.cleaned_data)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("notifications:settings")
    return redirect("notifications:webhook-detail", pk=hook.pk)


def _hook(request: HttpRequest, pk: int) -> Webhook:
    hook = Webhook.objects.restrict(request.user, "view").filter(pk=pk, owner=request.user).first()
    if hook is None:
        raise Http404(_("No such webhook."))
    return hook


@login_required
def webhook_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A webhook and its deliveries: failures, attempts and the next retry."""
    hook = _hook(request, pk)
    deliveries = Paginator(hook.deliveries.select_related("notification"), 30)
    return render(
        request,
        "notifications/webhook_detail.html",
        {
            "hook": hook,
            "page": deliveries.get_page(request.GET.get("page")),
        },
    )


@login_required
@require_POST
def webhook_delete(request: HttpRequest, pk: int) -> HttpResponse:
    hook = _hook(request, pk)
    subscriptions.delete_webhook(hook, request.user, request=request)
    messages.success(request, _("Webhook deleted."))
    return redirect("notifications:settings")


@login_required
@require_POST
def webhook_retry(request: HttpRequest, pk: int, delivery_id: int) -> HttpResponse:
    hook = _hook(request, pk)
    delivery = WebhookDelivery.objects.filter(pk=delivery_id, webhook=hook).first()
    if delivery is None:
        raise Http404(_("No such delivery."))
    try:
        subscriptions.retry_delivery(delivery, request.user, request=request)
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("notifications:webhook-detail", pk=hook.pk)
