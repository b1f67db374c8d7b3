"""Inviting people into an organisation: they join only by accepting, and no answer reveals
whether an account exists for what the administrator typed."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.exceptions import AccountError
from accounts.models import Invitation, Membership, Organization
from accounts.services.mail import absolute_url, send_account_mail
from accounts.services.registration import require_org_admin
from audit.services import log_action

INVITATION_DAYS = 14


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invite_member(
    *, actor, organization: Organization, identifier: str, role: str = "member", request=None
) -> Invitation:
    """Record an invitation and e-mail it; the same outcome whether or not an account matches."""
    from accounts.backends import find_user

    require_org_admin(actor, organization)
    if role not in Membership.Role.values:
        raise AccountError(_("Choose a valid role."))
    identifier = identifier.strip().lower()[:254]
    if not identifier:
        raise AccountError(_("Enter a username or an email address."))
    person = find_user(identifier)
    if person is not None and not person.is_active:
        person = None
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        organization=organization,
        identifier=identifier,
        user=person,
        role=role,
        invited_by=actor,
        token_digest=_digest(token),
        expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
    )
    log_action(
        "accounts.invitation.created",
        actor=actor,
        obj=organization,
        after={"invited": identifier, "role": role},
        request=request,
    )
    already_member = person is not None and organization.memberships.filter(user=person).exists()
    address = person.email if person is not None else identifier if "@" in identifier else ""
    if address and not already_member:
        send_account_mail(
            address,
            "invitation",
            {
                "organization": organization,
                "inviter": actor,
                "has_account": person is not None,
                "link": absolute_url(reverse("accounts:invitation", kwargs={"token": token})),
                "days": INVITATION_DAYS,
            },
        )
    return invitation


def _addressed_to(invitation: Invitation, user) -> bool:
    if invitation.user_id is not None:
        return invitation.user_id == user.pk
    return bool(user.email) and invitation.identifier == user.email.lower()


def _not_for_you() -> AccountError:
    return AccountError(_("This invitation is not for your account, or it has expired."))


def find_invitation(user, token: str) -> Invitation:
    """The pending invitation behind an e-mailed `token`, if it is addressed to `user`."""
    invitation = (
        Invitation.objects.select_related("organization")
        .filter(token_digest=_digest(token or ""))
        .first()
    )
    if invitation is None or not _addressed_to(invitation, user) or not invitation.is_pending:
        raise _not_for_you()
    return invitation


def pending_invitations(user):
    """Invitations waiting for the person's answer (shown on their profile)."""
    return Invitation.objects.filter(
        user=user, accepted_at__isnull=True, declined_at__isnull=True, expires_at__gt=timezone.now()
    ).select_related("organization")


def answer_invitation(user, invitation_id: int, *, accept: bool, request=None) -> Invitation:
    """Accept (joining the organisation with the invited role) or decline an invitation."""
    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update()
            .select_related("organization")
            .filter(pk=invitation_id)
            .first()
        )
        if invitation is None or not _addressed_to(invitation, user) or not invitation.is_pending:
            raise _not_for_you()
        now = timezone.now()
        if accept:
            invitation.accepted_at = now
            Membership.objects.get_or_create(
                user=user,
                organization=invitation.organization,
                defaults={"role": invitation.role},
            )
        else:
            invitation.declined_at = now
        invitation.user = user
        invitation.save(update_fields=["accepted_at", "declined_at", "user"])
        log_action(
            "accounts.invitation.accepted" if accept else "accounts.invitation.declined",
            actor=user,
            obj=invitation.organization,
            after={"role": invitation.role},
            request=request,
        )
    return invitation
