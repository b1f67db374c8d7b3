"""Registering people (activated by e-mail) and organisations, and managing members."""

from __future__ import annotations

from django.contrib.auth import get_user_model, password_validation
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.exceptions import AccountError, NotAuthorizedError
from accounts.models import Membership, Organization, OrganizationType
from accounts.models.users import look_alike_taken
from accounts.services.mail import absolute_url, send_account_mail
from accounts.usernames import normalize_username, validate_username_script
from accounts.validators import normalize_uscc, validate_mobile, validate_uscc
from audit.services import log_action


def _first_message(error: ValidationError) -> str:
    return " ".join(str(m) for m in error.messages)


ACTIVATION_SALT = "accounts.activate"
ACTIVATION_MAX_AGE = 3 * 24 * 3600


def register_user(
    *,
    username: str,
    email: str,
    password: str,
    display_name: str = "",
    phone: str = "",
    request=None,
):
    """Create an account that the owner of `email` activates by the link e-mailed to them.

    When the address already has an account, nothing is created and its owner is told by
    e-mail instead, so the answer never reveals which addresses are registered. Returns
    the new (inactive) user, or None in that case.
    """
    User = get_user_model()
    username, email = normalize_username(username), email.strip().lower()
    if not username or not email:
        raise AccountError(_("Username and email address are required."))
    if "@" in username:
        raise AccountError(_("A username may not contain “@”."))
    try:
        validate_username_script(username)
    except ValidationError as exc:
        raise AccountError(_first_message(exc)) from exc
    if User.objects.filter(username__iexact=username).exists() or look_alike_taken(username):
        raise AccountError(_("This username is taken."))
    if phone:
        try:
            validate_mobile(phone)
        except ValidationError as exc:
            raise AccountError(_first_message(exc)) from exc
    user = User(
        username=username,
        email=email,
        display_name=display_name.strip(),
        phone=phone,
        is_active=False,
    )
    try:
        password_validation.validate_password(password, user)
    except ValidationError as exc:
        raise AccountError(_first_message(exc)) from exc
    owner = User.objects.filter(email__iexact=email).first()
    if owner is not None:
        log_action(
            "accounts.user.registration_address_taken",
            obj=owner,
            after={"username": username},
            request=request,
        )
        send_account_mail(
            owner.email,
            "registration_address_taken",
            {"username": owner.username, "login": absolute_url(reverse("accounts:login"))},
        )
        return None
    user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
            log_action(
                "accounts.user.registered",
                actor=user,
                obj=user,
                after={"username": user.username},
                request=request,
            )
    except IntegrityError as exc:
        raise AccountError(_("This username is taken.")) from exc
    token = signing.dumps(user.pk, salt=ACTIVATION_SALT)
    send_account_mail(
        user.email,
        "activation",
        {
            "username": user.username,
            "link": absolute_url(reverse("accounts:activate", kwargs={"token": token})),
        },
    )
    return user


def activate_account(token: str, *, request=None):
    """Activate the account an e-mailed registration link names (once, within 3 days)."""
    User = get_user_model()
    try:
        pk = signing.loads(token, salt=ACTIVATION_SALT, max_age=ACTIVATION_MAX_AGE)
    except signing.BadSignature as exc:
        raise AccountError(_("This activation link is not valid or has expired.")) from exc
    user = User.objects.filter(pk=pk, is_active=False, last_login__isnull=True).first()
    if user is None or user.anonymized_at is not None:
        raise AccountError(_("This activation link is not valid or has expired."))
    user.is_active = True
    user.save(update_fields=["is_active"])
    log_action("accounts.user.activated", actor=user, obj=user, request=request)
    return user


def register_organization(
    *, user, name: str, type: str, credit_code: str, region: str = "", request=None
) -> Organization:
    """Register an organisation by its credit code; the registering person becomes its admin."""
    code = normalize_uscc(credit_code)
    try:
        validate_uscc(code)
    except ValidationError as exc:
        raise AccountError(_first_message(exc)) from exc
    if type not in OrganizationType.values:
        raise AccountError(_("Choose a valid organisation type."))
    if not name.strip():
        raise AccountError(_("The organisation name is required."))
    if Organization.objects.filter(credit_code=code).exists():
        raise AccountError(
            _("An organisation with this credit code is already registered; ask its admin.")
        )
    with transaction.atomic():
        organization = Organization.objects.create(
            name=name.strip(), type=type, credit_code=code, region=region.strip()
        )
        Membership.objects.create(user=user, organization=organization, role=Membership.Role.ADMIN)
        log_action(
            "accounts.organization.registered",
            actor=user,
            obj=organization,
            after={"name": organization.name, "type": type, "credit_code": code},
            request=request,
        )
    return organization


def require_org_admin(actor, organization: Organization) -> None:
    """Refuse unless `actor` administers `organization`."""
    if not Organization.objects.restrict(actor, "change").filter(pk=organization.pk).exists():
        raise NotAuthorizedError(_("Only an administrator of the organisation may do this."))


def add_member(
    *, actor, organization: Organization, user, role: str = "member", request=None
) -> Membership:
    """Add a person to an organisation (by one of its administrators)."""
    require_org_admin(actor, organization)
    if role not in Membership.Role.values:
        raise AccountError(_("Choose a valid role."))
    if Membership.objects.filter(organization=organization, user=user).exists():
        raise AccountError(_("This person already belongs to the organisation."))
    membership = Membership.objects.create(organization=organization, user=user, role=role)
    log_action(
        "accounts.membership.added",
        actor=actor,
        obj=membership,
        after={"user": user.username, "role": role},
        request=request,
    )
    return membership


def change_member_role(*, actor, membership: Membership, role: str, request=None) -> Membership:
    """Change a member's role inside the organisation, keeping at least one admin."""
    require_org_admin(actor, membership.organization)
    if role not in Membership.Role.values:
        raise AccountError(_("Choose a valid role."))
    before = membership.role
    if before == Membership.Role.ADMIN and role != before:
        admins = membership.organization.memberships.filter(role=Membership.Role.ADMIN)
        if admins.count() <= 1:
            raise AccountError(_("An organisation needs at least one administrator."))
    membership.role = role
    membership.save(update_fields=["role", "updated_at"])
    log_action(
        "accounts.membership.role_changed",
        actor=actor,
        obj=membership,
        before={"role": before},
        after={"role": role},
        request=request,
    )
    return membership


def remove_member(*, actor, membership: Membership, request=None) -> None:
    """Remove a person from an organisation, keeping at least one admin."""
    require_org_admin(actor, membership.organization)
    if membership.role == Membership.Role.ADMIN:
        admins = membership.organization.memberships.filter(role=Membership.Role.ADMIN)
        if admins.count() <= 1:
            raise AccountError(_("An organisation needs at least one administrator."))
    log_action(
        "accounts.membership.removed",
        actor=actor,
        obj=membership,
        before={"user": membership.user.username, "role": membership.role},
        request=request,
    )
    membership.delete()
