"""The request being served, kept by `audit.middleware` for entries written without it."""

from __future__ import annotations

from contextvars import ContextVar

from django.http import HttpRequest

current_request_var: ContextVar[HttpRequest | None] = ContextVar("audit_request", default=None)


def current_request() -> HttpRequest | None:
    """The request being served (admin changes, signal receivers), or None outside one."""
    return current_request_var.get()
