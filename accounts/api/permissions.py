"""DRF permission: a read-scoped token may only make safe (read) requests."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import permissions

from accounts.models import ApiToken, TokenScope


class TokenScopePermission(permissions.BasePermission):
    """Refuses unsafe methods to requests authenticated by a read-only token."""

    message = _("This API token is read-only.")

    def has_permission(self, request, view) -> bool:
        token = request.auth
        if isinstance(token, ApiToken) and request.method not in permissions.SAFE_METHODS:
            return token.scope == TokenScope.WRITE
        return True
