"""Security events from django.contrib.auth written to the audit trail."""

from __future__ import annotations

import time

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from accounts.services.lockout import clear_failures, record_failure, source_of, throttle_key
from audit.services import log_action

LAST_ACTIVITY_KEY = "_stdbase_last_activity"


@receiver(user_logged_in, dispatch_uid="accounts.audit_login")
def audit_login(sender, request, user, **kwargs):
    clear_failures(user, source_of(request))
    if request is not None and hasattr(request, "session"):
        request.session[LAST_ACTIVITY_KEY] = int(time.time())
    log_action("accounts.login.succeeded", actor=user, obj=user, request=request)


@receiver(user_login_failed, dispatch_uid="accounts.audit_login_failed")
def audit_login_failed(sender, credentials, request=None, **kwargs):
    from accounts.backends import find_user

    identifier = credentials.get("username") or credentials.get("email") or ""
    if not identifier:
        return
    failures, until, newly_delayed = record_failure(identifier, source_of(request))
    user = find_user(identifier)
    log_action(
        "accounts.login.failed",
        obj=user,
        after={"login": throttle_key(identifier)[:150], "failures": failures},
        result="failure",
        request=request,
        detail="sign-in delayed for this source" if until else "",
    )
    if newly_delayed:
        log_action(
            "accounts.login.delayed",
            obj=user,
            after={"login": throttle_key(identifier)[:150], "delayed_until": until},
            result="denied",
            request=request,
        )


@receiver(user_logged_out, dispatch_uid="accounts.audit_logout")
def audit_logout(sender, request, user, **kwargs):
    if user is not None:
        log_action("accounts.logout", actor=user, obj=user, request=request)
