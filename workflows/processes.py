"""Declaring a process: its states, its transitions and their guards, as plain data.

An app writes one `Process` per kind of object (a proposal, a draw, a base's life cycle) and
registers it; `workflows.services.transition` is the only way to move an object along it.
Two kinds of guard exist: *who may* (`Roles`, `Permission`, `Actor`: any one suffices) and
*what must hold* (`Condition`: all must), each with a name that the refusal message shows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Roles:
    """Who may: a person holding one of the roles globally or in the object's body."""

    codes: tuple[str, ...]

    def __init__(self, *codes: str):
        object.__setattr__(self, "codes", tuple(codes))

    def name(self) -> str:
        from core.roles import role_label

        return _("one of the roles %(roles)s") % {
            "roles": "、".join(role_label(code) for code in self.codes)
        }

    def allows(self, user, obj) -> bool:
        from accounts.roles import has_role
        from bodies.scopes import body_of, body_roles

        if has_role(user, *self.codes):
            return True
        return bool(body_roles(user, body_of(obj)).intersection(self.codes))


@dataclass(frozen=True)
class Permission:
    """Who may: a person `restrict(user, action)` lets act on the object (body scope included)."""

    action: str = "change"

    def name(self) -> str:
        return _("the “%(action)s” permission on this object") % {"action": self.action}

    def allows(self, user, obj) -> bool:
        from core.querysets import restrict_queryset

        rows = restrict_queryset(type(obj)._default_manager.all(), user, self.action)
        return rows.filter(pk=obj.pk).exists()


@dataclass(frozen=True)
class Actor:
    """Who may: the person a field of the object names (the proposal's author)."""

    field: str
    label: Any

    def name(self) -> str:
        return str(self.label)

    def allows(self, user, obj) -> bool:
        return user is not None and getattr(obj, f"{self.field}_id", None) == user.pk


@dataclass(frozen=True)
class Condition:
    """What must hold: `check(obj, data)` is true; `label` names it in the refusal."""

    label: Any
    check: Callable[[Any, dict], bool]

    def name(self) -> str:
        return str(self.label)

    def holds(self, obj, data: dict) -> bool:
        return bool(self.check(obj, data))


@dataclass(frozen=True)
class Transition:
    """One allowed move: from some states to one, who may make it and what must hold."""

    name: str
    label: Any
    sources: tuple[str, ...]
    target: str
    allowed: tuple = ()
    conditions: tuple[Condition, ...] = ()
    comment_required: bool = False
    #: Called as effect(obj, event) inside the transaction, after the event row is written.
    effects: tuple[Callable, ...] = ()


@dataclass
class Process:
    """A declared process: states with labels, the initial state and the transitions."""

    code: str
    label: Any
    states: dict[str, Any]
    initial: str
    transitions: list[Transition] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.initial not in self.states:
            raise ValueError(f"{self.code}: initial state {self.initial!r} is not declared")
        for step in self.transitions:
            unknown = {*step.sources, step.target} - set(self.states)
            if unknown:
                raise ValueError(f"{self.code}.{step.name}: unknown states {sorted(unknown)}")

    def state_label(self, state: str) -> str:
        """The human-readable name of a state."""
        return str(self.states.get(state, state))

    def transitions_from(self, state: str) -> list[Transition]:
        """Transitions whose sources include `state`."""
        return [step for step in self.transitions if state in step.sources]

    @property
    def final_states(self) -> set[str]:
        """States no transition leaves."""
        leaving = {source for step in self.transitions for source in step.sources}
        return set(self.states) - leaving


_PROCESSES: dict[str, Process] = {}


def register_process(process: Process) -> Process:
    """Make a process known by its code (apps call it at import of their processes module)."""
    existing = _PROCESSES.get(process.code)
    if existing is not None and existing is not process:
        raise ValueError(f"process {process.code!r} is already registered")
    _PROCESSES[process.code] = process
    return process


def get_process(code: str) -> Process:
    """The registered process with this code."""
    return _PROCESSES[code]


def registered_processes() -> list[Process]:
    """Every registered process."""
    return list(_PROCESSES.values())
