"""Personal data rights (PIPL): see and export one's own data, ask for deletion."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.exceptions import AccountError, NotAuthorizedError
from accounts.models import (
    ApiToken,
    DeletionRequest,
    Membership,
    RecoveryCode,
    RoleAssignment,
    RoleCode,
)
from accounts.roles import has_role, roles_of
from audit.models import AuditEntry
from audit.services import log_action

PROFILE_FIELDS = (
    "username",
    "email",
    "display_name",
    "first_name",
    "last_name",
    "phone",
    "id_number",
    "date_joined",
    "last_login",
)


def personal_data(user) -> dict:
    """Everything StdBase stores about the person, in one JSON-ready dictionary."""
    return {
        "profile": {name: getattr(user, name) for name in PROFILE_FIELDS},
        "roles": sorted(roles_of(user)),
        "memberships": [
            {
                "organization": m.organization.name,
                "credit_code": m.organization.credit_code,
                "role": m.role,
                "since": m.created_at,
            }
            for m in Membership.objects.filter(user=user).select_related("organization")
        ],
        "api_tokens": [
            {
                "name": t.name,
                "prefix": t.prefix,
                "scope": t.scope,
                "created_at": t.created_at,
                "expires_at": t.expires_at,
                "revoked_at": t.revoked_at,
            }
            for t in ApiToken.objects.filter(user=user)
        ],
        "two_factor_enabled": TOTPDevice.objects.filter(user=user, confirmed=True).exists(),
        "deletion_requests": list(
            DeletionRequest.objects.filter(user=user).values("status", "created_at", "decided_at")
        ),
        "activity": list(
            AuditEntry.objects.filter(actor_id=user.pk)
            .order_by("-sequence")
            .values("created_at", "action", "result", "ip_address")[:1000]
        ),
    }


def export_personal_data(user, *, request=None) -> dict:
    """Return the person's data for download and audit the export."""
    data = personal_data(user)
    log_action("accounts.personal_data.exported", actor=user, obj=user, request=request)
    return data


def request_deletion(user, *, reason: str = "", request=None) -> DeletionRequest:
    """File a request to delete the person's account and personal data."""
    try:
        with transaction.atomic():
            deletion = DeletionRequest.objects.create(user=user, reason=reason.strip()[:2000])
    except IntegrityError as exc:
        raise AccountError(_("A deletion request is already pending.")) from exc
    log_action("accounts.deletion.requested", actor=user, obj=deletion, request=request)
    return deletion


def decide_deletion(
    actor, deletion: DeletionRequest, *, approve: bool, note: str = "", request=None
) -> DeletionRequest:
    """Approve (anonymise the account) or reject a pending deletion request."""
    if not (
        has_role(actor, RoleCode.SYSTEM_ADMIN) or actor.has_perm("accounts.change_deletionrequest")
    ):
        raise NotAuthorizedError(_("Only the system administrator decides deletion requests."))
    if deletion.status != DeletionRequest.Status.PENDING:
        raise AccountError(_("This request was already decided."))
    if deletion.user_id == actor.pk:
        raise NotAuthorizedError(_("Nobody may decide their own deletion request."))
    with transaction.atomic():
        deletion.status = (
            DeletionRequest.Status.COMPLETED if approve else DeletionRequest.Status.REJECTED
        )
        deletion.decided_at = timezone.now()
        deletion.decided_by = actor
        deletion.decision_note = note.strip()[:2000]
        deletion.save()
        log_action(
            "accounts.deletion.decided",
            actor=actor,
            obj=deletion,
            after={"status": deletion.status},
            request=request,
        )
        if approve:
            anonymize_user(deletion.user, actor=actor, request=request)
    return deletion


def anonymize_user(user, *, actor=None, request=None) -> None:
    """Erase personal data of an account and disable it; the audit trail keeps its history."""
    with transaction.atomic():
        ApiToken.objects.filter(user=user).delete()
        RecoveryCode.objects.filter(user=user).delete()
        TOTPDevice.objects.filter(user=user).delete()
        Membership.objects.filter(user=user).delete()
        RoleAssignment.objects.filter(user=user).delete()
        user.username = f"deleted-{user.pk}"
        user.email = user.first_name = user.last_name = user.display_name = ""
        user.phone = user.id_number = ""
        user.is_active = user.is_staff = user.is_superuser = False
        user.set_unusable_password()
        user.session_version += 1
        user.anonymized_at = timezone.now()
        user.save()
        log_action("accounts.user.anonymized", actor=actor, obj=user, request=request)


def pending_deletions():
    """Deletion requests waiting for a decision, oldest first."""
    return (
        DeletionRequest.objects.filter(status=DeletionRequest.Status.PENDING)
        .select_related("user")
        .order_by("created_at")
    )
