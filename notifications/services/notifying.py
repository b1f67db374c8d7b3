"""The one way any app notifies people: `notify(event_type, recipients, subject, message)`.

Each recipient gets one row in the message centre; e-mail and webhooks follow the channels
the person chose for the event type (or the type's defaults). A `dedupe_key` makes a call
exactly-once per person: calling again with the same key creates nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from notifications.models import EventPreference, Notification, Preference, Webhook, WebhookDelivery
from notifications.registry import EMAIL, WEBHOOK, get_event_type


@dataclass
class Message:
    """What a notification says: a title, a text and a link inside the site."""

    title: str
    body: str = ""
    url: str = ""


@dataclass
class Outgoing:
    """One notification to create: who, about what, and the app's own details."""

    recipient_id: int
    event_type: str
    message: Message
    subject: models.Model | None = None
    kind: str = ""
    significant: bool = True
    data: dict = field(default_factory=dict)
    dedupe_key: str = ""


def channels_for(user_ids: Iterable[int], event_type: str) -> dict[int, set[str]]:
    """The channels each person wants for an event type (their choice or the defaults)."""
    default = set(get_event_type(event_type).default_channels)
    chosen = dict(
        EventPreference.objects.filter(user_id__in=user_ids, event_type=event_type).values_list(
            "user_id", "channels"
        )
    )
    return {uid: set(chosen[uid]) if uid in chosen else set(default) for uid in user_ids}


def notify(
    event_type: str,
    recipients: Iterable,
    subject: models.Model | None,
    message: Message | str,
    *,
    kind: str = "",
    significant: bool = True,
    data: dict | None = None,
    dedupe_key: str = "",
) -> list[Notification]:
    """Notify people (users or their ids) of one thing; returns the notifications created."""
    if isinstance(message, str):
        message = Message(message)
    ids = {getattr(r, "pk", r) for r in recipients}
    return notify_batch(
        [
            Outgoing(
                uid, event_type, message, subject, kind, significant, dict(data or {}), dedupe_key
            )
            for uid in sorted(ids)
        ]
    )


def notify_batch(items: list[Outgoing]) -> list[Notification]:
    """Create many notifications with their e-mail state and webhook outbox rows at once."""
    if not items:
        return []
    users = {item.recipient_id for item in items}
    prefs = {p.user_id: p for p in Preference.objects.filter(user_id__in=users)}
    emails = dict(get_user_model().objects.filter(pk__in=users).values_list("pk", "email"))
    channels: dict[str, dict[int, set[str]]] = {}
    for code in {item.event_type for item in items}:
        channels[code] = channels_for({i.recipient_id for i in items if i.event_type == code}, code)
    rows, hooked = [], set()
    for item in items:
        pref = prefs.get(item.recipient_id)
        if pref and pref.significant_only and not item.significant:
            continue
        chosen = channels[item.event_type][item.recipient_id]
        wants_email = (
            EMAIL in chosen
            and (pref.email if pref else True)
            and bool(emails.get(item.recipient_id))
        )
        subject = item.subject
        note = Notification(
            recipient_id=item.recipient_id,
            event_type=item.event_type,
            kind=item.kind[:24],
            subject_type=ContentType.objects.get_for_model(subject) if subject else None,
            subject_id=subject.pk if subject else None,
            significant=item.significant,
            title=item.message.title[:300],
            body=item.message.body,
            url=item.message.url[:300],
            data=item.data,
            dedupe_key=item.dedupe_key[:120],
            email_state=(
                Notification.EmailState.PENDING if wants_email else Notification.EmailState.SKIPPED
            ),
        )
        rows.append(note)
        if WEBHOOK in chosen:
            hooked.add(_identity(note))
    with transaction.atomic():
        created = _insert(rows)
        _queue_webhooks([n for n in created if _identity(n) in hooked])
    return created


def _identity(note: Notification) -> tuple:
    """What tells a new notification apart before and after its insert."""
    return (
        (note.recipient_id, note.dedupe_key) if note.dedupe_key else (note.recipient_id, id(note))
    )


def _insert(rows: list[Notification]) -> list[Notification]:
    """Insert; rows whose (recipient, key) exists already are skipped (exactly once)."""
    plain = [n for n in rows if not n.dedupe_key]
    keyed = {(n.recipient_id, n.dedupe_key): n for n in rows if n.dedupe_key}
    created = Notification.objects.bulk_create(plain) if plain else []
    if not keyed:
        return created
    lookup = {
        "dedupe_key__in": {key for _uid, key in keyed},
        "recipient_id__in": {uid for uid, _key in keyed},
    }
    existing = set(Notification.objects.filter(**lookup).values_list("recipient_id", "dedupe_key"))
    fresh = [n for ident, n in keyed.items() if ident not in existing]
    # A parallel run may insert the same keys meanwhile: the constraint drops those.
    Notification.objects.bulk_create(fresh, ignore_conflicts=True)
    wanted = {(n.recipient_id, n.dedupe_key) for n in fresh}
    created += [
        n
        for n in Notification.objects.filter(**lookup).exclude(pk__in=[n.pk for n in created])
        if (n.recipient_id, n.dedupe_key) in wanted
    ]
    return created


def _queue_webhooks(notes: list[Notification]) -> None:
    """One outbox row per new notification and active webhook of its recipient."""
    if not notes:
        return
    hooks: dict[int, list[Webhook]] = defaultdict(list)
    for hook in Webhook.objects.filter(active=True, owner_id__in={n.recipient_id for n in notes}):
        hooks[hook.owner_id].append(hook)
    WebhookDelivery.objects.bulk_create(
        [
            WebhookDelivery(webhook=hook, notification=note)
            for note in notes
            for hook in hooks.get(note.recipient_id, ())
            if note.significant or not hook.significant_only
        ],
        ignore_conflicts=True,
    )
