"""Sign-in delays per account and source address, growing while failures go on.

There is no account lock anyone could trigger: failures from one address delay only that
address's attempts at that account. Attempts during a delay are refused without being
counted, so they never extend it. A successful sign-in clears its own source; a new
password (reset or change) and the security administrator's unlock clear every source.
"""

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


def source_of(request) -> str:
    """The client address a sign-in attempt comes from ("" when unknown)."""
    from audit.services import client_ip

    return (client_ip(request) or "")[:45]


def locked_until(identifier: str, source: str) -> datetime | None:
    """When the delay for this account and source ends, or None if there is none."""
    row = LoginThrottle.objects.filter(username=throttle_key(identifier), source=source).first()
    if row and row.locked_until and row.locked_until > timezone.now():
        return row.locked_until
    return None


def is_locked(identifier: str, source: str) -> bool:
    """True while attempts at this account from this source must wait."""
    return locked_until(identifier, source) is not None


def lock_duration(failures: int) -> timedelta:
    """Delay after `failures` consecutive failures: base, then doubling, capped at 24 h."""
    limit = settings.LOGIN_FAILURE_LIMIT
    if failures < limit:
        return timedelta(0)
    seconds = settings.LOGIN_LOCKOUT_SECONDS * 2 ** min(failures - limit, 20)
    return timedelta(seconds=min(seconds, settings.LOGIN_LOCKOUT_MAX_SECONDS))


def record_failure(identifier: str, source: str) -> tuple[int, datetime | None, bool]:
    """Count a failed sign-in; return (failures, delayed_until, newly_delayed).

    An attempt made while a delay runs is not counted and does not extend the delay.
    """
    key = throttle_key(identifier)
    if not key:
        return 0, None, False
    now = timezone.now()
    with transaction.atomic():
        row, _created = LoginThrottle.objects.select_for_update().get_or_create(
            username=key, source=source
        )
        if row.locked_until and row.locked_until > now:
            return row.failures, row.locked_until, False
        if row.last_failure_at and now - row.last_failure_at > FAILURE_MEMORY:
            row.failures = 0
        row.failures += 1
        row.last_failure_at = now
        duration = lock_duration(row.failures)
        row.locked_until = now + duration if duration else None
        row.save()
    return row.failures, row.locked_until, bool(duration)


def _keys(user) -> set[str]:
    keys = {user.username.lower()}
    if user.email:
        keys.add(user.email.lower())
    return keys


def clear_failures(user, source: str | None = None) -> None:
    """Forget failures of one source (after its successful sign-in) or of all sources."""
    rows = LoginThrottle.objects.filter(username__in=_keys(user))
    if source is not None:
        rows = rows.filter(source=source)
    rows.delete()


def unlock_account(user, *, actor, request=None) -> None:
    """Lift a sign-in lock before it expires (security administrator), audited."""
    from audit.services import log_action

    with transaction.atomic():
        clear_failures(user)
        log_action("accounts.user.unlocked", actor=actor, obj=user, request=request)
