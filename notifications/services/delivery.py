"""Deliver notifications: e-mail now or as a digest, webhooks from the outbox with retries."""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.net import OutgoingRequestError, OutgoingURLError, send
from notifications.models import Notification, Preference, WebhookDelivery
from notifications.registry import get_event_type
from notifications.services.webhooks import build_request

logger = logging.getLogger("stdbase.notifications")

MAX_ATTEMPTS = 8
BACKOFF_BASE = datetime.timedelta(minutes=1)
BACKOFF_MAX = datetime.timedelta(hours=12)
TIMEOUT_SECONDS = 10
Frequency = Preference.Frequency


def backoff(attempts: int) -> datetime.timedelta:
    """Wait before the next attempt: 1, 2, 4, 8 ... minutes, at most 12 hours."""
    return min(BACKOFF_BASE * (2 ** max(0, attempts - 1)), BACKOFF_MAX)


def site_url() -> str:
    """The public address used in links sent outside the site (empty: relative links)."""
    return getattr(settings, "SITE_URL", "").rstrip("/")


# -- email ------------------------------------------------------------------------------


def _send(user, subject: str, notifications: list[Notification]) -> bool:
    lines = []
    for note in notifications:
        lines += [note.title, note.body, site_url() + note.url, ""]
    try:
        send_mail(subject, "\n".join(lines), None, [user.email])
    except Exception as exc:  # noqa: BLE001 - any mail failure is recorded, not raised
        logger.warning("alert email to user %s failed: %s", user.pk, exc)
        return False
    return True


def _email(user, notifications: list[Notification], subject: str) -> int:
    ids = [n.pk for n in notifications]
    # Claim first so that a parallel run cannot send the same notifications again.
    claimed = Notification.objects.filter(
        pk__in=ids, email_state=Notification.EmailState.PENDING
    ).update(email_state=Notification.EmailState.SENDING)
    if not claimed:
        return 0
    notes = list(
        Notification.objects.filter(pk__in=ids, email_state=Notification.EmailState.SENDING)
    )
    state = (
        Notification.EmailState.SENT
        if _send(user, subject, notes)
        else (Notification.EmailState.FAILED)
    )
    Notification.objects.filter(pk__in=[n.pk for n in notes]).update(email_state=state)
    return len(notes) if state == Notification.EmailState.SENT else 0


def _pending_by_user(user_filter: Q) -> dict:
    pending: dict = {}
    qs = (
        Notification.objects.filter(email_state=Notification.EmailState.PENDING)
        .filter(user_filter)
        .select_related("recipient")
        .order_by("pk")
    )
    for note in qs:
        pending.setdefault(note.recipient, []).append(note)
    return pending


def send_immediate_emails() -> int:
    """Email pending notifications of people who want them immediately."""
    digest_users = Preference.objects.exclude(frequency=Frequency.IMMEDIATE).values("user_id")
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for user, notes in _pending_by_user(~Q(recipient_id__in=digest_users)).items():
            for note in notes:
                sent += _email(user, [note], note.title)
    return sent


def digest_subject(notes: list[Notification]) -> str:
    """The subject of a digest: the event type's own wording when all share one type."""
    types = {n.event_type for n in notes}
    wording = get_event_type(types.pop()).digest_subject if len(types) == 1 else None
    if wording:
        return wording(len(notes))
    return _("%(count)d new notifications") % {"count": len(notes)}


def send_digests(now: datetime.datetime | None = None) -> int:
    """Send the daily digests, and the weekly ones on Mondays; one email per person."""
    now = now or timezone.now()
    today = timezone.localtime(now).date()
    due = [Frequency.DAILY] + ([Frequency.WEEKLY] if today.weekday() == 0 else [])
    prefs = {p.user_id: p for p in Preference.objects.filter(frequency__in=due)}
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for user, notes in _pending_by_user(Q(recipient_id__in=prefs)).items():
            pref = prefs[user.pk]
            if pref.last_digest_at and timezone.localtime(pref.last_digest_at).date() == today:
                continue
            subject = digest_subject(notes)
            sent += _email(user, notes, subject)
            pref.last_digest_at = now
            pref.save(update_fields=["last_digest_at"])
    return sent


# -- webhooks ---------------------------------------------------------------------------


def attempt_delivery(delivery: WebhookDelivery, now: datetime.datetime | None = None) -> bool:
    """POST one delivery; on failure schedule the next attempt with exponential backoff."""
    now = now or timezone.now()
    claimed = WebhookDelivery.objects.filter(
        pk=delivery.pk, state=delivery.state, attempts=delivery.attempts
    ).update(last_attempt_at=now, attempts=delivery.attempts + 1)
    if not claimed:
        return False  # another worker took it
    delivery.attempts += 1
    delivery.last_attempt_at = now
    with translation.override(settings.LANGUAGE_CODE):
        request = build_request(delivery.webhook, delivery.notification, delivery.pk, site_url())
    status, error = None, ""
    try:
        # The address is checked again at every attempt (DNS may have changed since).
        with translation.override(settings.LANGUAGE_CODE):
            response = send(request.url, request.data, request.headers, timeout=TIMEOUT_SECONDS)
    except (OutgoingURLError, OutgoingRequestError) as exc:
        logger.warning("webhook delivery %s failed: %s", delivery.pk, exc.detail)
        error = exc.message  # generic: the detail is in the log only
    else:
        status = response.status
        if not 200 <= status < 300:
            error = f"HTTP {status}"
        else:
            error = request.check_response(response.body)
    delivery.response_status = status
    delivery.last_error = error[:500]
    if not error and status is not None and 200 <= status < 300:
        delivery.state, delivery.next_attempt_at = WebhookDelivery.State.DELIVERED, None
    elif delivery.attempts >= MAX_ATTEMPTS:
        delivery.state, delivery.next_attempt_at = WebhookDelivery.State.ABANDONED, None
    else:
        delivery.state = WebhookDelivery.State.RETRYING
        delivery.next_attempt_at = now + backoff(delivery.attempts)
    delivery.save(update_fields=["state", "next_attempt_at", "response_status", "last_error"])
    return delivery.state == WebhookDelivery.State.DELIVERED


def _deliver(queryset, now) -> int:
    ok = 0
    for delivery in queryset.select_related("webhook", "notification").order_by("pk")[:500]:
        ok += attempt_delivery(delivery, now)
    return ok


def deliver_webhooks(now: datetime.datetime | None = None) -> int:
    """Send new webhook deliveries; returns how many succeeded."""
    return _deliver(
        WebhookDelivery.objects.filter(state=WebhookDelivery.State.PENDING, webhook__active=True),
        now or timezone.now(),
    )


def retry_webhooks(now: datetime.datetime | None = None) -> int:
    """Retry failed deliveries whose backoff has elapsed."""
    now = now or timezone.now()
    return _deliver(
        WebhookDelivery.objects.filter(
            state=WebhookDelivery.State.RETRYING,
            next_attempt_at__lte=now,
            webhook__active=True,
        ),
        now,
    )


def deliver_pending() -> None:
    """Everything immediate: emails for people who want them now, and new webhook calls."""
    send_immediate_emails()
    deliver_webhooks()
