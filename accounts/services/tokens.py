"""Personal API tokens: created with a scope and expiry, stored hashed, revocable."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.exceptions import AccountError
from accounts.models import ApiToken, TokenScope
from audit.services import log_action

KEY_PREFIX = "sbt_"
# last_used_at is refreshed at most this often to spare writes on busy tokens.
_USE_STAMP_INTERVAL = timedelta(minutes=1)


def digest(key: str) -> str:
    """SHA-256 of a token key (keys are 256-bit random, so no slow hash is needed)."""
    return hashlib.sha256(key.encode()).hexdigest()


def create_token(
    user,
    *,
    name: str,
    scope: str = TokenScope.READ,
    expires_in_days: int | None = 90,
    request=None,
) -> tuple[ApiToken, str]:
    """Create a token and return it with its key, which is shown to the person only once."""
    if scope not in TokenScope.values:
        raise AccountError(_("Choose a valid scope."))
    if not name.strip():
        raise AccountError(_("Give the token a name."))
    days = expires_in_days or settings.API_TOKEN_MAX_DAYS
    if not 1 <= days <= settings.API_TOKEN_MAX_DAYS:
        raise AccountError(
            _("A token may be valid for 1 to %(days)s days.")
            % {"days": settings.API_TOKEN_MAX_DAYS}
        )
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name.strip()[:100],
        prefix=key[:12],
        key_digest=digest(key),
        scope=scope,
        expires_at=timezone.now() + timedelta(days=days),
    )
    log_action(
        "accounts.token.created",
        actor=user,
        obj=token,
        after={"name": token.name, "scope": scope, "expires_at": token.expires_at},
        request=request,
    )
    return token, key


def revoke_token(user, token_id: int, *, request=None) -> ApiToken:
    """Revoke one of the user's own tokens."""
    token = ApiToken.objects.restrict(user, "change").filter(pk=token_id).first()
    if token is None:
        raise AccountError(_("No such token."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        log_action("accounts.token.revoked", actor=user, obj=token, request=request)
    return token


def authenticate_token(key: str) -> ApiToken | None:
    """The usable token for a key, with its active user, or None."""
    if not key or not key.startswith(KEY_PREFIX) or len(key) > 100:
        return None
    token = (
        ApiToken.objects.usable()
        .select_related("user")
        .filter(key_digest=digest(key), user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > _USE_STAMP_INTERVAL:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
