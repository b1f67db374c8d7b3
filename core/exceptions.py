"""The base exception every service raises for a rule a person broke."""

from __future__ import annotations


class DomainError(Exception):
    """A business rule was violated; `message` is shown to the person as is."""

    code = "invalid"

    def __init__(self, message: str, *, code: str | None = None):
        super().__init__(message)
        self.message = str(message)
        if code:
            self.code = code
