"""Session idle timeout, and the account policies enforced on every request."""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.roles import requires_two_factor
from accounts.signals import LAST_ACTIVITY_KEY
from audit.services import log_action

# Refresh the activity stamp at most this often (seconds) to spare session writes.
_TOUCH_INTERVAL = 60


class SessionIdleTimeoutMiddleware:
    """Signs a person out after SESSION_IDLE_TIMEOUT seconds without a request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            now = int(time.time())
            last = request.session.get(LAST_ACTIVITY_KEY)
            if last is not None and now - int(last) > settings.SESSION_IDLE_TIMEOUT:
                log_action("accounts.session.expired", actor=user, obj=user, request=request)
                logout(request)
                messages.info(request, _("You were signed out after a period of inactivity."))
            elif last is None or now - int(last) >= _TOUCH_INTERVAL:
                request.session[LAST_ACTIVITY_KEY] = now
        return self.get_response(request)


def _exempt_prefixes() -> tuple[str, ...]:
    names = [
        "accounts:logout",
        "accounts:two-factor-setup",
        "accounts:two-factor-verify",
        "accounts:password-change",
    ]
    return (
        *(reverse(name) for name in names),
        settings.STATIC_URL,
        "/healthz",
        "/i18n/",
    )


def needs_second_factor(user) -> bool:
    """True when the session must still pass TOTP: admins always, others once enrolled."""
    if not user.is_authenticated or (hasattr(user, "is_verified") and user.is_verified()):
        return False
    if requires_two_factor(user):
        return True
    from django_otp import user_has_device

    return user_has_device(user, confirmed=True)


class AccountPolicyMiddleware:
    """Sends people to TOTP set-up/verification or to a forced password change first."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return self.get_response(request)
        if request.path.startswith(_exempt_prefixes()):
            return self.get_response(request)
        target = None
        if needs_second_factor(user):
            from django_otp import user_has_device

            has_device = user_has_device(user, confirmed=True)
            target = "accounts:two-factor-verify" if has_device else "accounts:two-factor-setup"
            message = _("Two-factor authentication is required for this account.")
        elif user.must_change_password:
            target = "accounts:password-change"
            message = _("Please choose a new password before you continue.")
        if target is None:
            return self.get_response(request)
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": message, "code": "policy_required"}, status=403)
        query = urlencode({"next": request.get_full_path()}) if request.method == "GET" else ""
        return redirect(reverse(target) + (f"?{query}" if query else ""))
