"""Credentials of administrators: who may touch them, and the security administrator's reset."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.exceptions import NotAuthorizedError
from accounts.models import ApiToken, RecoveryCode, RoleCode
from accounts.roles import ADMIN_TRIAD, has_role, roles_of
from accounts.services.lockout import clear_failures
from accounts.services.mail import password_link, send_account_mail
from audit.services import log_action


def is_administrator(user) -> bool:
    """True for holders of an administrator role and for staff or superuser accounts."""
    return bool(user.is_superuser or user.is_staff or roles_of(user) & ADMIN_TRIAD)


def may_manage_account(actor, person) -> bool:
    """Whether `actor` may edit `person`'s account data outside the security reset (三员分立)."""
    return actor.pk == person.pk or not is_administrator(person)


def reset_credentials(actor, person, *, code: str, request=None) -> None:
    """Void `person`'s password, TOTP devices, recovery codes, tokens and sessions.

    Only a security administrator may do it, and only after entering a fresh code from
    their own authenticator; the person receives a single-use link to choose a new
    password, so the security administrator never learns a credential.
    """
    from accounts.services.two_factor import check_fresh_code

    if not has_role(actor, RoleCode.SECURITY_ADMIN):
        raise NotAuthorizedError(_("Only the security administrator may reset credentials."))
    if actor.pk == person.pk:
        raise NotAuthorizedError(_("Nobody may reset their own credentials this way."))
    if not check_fresh_code(actor, code, request=request):
        raise NotAuthorizedError(_("Your own two-factor code is not correct."))
    with transaction.atomic():
        person.set_unusable_password()
        person.must_change_password = True
        person.save(update_fields=["password", "must_change_password"])
        get_user_model().objects.filter(pk=person.pk).update(
            session_version=F("session_version") + 1
        )
        devices = TOTPDevice.objects.filter(user=person).delete()[0]
        RecoveryCode.objects.filter(user=person).delete()
        tokens = ApiToken.objects.usable().filter(user=person).update(revoked_at=timezone.now())
        clear_failures(person)
        log_action(
            "accounts.credentials.reset",
            actor=actor,
            obj=person,
            after={"devices_removed": devices, "api_access_revoked": tokens},
            request=request,
        )
    person.refresh_from_db()
    send_account_mail(
        person.email,
        "credentials_reset",
        {"actor": actor, "username": person.username, "link": password_link(person)},
    )
