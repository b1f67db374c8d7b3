"""DRF authentication with personal API tokens: `Authorization: Token <key>`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django_otp import user_has_device
from rest_framework import authentication, exceptions, permissions

from accounts.models import TokenScope
from accounts.roles import requires_two_factor
from accounts.services.tokens import authenticate_token


class TokenAuthentication(authentication.BaseAuthentication):
    """Authenticates a request by a personal token; `request.auth` is the ApiToken."""

    keyword = "Token"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Invalid token header."))
        try:
            key = header[1].decode()
        except UnicodeError as exc:
            raise exceptions.AuthenticationFailed(_("Invalid token header.")) from exc
        token = authenticate_token(key)
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid, expired or revoked token."))
        if requires_two_factor(token.user) and not user_has_device(token.user, confirmed=True):
            # Roles that need a second factor never act on a password-equivalent alone.
            raise exceptions.AuthenticationFailed(
                _("This account's roles require two-factor authentication; set it up first.")
            )
        # Enforced here too, so a view with its own permission_classes cannot forget it.
        if token.scope != TokenScope.WRITE and request.method not in permissions.SAFE_METHODS:
            raise exceptions.PermissionDenied(_("This API token is read-only."))
        return token.user, token

    def authenticate_header(self, request):
        return self.keyword
