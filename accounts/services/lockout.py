"""Account lockout after repeated failed sign-ins, with a lock that doubles each time."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import LoginThrottle

# Failures older than this are forgotten.
FAILURE_MEMORY = timedelta(hours=24)


def throttle_key(identifier: str) -> str:
    """The account name a login attempt targets: an email resolves to its username."""
    from accounts.backends import find_user

    identifier = (identifier or "").strip().lower()[:254]
    if "@" in identifier:
        user = find_user(identifier)
        if user is not None:
            return user.username.lower()
    return identifier


def locked_until(identifier: str) -> datetime | None:
    """When the lock on this account ends, or None if it is not locked."""
    row = LoginThrottle.objects.filter(username=throttle_key(identifier)).first()
    if row and row.locked_until and row.locked_until > timezone.now():
        return row.locked_until
    return None


def is_locked(identifier: str) -> bool:
    """True while the account is locked."""
    return locked_until(identifier) is not None


def lock_duration(failures: int) -> timedelta:
    """Lock length after `failures` consecutive failures: base, then doubling, capped at 24 h."""
    limit = settings.LOGIN_FAILURE_LIMIT
    if failures < limit:
        return timedelta(0)
    seconds = settings.LOGIN_LOCKOUT_SECONDS * 2 ** min(failures - limit, 20)
    return timedelta(seconds=min(seconds, settings.LOGIN_LOCKOUT_MAX_SECONDS))


def record_failure(identifier: str) -> tuple[int, datetime | None, bool]:
    """Count a failed sign-in; return (failures, locked_until, newly_locked)."""
    key = throttle_key(identifier)
    if not key:
        return 0, None, False
    now = timezone.now()
    with transaction.atomic():
        row, _created = LoginThrottle.objects.select_for_update().get_or_create(username=key)
        if row.last_failure_at and now - row.last_failure_at > FAILURE_MEMORY:
            row.failures = 0
        was_locked = bool(row.locked_until and row.locked_until > now)
        row.failures += 1
        row.last_failure_at = now
        duration = lock_duration(row.failures)
        if duration:
            row.locked_until = now + duration
        row.save()
    return row.failures, row.locked_until if duration else None, bool(duration) and not was_locked


def clear_failures(user) -> None:
    """Forget failures after a successful sign-in or an administrator's unlock."""
    keys = {user.username.lower()}
    if user.email:
        keys.add(user.email.lower())
    LoginThrottle.objects.filter(username__in=keys).delete()


def unlock_account(user, *, actor, request=None) -> None:
    """Lift a sign-in lock before it expires (security administrator), audited."""
    from audit.services import log_action

    with transaction.atomic():
        clear_failures(user)
        log_action("accounts.user.unlocked", actor=actor, obj=user, request=request)
