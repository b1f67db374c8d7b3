"""Errors raised when a transition is not possible."""

from __future__ import annotations

from core.exceptions import DomainError


class TransitionError(DomainError):
    """The object cannot move to that state from where it is."""


class TransitionRefused(TransitionError):
    """A guard of the transition refused: who may not, or what must hold does not."""

    code = "forbidden"

    def __init__(self, message: str, *, guard: str):
        super().__init__(message)
        self.guard = guard
