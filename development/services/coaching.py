"""Coaching in drafting standards (标准制修订辅导) forwarded by the desk to an alliance.

Declared to the desk through `core.registry.register_service` (see `register()`); each state
change goes back to the desk through `core.registry.report_service_progress`. `development`
never imports `consulting`.
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

COACHING_RECEIVED = "development.coaching_received"
COACHING_CHANGED = "development.coaching_changed"
CHANGE_PERMISSION = "development.change_coachingrequest"
NEXT_STATES = {"received": ("accepted", "declined"), "accepted": ("completed",)}
OUTCOMES = {"declined": PROGRESS_DECLINED, "completed": PROGRESS_DONE}
SECRETARIAT_ROLES = ("secretariat",)


class CoachingError(DomainError):
    """A coaching request cannot be sent or changed this way."""


def register() -> None:
    """Let the desk forward 标准制修订辅导 to an alliance; event types; the permissions."""
    from core.roles import grant_by_default
    from notifications.registry import EventType, register_event_type

    register_service(
        ConsultingService(
            key="drafting",
            label=gettext_lazy("Coaching in drafting standards"),
            handler=receive_coaching_request,
            forward=True,
            targets=coaching_targets,
            order=30,
        )
    )
    register_event_type(
        EventType(COACHING_RECEIVED, gettext_lazy("Coaching requests sent to my body"))
    )
    register_event_type(EventType(COACHING_CHANGED, gettext_lazy("Answers to coaching requests")))
    perms = ("development.view_coachingrequest", "development.change_coachingrequest")
    grant_by_default(
        "base_office", "development.view_coachingrequest"
    )  # the office follows; the staff decide
    grant_by_default("secretariat", *perms)


def coaching_targets(user) -> list[tuple[str, str]]:
    """The alliances and committees developing standards (with a profile): (id, name)."""
    from bodies.models import Body

    bodies = Body.objects.filter(is_active=True, development_profile__isnull=False)
    return [(str(b.pk), b.name) for b in bodies.distinct().order_by("name")]


def _body(target: str):
    from bodies.models import Body

    if target not in {value for value, _label in coaching_targets(None)}:
        raise CoachingError(_("Choose an alliance or committee."))
    return Body.objects.get(pk=int(target))


def _staff(body) -> list:
    from django.contrib.auth import get_user_model

    from bodies.models import BodyMembership

    members = BodyMembership.objects.current().filter(
        body=body, role__code__in=SECRETARIAT_ROLES, user__isnull=False
    )
    return list(get_user_model().objects.filter(is_active=True, pk__in=members.values("user_id")))


def _result(item) -> ServiceResult:
    return ServiceResult(
        label=_("Drafting coaching %(n)s") % {"n": item.pk},
        url=item.get_absolute_url(),
        object=item,
        target_label=item.body.name,
        state=item.state,
        state_label=str(item.get_state_display()),
    )


@transaction.atomic
def receive_coaching_request(call: ServiceCall) -> ServiceResult:
    """Open the request at the chosen body (once per consulting request), tell its secretariat."""
    from development.models import CoachingRequest

    body = _body(call.target)
    item = (
        CoachingRequest.objects.select_for_update().filter(source_reference=call.reference).first()
    )
    if item is not None and item.state != CoachingRequest.State.DECLINED:
        return _result(item)  # a double submit: the first request stands
    before = {"body": item.body_id, "state": item.state} if item else None
    if item is None:
        item = CoachingRequest(source_reference=call.reference[:40])
    item.body, item.state, item.response = body, CoachingRequest.State.RECEIVED, ""
    item.title, item.description = call.title[:200], call.text
    item.requester, item.forwarded_by = call.requester, call.user
    item.organization, item.contact = call.organization[:200], call.contact[:200]
    item.note, item.source_url = call.note.strip(), call.url[:300]
    item.save()
    after = {"body": body.pk, "consulting_request": call.reference}
    log_action("development.coaching.received", actor=call.user, obj=item, request=call.request,
               before=before, after=after)  # fmt: skip
    notify(
        COACHING_RECEIVED, [p for p in _staff(body) if p.pk != call.user.pk], item,
        Message(_("Coaching in drafting: %(title)s") % {"title": item.title},
                _("Forwarded by the consulting desk (%(n)s).") % {"n": call.reference},
                item.get_absolute_url()),
        data={"coaching": item.pk, "state": item.state},
        dedupe_key=f"development:coaching:{item.pk}:received:{body.pk}",
    )  # fmt: skip
    return _result(item)


def can_work_on_request(user, item) -> bool:
    """Whether the person holds the secretariat of the request's body."""
    return has_body_permission(user, CHANGE_PERMISSION, item.body)


@transaction.atomic
def set_coaching_state(item, user, state: str, comment: str = "", *, request=None):
    """The secretariat accepts, declines or completes; the desk follows through the registry."""
    if not can_work_on_request(user, item):
        raise CoachingError(_("Only the secretariat of the body changes a coaching request."))
    item = type(item).objects.select_for_update().select_related("body").get(pk=item.pk)
    if state not in NEXT_STATES.get(item.state, ()):
        raise CoachingError(_("The coaching request cannot go to this state now."))
    comment = (comment or "").strip()
    if state == "declined" and not comment:
        raise CoachingError(_("Give the reason for declining."))
    before = item.state
    item.state = state
    if comment:
        item.response = comment
    item.save(update_fields=["state", "response", "updated_at"])
    log_action("development.coaching.state", actor=user, obj=item, request=request,
               before={"state": before}, after={"state": state, "comment": comment})  # fmt: skip
    report_service_progress(
        "drafting", item, state, item.get_state_display(), comment,
        outcome=OUTCOMES.get(state, PROGRESS_OPEN), user=user, request=request,
    )  # fmt: skip
    notify(
        COACHING_CHANGED, [p for p in (item.forwarded_by, item.requester) if p.pk != user.pk], item,
        Message(_("Coaching in drafting “%(title)s”: %(state)s")
                % {"title": item.title, "state": item.get_state_display()},
                comment or item.body.name, item.get_absolute_url()),
        data={"coaching": item.pk, "state": state},
        dedupe_key=f"development:coaching:{item.pk}:{state}",
    )  # fmt: skip
    return item
