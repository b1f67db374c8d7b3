"""Training needs (培训需求) forwarded by the consulting desk to a centre, and their answer.

A declaration on `forwarding.services`: the desk reaches it through
`core.registry.register_service` (see `register()`); each state change goes back to the desk
through `core.registry.report_service_progress`. `talent` never imports `consulting`.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from forwarding.services import ForwardingError, ForwardingTarget, Pages, Words

NEED_RECEIVED = "talent.training_need_received"
NEED_CHANGED = "talent.training_need_changed"
CHANGE_PERMISSION = "talent.change_trainingneed"
TRAINING_ROLES = ("centre_staff",)


class TrainingNeedError(ForwardingError):
    """A training need cannot be sent or changed this way."""


def need_targets(user) -> list[tuple[str, str]]:
    """The centres that run training (they have a course): (id, name), by name."""
    from bodies.models import Body

    centres = Body.objects.filter(kind="centre", is_active=True, courses__isnull=False)
    return [(str(b.pk), b.name) for b in centres.distinct().order_by("name")]


NEEDS = ForwardingTarget(
    key="training",
    model="talent.TrainingNeed",
    target_field="centre",
    staff_roles=TRAINING_ROLES,
    permission=CHANGE_PERMISSION,
    view_permission="talent.view_trainingneed",
    event_received=NEED_RECEIVED,
    event_changed=NEED_CHANGED,
    audit_prefix="talent.training_need",
    data_key="need",
    dedupe_prefix="talent:need",
    targets=need_targets,
    order=50,
    error=TrainingNeedError,
    words=Words(
        service=_("Training need"),
        choose_target=_("Choose a training centre."),
        only_staff=_("Only the centre's training staff change a training need."),
        wrong_state=_("The training need cannot go to this state now."),
        result=_("Training need %(n)s"),
        received=_("Training need: %(title)s"),
        changed=_("Training need “%(title)s”: %(state)s"),
        event_received=_("Training needs sent to my centre"),
        event_changed=_("Answers to training needs"),
    ),
    pages=Pages(
        list_url="talent:training:needs",
        state_url="talent:training:need-state",
        heading=_("Training needs"),
        intro=_("Sent by enterprises through the consulting desk."),
        back_url="talent:training:index",
        back_label=_("Training programme"),
        empty=_("No training needs."),
        completed_hint=_("How it was met (a course, a session)"),
        actions={
            "accepted": pgettext_lazy("training need", "Accept"),
            "declined": _("Decline"),
            "completed": _("Mark as met"),
        },
        prefix="need",
        table_id="training-needs",
        list_name="needs",
        item_name="need",
    ),
)


# 培训需求: the desk's handler, the staff's check, the state change (see forwarding.services).
register = NEEDS.register
receive_training_need = NEEDS.receive
can_work_on_need = NEEDS.can_work
set_need_state = NEEDS.set_state
