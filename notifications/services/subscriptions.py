"""A person's side of notifications: preferences, webhooks and the message centre."""

from __future__ import annotations

import secrets

from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import log_action
from core.exceptions import DomainError
from core.net import check_outgoing_url
from notifications.models import EventPreference, Notification, Preference, Webhook, WebhookDelivery
from notifications.registry import CHANNELS, EVENT_TYPES


class SubscriptionError(DomainError):
    """A notification setting that cannot be saved."""

    code = "subscription_invalid"


def preference_for(user) -> Preference:
    """The notification preference of a person (defaults until they change it)."""
    return Preference.objects.filter(user=user).first() or Preference(user=user)


def save_preference(
    user, *, email: bool, frequency: str, significant_only: bool, request=None
) -> Preference:
    """Store how a person wants to receive notifications by e-mail."""
    if frequency not in Preference.Frequency.values:
        raise SubscriptionError(_("Unknown frequency."))
    pref, _created = Preference.objects.update_or_create(
        user=user,
        defaults={"email": email, "frequency": frequency, "significant_only": significant_only},
    )
    log_action(
        "notifications.preference.changed",
        actor=user,
        obj=pref,
        request=request,
        after={"email": email, "frequency": frequency, "significant_only": significant_only},
    )
    return pref


def event_channels(user) -> dict[str, set[str]]:
    """Per registered event type, the channels a person receives it through."""
    chosen = dict(EventPreference.objects.filter(user=user).values_list("event_type", "channels"))
    return {
        code: set(chosen[code]) if code in chosen else set(kind.default_channels)
        for code, kind in EVENT_TYPES.items()
    }


def save_event_channels(user, choices: dict[str, set[str]], request=None) -> None:
    """Store the channels a person chose per event type (unknown types or channels refused)."""
    unknown = set(choices) - set(EVENT_TYPES)
    bad = {c for channels in choices.values() for c in channels} - set(CHANNELS)
    if unknown or bad:
        raise SubscriptionError(_("Unknown event type or channel."))
    before = event_channels(user)
    for code, channels in choices.items():
        EventPreference.objects.update_or_create(
            user=user, event_type=code, defaults={"channels": sorted(channels)}
        )
    log_action(
        "notifications.channels.changed",
        actor=user,
        request=request,
        before={k: sorted(v) for k, v in before.items() if k in choices},
        after={k: sorted(v) for k, v in choices.items()},
    )


def create_webhook(
    user,
    *,
    name: str,
    url: str,
    flavor: str,
    secret: str = "",
    significant_only: bool = False,
    active: bool = True,
    request=None,
) -> Webhook:
    """Register a webhook; a generic one gets a random signing secret when none is given."""
    if not url.startswith(("https://", "http://")):
        raise SubscriptionError(_("The webhook address must start with http:// or https://."))
    check_outgoing_url(url)  # raises OutgoingURLError with a generic message
    if flavor == Webhook.Flavor.GENERIC and not secret:
        secret = secrets.token_urlsafe(32)
    hook = Webhook.objects.create(
        owner=user,
        name=name.strip()[:100] or flavor,
        url=url,
        flavor=flavor,
        secret=secret,
        significant_only=significant_only,
        active=active,
    )
    log_action(
        "notifications.webhook.created",
        actor=user,
        obj=hook,
        request=request,
        after={"name": hook.name, "url": url, "flavor": flavor},
    )
    return hook


def delete_webhook(hook: Webhook, user, request=None) -> None:
    """Remove a webhook and its delivery history."""
    if hook.owner_id != user.pk:
        raise SubscriptionError(_("This webhook is not yours."), code="forbidden")
    log_action(
        "notifications.webhook.deleted",
        actor=user,
        obj=hook,
        request=request,
        before={"name": hook.name, "url": hook.url},
    )
    hook.delete()


def retry_delivery(delivery: WebhookDelivery, user, request=None) -> WebhookDelivery:
    """Queue an abandoned or failing delivery for another attempt now."""
    if delivery.webhook.owner_id != user.pk:
        raise SubscriptionError(_("This webhook is not yours."), code="forbidden")
    check_outgoing_url(delivery.webhook.url)  # a refused address is not called again
    delivery.state = WebhookDelivery.State.RETRYING
    delivery.next_attempt_at = timezone.now()
    delivery.save(update_fields=["state", "next_attempt_at"])
    log_action(
        "notifications.webhook.retry_requested",
        actor=user,
        obj=delivery.webhook,
        request=request,
        after={"delivery": delivery.pk},
    )
    return delivery


def mark_read(user, ids: list[int] | None = None, request=None) -> int:
    """Mark some (or all) unread notifications of a person as read."""
    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    count = qs.update(read_at=timezone.now())
    if count:
        log_action(
            "notifications.notification.read",
            actor=user,
            request=request,
            after={"count": count, "ids": ids},
        )
    return count


def unread_count(user) -> int:
    """How many notifications a person has not read yet."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
