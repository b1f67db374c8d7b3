"""The event types the checks app notifies about (registered when the app is ready)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from notifications.registry import EventType, register_event_type

EVENT_TYPE = "checks.catalogue_change"


def webhook_fields(notification) -> dict:
    """What a generic webhook receives about a catalogue change besides the common fields."""
    return {
        "standard": notification.data.get("standard"),
        "event": notification.data.get("event"),
    }


def digest_subject(count: int) -> str:
    """The subject of a digest of catalogue changes."""
    return _("%(count)d changes to the standards you watch") % {"count": count}


def empty_hint(user) -> str:
    """What the empty message centre tells a person about watch lists (theirs or shared)."""
    from checks.models import WatchList

    if WatchList.objects.restrict(user, "view").exists():
        return _(
            "Your watch lists are set up: changes to their standards will appear here. "
            "Nothing has changed since."
        )
    return _("Add standards to a watch list to be notified of changes.")


def register() -> None:
    """Make the checks event types known to the notifications app."""
    register_event_type(
        EventType(
            EVENT_TYPE,
            pgettext_lazy("event type", "Changes to watched or checked standards"),
            description=pgettext_lazy(
                "event type",
                "New editions, status changes, replacements and corrections of the standards "
                "in your watch lists or cited by your stored checks.",
            ),
            webhook_payload=webhook_fields,
            digest_subject=digest_subject,
            empty_hint=empty_hint,
        )
    )
