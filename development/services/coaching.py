"""Coaching in drafting standards (标准制修订辅导) forwarded by the desk to an alliance.

A declaration on `forwarding.services`: the desk reaches it through
`core.registry.register_service` (see `register()`); each state change goes back to the desk
through `core.registry.report_service_progress`. `development` never imports `consulting`.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from forwarding.services import ForwardingError, ForwardingTarget, Pages, Words

COACHING_RECEIVED = "development.coaching_received"
COACHING_CHANGED = "development.coaching_changed"
CHANGE_PERMISSION = "development.change_coachingrequest"
SECRETARIAT_ROLES = ("secretariat",)


class CoachingError(ForwardingError):
    """A coaching request cannot be sent or changed this way."""


def coaching_targets(user) -> list[tuple[str, str]]:
    """The alliances and committees developing standards (with a profile): (id, name)."""
    from bodies.models import Body

    bodies = Body.objects.filter(is_active=True, development_profile__isnull=False)
    return [(str(b.pk), b.name) for b in bodies.distinct().order_by("name")]


COACHING = ForwardingTarget(
    key="drafting",
    model="development.CoachingRequest",
    target_field="body",
    staff_roles=SECRETARIAT_ROLES,
    permission=CHANGE_PERMISSION,
    view_permission="development.view_coachingrequest",
    event_received=COACHING_RECEIVED,
    event_changed=COACHING_CHANGED,
    audit_prefix="development.coaching",
    data_key="coaching",
    dedupe_prefix="development:coaching",
    targets=coaching_targets,
    order=30,
    error=CoachingError,
    words=Words(
        service=_("Coaching in drafting standards"),
        choose_target=_("Choose an alliance or committee."),
        only_staff=_("Only the secretariat of the body changes a coaching request."),
        wrong_state=_("The coaching request cannot go to this state now."),
        result=_("Drafting coaching %(n)s"),
        received=_("Coaching in drafting: %(title)s"),
        changed=_("Coaching in drafting “%(title)s”: %(state)s"),
        event_received=_("Coaching requests sent to my body"),
        event_changed=_("Answers to coaching requests"),
    ),
    pages=Pages(
        list_url="development:coaching-list",
        state_url="development:coaching-state",
        heading=_("Drafting coaching"),
        intro=_("Requested by enterprises through the consulting desk."),
        back_url="development:bodies",
        back_label=_("Alliances and committees"),
        empty=_("No coaching requests."),
        completed_hint=_("What was done (meetings, comments on the draft)"),
        actions={
            "accepted": pgettext_lazy("coaching", "Accept"),
            "declined": _("Decline"),
            "completed": _("Mark as coached"),
        },
        prefix="item",
        table_id="coaching-requests",
    ),
)


# 标准制修订辅导: the desk's handler, the secretariat's check, the state change.
register = COACHING.register
receive_coaching_request = COACHING.receive
can_work_on_request = COACHING.can_work
set_coaching_state = COACHING.set_state
