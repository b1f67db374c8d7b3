"""The audit entry points core's own pieces use, without importing the audit app.

`core` is the bottom layer: it must not import `audit` (which imports `core`). The audit app
registers its `log_action` here in `AuditConfig.ready()`; core's rate limiter and backup
commands call `core.auditing.log_action`, which forwards to it with the same arguments.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

_log_action: Callable | None = None


def set_audit_logger(function: Callable) -> None:
    """Register the function that appends audit entries (audit.services.log_action)."""
    global _log_action
    _log_action = function


def log_action(action: str, **kwargs):
    """Append an audit entry through the registered audit service."""
    if _log_action is None:
        raise ImproperlyConfigured("the audit app is not installed (no audit logger registered)")
    return _log_action(action, **kwargs)


def client_ip(request) -> str | None:
    """The client address; X-Forwarded-For is trusted only behind a configured proxy."""
    if request is None:
        return None
    meta = getattr(request, "META", {})
    if settings.TRUST_X_FORWARDED_FOR and meta.get("HTTP_X_FORWARDED_FOR"):
        # The right-most address was appended by our own proxy and cannot be forged.
        return meta["HTTP_X_FORWARDED_FOR"].split(",")[-1].strip() or None
    return meta.get("REMOTE_ADDR") or None
