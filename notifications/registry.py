"""Event types apps notify about: code, label, default channels and per-channel rendering.

An app registers its event types once (in its AppConfig.ready or a module imported there):

    register_event_type(EventType("checks.catalogue_change", _("Changes to watched
        standards"), webhook_payload=my_payload))

and then calls `notifications.services.notify(...)` with that code.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

# The message centre always receives a notification; these channels can be chosen per type.
EMAIL = "email"
WEBHOOK = "webhook"
CHANNELS = {EMAIL: _("E-mail"), WEBHOOK: _("Webhooks")}


@dataclass(frozen=True)
class EventType:
    """Something an app notifies people about."""

    code: str
    label: str
    description: str = ""
    default_channels: frozenset[str] = field(default_factory=lambda: frozenset(CHANNELS))
    # Extra fields of the generic webhook JSON for one notification (the type's own data).
    webhook_payload: Callable[[object], dict] | None = None
    # Subject of the e-mail when several notifications of this type go out in one digest.
    digest_subject: Callable[[int], str] | None = None
    # What the empty message centre tells a person about this type ("" for nothing).
    empty_hint: Callable[[object], str] | None = None


EVENT_TYPES: dict[str, EventType] = {}


def register_event_type(event_type: EventType) -> EventType:
    """Make an event type known (registering the same code again replaces it)."""
    unknown = set(event_type.default_channels) - set(CHANNELS)
    if unknown:
        raise ValueError(f"unknown channels: {sorted(unknown)}")
    EVENT_TYPES[event_type.code] = event_type
    return event_type


def get_event_type(code: str) -> EventType:
    """The registered event type, or a plain one for codes nobody registered."""
    return EVENT_TYPES.get(code) or EventType(code, code)


def event_types() -> list[EventType]:
    """Every registered event type, by label."""
    return sorted(EVENT_TYPES.values(), key=lambda t: str(t.label))


def empty_hints(user) -> list[str]:
    """What the empty message centre says: each event type's hint for this person."""
    hints = [str(t.empty_hint(user)) for t in event_types() if t.empty_hint]
    return [h for h in hints if h]
