"""The one way to move an object along its process: `transition(obj, to_state, user, comment)`."""

from __future__ import annotations

from django.db import models, transaction
from django.utils.translation import gettext as _

from audit.services import log_action
from workflows.exceptions import TransitionError, TransitionRefused
from workflows.models import ProcessEvent
from workflows.processes import Process, Transition


def _process_of(obj) -> Process:
    process = getattr(type(obj), "process", None)
    if not isinstance(process, Process):
        raise TypeError(f"{type(obj).__name__} declares no process")
    return process


def _refusal(step: Transition, obj, user, data: dict, comment: str) -> TransitionRefused | None:
    """The first guard of `step` that fails, as the error to raise; None when all pass."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return TransitionRefused(_("Please sign in first."), guard="signed_in")
    if step.allowed and not any(guard.allows(user, obj) for guard in step.allowed):
        who = _(" or ").join(guard.name() for guard in step.allowed)
        return TransitionRefused(
            _("You may not “%(step)s”: it needs %(who)s.") % {"step": step.label, "who": who},
            guard=who,
        )
    for condition in step.conditions:
        if not condition.holds(obj, data):
            return TransitionRefused(
                _("Cannot “%(step)s”: “%(condition)s” does not hold.")
                % {"step": step.label, "condition": condition.name()},
                guard=condition.name(),
            )
    if step.comment_required and not comment.strip():
        return TransitionRefused(
            _("“%(step)s” needs a comment giving the reason.") % {"step": step.label},
            guard="comment",
        )
    return None


def _candidates(process: Process, state: str, to_state: str) -> list[Transition]:
    steps = [step for step in process.transitions_from(state) if step.target == to_state]
    if steps:
        return steps
    targets = "、".join(process.state_label(s.target) for s in process.transitions_from(state))
    raise TransitionError(
        _("“%(source)s” cannot move to “%(target)s”; possible next states: %(next)s.")
        % {
            "source": process.state_label(state),
            "target": process.state_label(to_state),
            "next": targets or _("none (final state)"),
        }
    )


def transition(
    obj: models.Model,
    to_state: str,
    user,
    comment: str = "",
    *,
    data: dict | None = None,
    request=None,
) -> ProcessEvent:
    """Move `obj` to `to_state`, writing its event and its audit entry in one transaction."""
    process = _process_of(obj)
    data = dict(data or {})
    comment = comment or ""
    with transaction.atomic():
        # The row lock makes concurrent transitions of one object wait; the state is re-read.
        current = type(obj)._base_manager.select_for_update().get(pk=obj.pk)
        state = current.state
        obj.state = state
        steps = _candidates(process, state, to_state)
        refusals = [_refusal(step, obj, user, data, comment) for step in steps]
        chosen = next((s for s, r in zip(steps, refusals, strict=True) if r is None), None)
        if chosen is not None:
            obj.state = to_state
            fields = ["state"]
            if any(f.name == "updated_at" for f in obj._meta.concrete_fields):
                fields.append("updated_at")
            obj.save(update_fields=fields)
            event = ProcessEvent.objects.create(
                subject=obj,
                process=process.code,
                transition=chosen.name,
                from_state=state,
                to_state=to_state,
                actor=user,
                actor_name=getattr(user, "username", ""),
                comment=comment,
                data=data,
            )
            log_action(
                f"{process.code}.{chosen.name}",
                actor=user,
                obj=obj,
                before={"state": state},
                after={"state": to_state, "event": event.pk, **({"data": data} if data else {})},
                request=request,
                detail=comment[:1000],
            )
            for effect in chosen.effects:
                effect(obj, event)
            return event
    refusal = refusals[0]
    # Written after the rollback so that the refusal itself is kept.
    log_action(
        f"{process.code}.{steps[0].name}",
        actor=user,
        obj=obj,
        before={"state": state},
        after={"state": to_state},
        result="denied",
        request=request,
        detail=refusal.message[:1000],
    )
    raise refusal


def available_transitions(obj: models.Model, user) -> list[Transition]:
    """The transitions `user` may make now from the object's state (for buttons)."""
    process = _process_of(obj)
    return [
        step
        for step in process.transitions_from(obj.state)
        if _refusal(step, obj, user, {}, "x" if step.comment_required else "") is None
    ]


def history(obj: models.Model):
    """The object's transitions, oldest first: its process history."""
    return ProcessEvent.objects.for_object(obj).select_related("actor")
