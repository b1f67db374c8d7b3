"""Receiving a forwarded request at a body and answering it: one service for every target.

An app declares a `ForwardingTarget` (its model, the foreign key to the body, the staff roles
that answer, its permission, event types, audit actions and words) and calls `register()` from
its `ready()`. The desk reaches it through `core.registry.register_service`; each state change
goes back through `core.registry.report_service_progress`. Nothing here imports `consulting`
or the apps that declare targets.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import transaction

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

NEXT_STATES = {"received": ("accepted", "declined"), "accepted": ("completed",)}
OUTCOMES = {"declined": PROGRESS_DECLINED, "completed": PROGRESS_DONE}


class ForwardingError(DomainError):
    """A forwarded record cannot be received or changed this way."""


@dataclass(frozen=True)
class Words:
    """What a target says, in its own app's words (lazy translations)."""

    service: Any  # the desk's name of the service ("Training need")
    choose_target: Any  # the target chosen is not one of the targets
    only_staff: Any  # someone else tried to change the state
    wrong_state: Any  # the state cannot follow the current one
    result: Any  # the link's label, "%(n)s" the record's id
    received: Any  # the staff's notification title, "%(title)s"
    changed: Any  # the notification of a change, "%(title)s" and "%(state)s"
    event_received: Any  # the event types' names in notification preferences
    event_changed: Any


@dataclass(frozen=True)
class Pages:
    """What the list and detail pages show (lazy translations, URL names, element ids).

    Column headings and the answer's label are the model's own field labels.
    """

    list_url: str  # "talent:training:needs"
    state_url: str  # "talent:training:need-state"
    heading: Any  # the list's heading and the detail's way back
    intro: Any
    back_url: str  # a page the list links to
    back_label: Any
    empty: Any
    completed_hint: Any  # the comment's placeholder when completing
    actions: dict  # state → the button's label
    prefix: str  # element ids on the detail: "<prefix>-state", "<prefix>-state-form"
    table_id: str
    list_name: str = "items"  # the list's context name (besides "items")
    item_name: str = "item"  # the detail's context name (besides "item")


@dataclass(frozen=True)
class ForwardingTarget:
    """One kind of desk request an app receives at its bodies."""

    key: str  # the desk's request kind ("training")
    model: str  # "talent.TrainingNeed"
    target_field: str  # the model's foreign key to `bodies.Body` ("centre")
    staff_roles: tuple[str, ...]  # body roles whose holders are told and answer
    permission: str  # held in the body to change a record ("talent.change_trainingneed")
    view_permission: str
    event_received: str  # event type keys
    event_changed: str
    audit_prefix: str  # "talent.training_need" → ".received", ".state"
    data_key: str  # the record's key in notification data ("need")
    dedupe_prefix: str  # "talent:need"
    targets: Callable[[Any], list[tuple[str, str]]]
    words: Words
    pages: Pages
    order: int = 100
    error: type[DomainError] = ForwardingError
    follower_roles: tuple[str, ...] = ("base_office",)  # may view every record, not decide

    def model_class(self):
        return apps.get_model(self.model)

    def target_of(self, item):
        return getattr(item, self.target_field)

    def labels(self) -> dict[str, Any]:
        """The model's field labels by role: title, target, state, received, response."""
        names = {"title": "title", "target": self.target_field, "state": "state",
                 "received": "created_at", "response": "response"}  # fmt: skip
        meta = self.model_class()._meta
        return {key: meta.get_field(name).verbose_name for key, name in names.items()}

    # The services bound to this target, for the declaring app's own names.
    def register(self) -> None:
        register(self)

    def receive(self, call: ServiceCall) -> ServiceResult:
        return receive(self, call)

    def can_work(self, user, item) -> bool:
        return can_work(self, user, item)

    def set_state(self, item, user, state: str, comment: str = "", *, request=None):
        return set_state(self, item, user, state, comment, request=request)


def register(config: ForwardingTarget) -> None:
    """Let the desk forward to the target; its event types; its staff's permissions."""
    from core.roles import grant_by_default
    from notifications.registry import EventType, register_event_type

    register_service(
        ConsultingService(
            key=config.key,
            label=config.words.service,
            handler=config.receive,
            forward=True,
            targets=config.targets,
            order=config.order,
            states=lambda: config.model_class().State.choices,
        )
    )
    register_event_type(EventType(config.event_received, config.words.event_received))
    register_event_type(EventType(config.event_changed, config.words.event_changed))
    for role in config.follower_roles:
        grant_by_default(role, config.view_permission)  # the office follows; the staff decide
    for role in config.staff_roles:
        grant_by_default(role, config.view_permission, config.permission)


def _target(config: ForwardingTarget, value: str):
    from bodies.models import Body

    if value not in {v for v, _label in config.targets(None)}:
        raise config.error(str(config.words.choose_target))
    return Body.objects.get(pk=int(value))


def staff(config: ForwardingTarget, body) -> list:
    """The active people holding one of the target's staff roles in `body` now."""
    from django.contrib.auth import get_user_model

    from bodies.models import BodyMembership

    members = BodyMembership.objects.current().filter(
        body=body, role__code__in=config.staff_roles, user__isnull=False
    )
    return list(get_user_model().objects.filter(is_active=True, pk__in=members.values("user_id")))


def _result(config: ForwardingTarget, item) -> ServiceResult:
    return ServiceResult(
        label=str(config.words.result) % {"n": item.pk},
        url=item.get_absolute_url(),
        object=item,
        target_label=config.target_of(item).name,
        state=item.state,
        state_label=str(item.get_state_display()),
    )


@transaction.atomic
def receive(config: ForwardingTarget, call: ServiceCall) -> ServiceResult:
    """Open the record at the chosen body (once per consulting request), tell its staff."""
    from django.utils.translation import gettext as _

    model, name = config.model_class(), config.target_field
    body = _target(config, call.target)
    item = model.objects.select_for_update().filter(source_reference=call.reference).first()
    if item is not None and item.state != model.State.DECLINED:
        return _result(config, item)  # a double submit: the first record stands
    before = {name: getattr(item, f"{name}_id"), "state": item.state} if item else None
    if item is None:
        item = model(source_reference=call.reference[:40])
    setattr(item, name, body)
    item.state, item.response = model.State.RECEIVED, ""
    item.title, item.description = call.title[:200], call.text
    item.requester, item.forwarded_by = call.requester, call.user
    item.organization, item.contact = call.organization[:200], call.contact[:200]
    item.note, item.source_url = call.note.strip(), call.url[:300]
    item.save()
    after = {name: body.pk, "consulting_request": call.reference}
    log_action(f"{config.audit_prefix}.received", actor=call.user, obj=item,
               request=call.request, before=before, after=after)  # fmt: skip
    notify(
        config.event_received, [p for p in staff(config, body) if p.pk != call.user.pk], item,
        Message(str(config.words.received) % {"title": item.title},
                _("Forwarded by the consulting desk (%(n)s).") % {"n": call.reference},
                item.get_absolute_url()),
        data={config.data_key: item.pk, "state": item.state},
        dedupe_key=f"{config.dedupe_prefix}:{item.pk}:received:{body.pk}",
    )  # fmt: skip
    return _result(config, item)


def can_work(config: ForwardingTarget, user, item) -> bool:
    """Whether the person holds the target's permission in the record's body."""
    return has_body_permission(user, config.permission, config.target_of(item))


def next_states(config: ForwardingTarget, user, item) -> tuple[str, ...]:
    """The states `user` may move the record to now (none unless they work on it)."""
    return NEXT_STATES.get(item.state, ()) if can_work(config, user, item) else ()


@transaction.atomic
def set_state(config: ForwardingTarget, item, user, state: str, comment: str = "", *,
              request=None):  # fmt: skip
    """The staff accept, decline or complete; the desk follows through the registry."""
    from django.utils.translation import gettext as _

    if not can_work(config, user, item):
        raise config.error(str(config.words.only_staff))
    qs = type(item).objects.select_for_update().select_related(config.target_field)
    item = qs.get(pk=item.pk)
    if state not in NEXT_STATES.get(item.state, ()):
        raise config.error(str(config.words.wrong_state))
    comment = (comment or "").strip()
    if state == "declined" and not comment:
        raise config.error(_("Give the reason for declining."))
    before = item.state
    item.state = state
    if comment:
        item.response = comment
    item.save(update_fields=["state", "response", "updated_at"])
    log_action(f"{config.audit_prefix}.state", actor=user, obj=item, request=request,
               before={"state": before}, after={"state": state, "comment": comment})  # fmt: skip
    report_service_progress(
        config.key, item, state, item.get_state_display(), comment,
        outcome=OUTCOMES.get(state, PROGRESS_OPEN), user=user, request=request,
    )  # fmt: skip
    notify(
        config.event_changed,
        [p for p in (item.forwarded_by, item.requester) if p.pk != user.pk], item,
        Message(str(config.words.changed)
                % {"title": item.title, "state": item.get_state_display()},
                comment or config.target_of(item).name, item.get_absolute_url()),
        data={config.data_key: item.pk, "state": state},
        dedupe_key=f"{config.dedupe_prefix}:{item.pk}:{state}",
    )  # fmt: skip
    return item
