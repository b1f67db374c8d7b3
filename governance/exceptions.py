"""The errors of base governance."""

from core.exceptions import DomainError


class GovernanceError(DomainError):
    """A governance rule was broken; the message says which."""

    code = "governance_invalid"


class GovernancePermissionError(GovernanceError):
    """The person may not do this in this base."""

    code = "governance_forbidden"
