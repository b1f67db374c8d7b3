"""Errors of standards development, each with a message a person can read."""

from core.exceptions import DomainError


class DevelopmentError(DomainError):
    """A proposal, project, draft or publication step that cannot be done as asked."""

    code = "development_invalid"


class DevelopmentPermissionError(DevelopmentError):
    """The person may not act on this body's work."""

    code = "development_forbidden"
