"""Who hears about a consulting request, and the event types the desk notifies with."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy

from notifications.registry import EventType, register_event_type

SUBMITTED = "consulting.request_submitted"
MESSAGE = "consulting.request_message"
SLA_WARNING = "consulting.sla_warning"
DESK_ROLES = ("centre_staff", "base_office")


def _fields(note) -> dict:
    return {"request": note.data.get("request")}


def register_event_types() -> None:
    """Declare the desk's event types (called from the app's ready())."""
    for code, label in (
        (SUBMITTED, gettext_lazy("Consulting requests submitted to my desk")),
        (MESSAGE, gettext_lazy("Replies and answers to consulting requests")),
        (SLA_WARNING, gettext_lazy("Consulting requests near or past their due time")),
    ):
        register_event_type(EventType(code, label, webhook_payload=_fields))


def desk_of(request) -> list:
    """The people who run the desk for a request: its centre's staff, else the base desk."""
    from accounts.models import RoleAssignment
    from bodies.models import BodyMembership

    users = get_user_model().objects.filter(is_active=True)
    if request.centre_id:
        members = BodyMembership.objects.current().filter(
            body_id=request.centre_id, role__code__in=DESK_ROLES, user__isnull=False
        )
        found = list(users.filter(pk__in=members.values("user_id")))
        if found:
            return found
    holders = RoleAssignment.objects.filter(role__code__in=DESK_ROLES).values("user_id")
    return list(users.filter(pk__in=holders))
