"""Training needs (培训需求) forwarded by the consulting desk to a centre, and their answer.

Declared to the desk through `core.registry.register_service` (see `register()`); each state
change goes back to the desk through `core.registry.report_service_progress`. `talent` never
imports `consulting`.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.services import log_action
from bodies.scopes import has_body_permission
from core.exceptions import DomainError
from core.registry import (
    PROGRESS_DECLINED,
    PROGRESS_DONE,
    PROGRESS_OPEN,
    ConsultingService,
    ServiceCall,
    ServiceResult,
    register_service,
    report_service_progress,
)
from notifications.services import Message, notify

NEED_RECEIVED = "talent.training_need_received"
NEED_CHANGED = "talent.training_need_changed"
CHANGE_PERMISSION = "talent.change_trainingneed"
NEXT_STATES = {"received": ("accepted", "declined"), "accepted": ("completed",)}
OUTCOMES = {"declined": PROGRESS_DECLINED, "completed": PROGRESS_DONE}
TRAINING_ROLES = ("centre_staff",)


class TrainingNeedError(DomainError):
    """A training need cannot be sent or changed this way."""


def register() -> None:
    """Let the desk forward 培训需求 to a centre; the event types; the staff's permissions."""
    from core.roles import grant_by_default
    from notifications.registry import EventType, register_event_type

    register_service(
        ConsultingService(
            key="training",
            label=gettext_lazy("Training need"),
            handler=receive_training_need,
            forward=True,
            targets=need_targets,
            order=50,
        )
    )
    register_event_type(EventType(NEED_RECEIVED, gettext_lazy("Training needs sent to my centre")))
    register_event_type(EventType(NEED_CHANGED, gettext_lazy("Answers to training needs")))
    perms = ("talent.view_trainingneed", "talent.change_trainingneed")
    grant_by_default(
        "base_office", "talent.view_trainingneed"
    )  # the office follows; the staff decide
    grant_by_default("centre_staff", *perms)


def need_targets(user) -> list[tuple[str, str]]:
    """The centres that run training (they have a course): (id, name), by name."""
    from bodies.models import Body

    centres = Body.objects.filter(kind="centre", is_active=True, courses__isnull=False)
    return [(str(b.pk), b.name) for b in centres.distinct().order_by("name")]


def _centre(target: str):
    from bodies.models import Body

    if target not in {value for value, _label in need_targets(None)}:
        raise TrainingNeedError(_("Choose a training centre."))
    return Body.objects.get(pk=int(target))


def _staff(centre) -> list:
    from django.contrib.auth import get_user_model

    from bodies.models import BodyMembership

    members = BodyMembership.objects.current().filter(
        body=centre, role__code__in=TRAINING_ROLES, user__isnull=False
    )
    return list(get_user_model().objects.filter(is_active=True, pk__in=members.values("user_id")))


def _result(need) -> ServiceResult:
    return ServiceResult(
        label=_("Training need %(n)s") % {"n": need.pk},
        url=need.get_absolute_url(),
        object=need,
        target_label=need.centre.name,
        state=need.state,
        state_label=str(need.get_state_display()),
    )


@transaction.atomic
def receive_training_need(call: ServiceCall) -> ServiceResult:
    """Open the need at the chosen centre (once per consulting request), tell its staff."""
    from talent.models import TrainingNeed

    centre = _centre(call.target)
    need = TrainingNeed.objects.select_for_update().filter(source_reference=call.reference).first()
    if need is not None and need.state != TrainingNeed.State.DECLINED:
        return _result(need)  # a double submit: the first need stands
    before = {"centre": need.centre_id, "state": need.state} if need else None
    if need is None:
        need = TrainingNeed(source_reference=call.reference[:40])
    need.centre, need.state, need.response = centre, TrainingNeed.State.RECEIVED, ""
    need.title, need.description = call.title[:200], call.text
    need.requester, need.forwarded_by = call.requester, call.user
    need.organization, need.contact = call.organization[:200], call.contact[:200]
    need.note, need.source_url = call.note.strip(), call.url[:300]
    need.save()
    after = {"centre": centre.pk, "consulting_request": call.reference}
    log_action("talent.training_need.received", actor=call.user, obj=need, request=call.request,
               before=before, after=after)  # fmt: skip
    notify(
        NEED_RECEIVED, [p for p in _staff(centre) if p.pk != call.user.pk], need,
        Message(_("Training need: %(title)s") % {"title": need.title},
                _("Forwarded by the consulting desk (%(n)s).") % {"n": call.reference},
                need.get_absolute_url()),
        data={"need": need.pk, "state": need.state},
        dedupe_key=f"talent:need:{need.pk}:received:{centre.pk}",
    )  # fmt: skip
    return _result(need)


def can_work_on_need(user, need) -> bool:
    """Whether the person works at the need's centre."""
    return has_body_permission(user, CHANGE_PERMISSION, need.centre)


@transaction.atomic
def set_need_state(need, user, state: str, comment: str = "", *, request=None):
    """The centre accepts, declines or meets a need; the desk follows through the registry."""
    if not can_work_on_need(user, need):
        raise TrainingNeedError(_("Only the centre's training staff change a training need."))
    need = type(need).objects.select_for_update().select_related("centre").get(pk=need.pk)
    if state not in NEXT_STATES.get(need.state, ()):
        raise TrainingNeedError(_("The training need cannot go to this state now."))
    comment = (comment or "").strip()
    if state == "declined" and not comment:
        raise TrainingNeedError(_("Give the reason for declining."))
    before = need.state
    need.state = state
    if comment:
        need.response = comment
    need.save(update_fields=["state", "response", "updated_at"])
    log_action("talent.training_need.state", actor=user, obj=need, request=request,
               before={"state": before}, after={"state": state, "comment": comment})  # fmt: skip
    report_service_progress(
        "training", need, state, need.get_state_display(), comment,
        outcome=OUTCOMES.get(state, PROGRESS_OPEN), user=user, request=request,
    )  # fmt: skip
    notify(
        NEED_CHANGED, [p for p in (need.forwarded_by, need.requester) if p.pk != user.pk], need,
        Message(_("Training need “%(title)s”: %(state)s")
                % {"title": need.title, "state": need.get_state_display()},
                comment or need.centre.name, need.get_absolute_url()),
        data={"need": need.pk, "state": state},
        dedupe_key=f"talent:need:{need.pk}:{state}",
    )  # fmt: skip
    return need
