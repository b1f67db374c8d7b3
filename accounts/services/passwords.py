"""What happens after a person set a new password (change or reset)."""

from __future__ import annotations

from django.utils import timezone

from accounts.services.lockout import clear_failures
from audit.services import log_action


def password_was_set(user, *, reset: bool, request=None) -> None:
    """Record the new password: stamp it, lift a forced change and sign-in delays, audit it."""
    user.password_changed_at = timezone.now()
    user.must_change_password = False
    user.save(update_fields=["password_changed_at", "must_change_password"])
    clear_failures(user)
    action = "accounts.password.reset" if reset else "accounts.password.changed"
    log_action(action, actor=user, obj=user, request=request)


def record_reset_request(email: str, *, request=None) -> None:
    """Audit a password reset request by the address's domain only (never the address)."""
    log_action(
        "accounts.password.reset_requested",
        request=request,
        detail=f"domain={email.rpartition('@')[2][:100]}",
    )
