"""Errors raised by the bodies services."""

from __future__ import annotations

from core.exceptions import DomainError


class BodyError(DomainError):
    """A body or membership rule was broken."""


class BodyPermissionError(BodyError):
    """The person may not do this in this body."""

    code = "forbidden"
