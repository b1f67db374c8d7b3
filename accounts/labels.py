"""Readable, translated names for codes shown to people: roles and account activity."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from accounts.models import Membership, RoleCode

ACTION_LABELS = {
    "accounts.login.succeeded": _("Signed in"),
    "accounts.login.failed": _("Sign-in failed"),
    "accounts.login.delayed": _("Sign-in delayed after failures"),
    "accounts.logout": _("Signed out"),
    "accounts.session.expired": _("Signed out after inactivity"),
    "accounts.session.logout_everywhere": _("Signed out on all devices"),
    "accounts.2fa.enabled": _("Two-factor sign-in set up"),
    "accounts.2fa.disabled": _("Two-factor sign-in turned off"),
    "accounts.2fa.verified": _("Two-factor code accepted"),
    "accounts.2fa.failed": _("Wrong two-factor code"),
    "accounts.2fa.setup_failed": _("Wrong code during two-factor set-up"),
    "accounts.2fa.reauthentication_failed": _("Wrong code when confirming an action"),
    "accounts.2fa.recovery_code_used": _("Recovery code used"),
    "accounts.2fa.recovery_codes_regenerated": _("New recovery codes"),
    "accounts.password.changed": _("Password changed"),
    "accounts.password.reset": _("Password reset"),
    "accounts.password.reset_requested": _("Password reset requested"),
    "accounts.user.registered": _("Account registered"),
    "accounts.user.activated": _("Account activated"),
    "accounts.user.unlocked": _("Sign-in delays lifted"),
    "accounts.credentials.reset": _("Credentials reset"),
    "accounts.token.created": _("API token created"),
    "accounts.token.revoked": _("API token revoked"),
    "accounts.personal_data.exported": _("Personal data downloaded"),
    "accounts.deletion.requested": _("Deletion requested"),
    "accounts.deletion.decided": _("Deletion request decided"),
    "accounts.organization.registered": _("Organisation registered"),
    "accounts.invitation.created": _("Member invited"),
    "accounts.invitation.accepted": _("Invitation accepted"),
    "accounts.invitation.declined": _("Invitation declined"),
    "accounts.membership.added": _("Member added"),
    "accounts.membership.removed": _("Member removed"),
    "accounts.membership.role_changed": _("Member's role changed"),
    "accounts.membership.exported": _("Member list exported"),
    "accounts.role.assigned": _("Role assigned"),
    "accounts.role.revoked": _("Role revoked"),
    "accounts.role.assign_refused": _("Role assignment refused"),
    "accounts.file.uploaded": _("File uploaded"),
    "accounts.file.downloaded": _("File downloaded"),
    "security.access.denied": _("Access refused"),
    "security.ratelimit.exceeded": _("Too many requests"),
}


def action_label(code: str) -> str:
    """The translated name of an audit action code (the code itself when none is known)."""
    return str(ACTION_LABELS.get(code, code))


def role_label(code: str) -> str:
    """The translated name of a platform role or of a role inside an organisation."""
    if code in RoleCode.values:
        return str(RoleCode(code).label)
    if code in Membership.Role.values:
        return str(Membership.Role(code).label)
    return code
