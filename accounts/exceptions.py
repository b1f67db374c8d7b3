"""Domain errors of the accounts app."""

from __future__ import annotations

from core.exceptions import DomainError


class AccountError(DomainError):
    """A rule about accounts, organisations or roles was broken."""


class RoleSeparationError(AccountError):
    """An account would hold two of the three administrator roles."""

    code = "role_separation"


class NotAuthorizedError(AccountError):
    """The acting person lacks the role the operation needs."""

    code = "not_authorized"
