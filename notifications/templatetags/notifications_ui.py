"""Template helpers of the message centre: the unread count of the header badge."""

from __future__ import annotations

from django import template

from notifications.services import subscriptions

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    """Unread notifications of the signed-in person (for the header badge)."""
    request = context.get("request")
    return subscriptions.unread_count(getattr(request, "user", None))
