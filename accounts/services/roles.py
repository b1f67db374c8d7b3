"""Assigning and revoking platform roles, with the separation of the three administrators."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.exceptions import AccountError, NotAuthorizedError, RoleSeparationError
from accounts.models import Role, RoleAssignment, RoleCode
from accounts.roles import ADMIN_TRIAD, forget_roles, has_role
from audit.services import log_action


def _check_actor(actor) -> None:
    # actor=None is the operator at the console (bootstrap commands), never a web request.
    if actor is not None and not has_role(actor, RoleCode.SECURITY_ADMIN):
        raise NotAuthorizedError(_("Only the security administrator may assign roles."))


def assign_role(user, code: str, *, actor=None, request=None) -> RoleAssignment:
    """Give `user` the role `code`; refuses a second administrator role (三员分立)."""
    _check_actor(actor)
    role = Role.objects.filter(code=code).first()
    # A body-scoped role (core.roles) is held inside one body, never platform-wide.
    if role is None or not role.assignable or role.scope == "body":
        raise AccountError(_("This role cannot be assigned."))
    if actor is not None and actor.pk == user.pk:
        raise NotAuthorizedError(_("Nobody may change their own roles."))
    with transaction.atomic():
        # Lock the user's row so two concurrent grants cannot both pass the triad check.
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        held = set(user.role_assignments.values_list("role__code", flat=True))
        if code in held:
            raise AccountError(_("This person already holds the role."))
        separated = code in ADMIN_TRIAD and bool(held & ADMIN_TRIAD)
        if not separated:
            assignment = RoleAssignment.objects.create(user=user, role=role, granted_by=actor)
            if code == RoleCode.SYSTEM_ADMIN and not (user.is_staff and user.is_superuser):
                user.is_staff = user.is_superuser = True
                user.save(update_fields=["is_staff", "is_superuser"])
            log_action(
                "accounts.role.assigned",
                actor=actor,
                obj=user,
                before={"roles": sorted(held)},
                after={"roles": sorted(held | {code})},
                request=request,
            )
    if separated:
        # Logged outside the transaction so that the refusal itself is kept.
        log_action(
            "accounts.role.assign_refused",
            actor=actor,
            obj=user,
            after={"role": code, "held": sorted(held)},
            result="denied",
            request=request,
            detail="separation of the three administrators",
        )
        raise RoleSeparationError(
            _(
                "One account may hold only one of the system, security and audit "
                "administrator roles."
            )
        )
    forget_roles(user)
    return assignment


def revoke_role(user, code: str, *, actor=None, request=None) -> None:
    """Take the role `code` away from `user`."""
    _check_actor(actor)
    if actor is not None and actor.pk == user.pk:
        raise NotAuthorizedError(_("Nobody may change their own roles."))
    with transaction.atomic():
        held = set(user.role_assignments.values_list("role__code", flat=True))
        if code not in held:
            raise AccountError(_("This person does not hold the role."))
        RoleAssignment.objects.filter(user=user, role__code=code).delete()
        if code == RoleCode.SYSTEM_ADMIN and user.is_superuser:
            user.is_superuser = False
            user.save(update_fields=["is_superuser"])
        log_action(
            "accounts.role.revoked",
            actor=actor,
            obj=user,
            before={"roles": sorted(held)},
            after={"roles": sorted(held - {code})},
            request=request,
        )
    forget_roles(user)


# Permissions that belong to exactly one of the three administrators.
RESERVED_PERMISSIONS = {
    "audit": RoleCode.AUDIT_ADMIN,
    "accounts.add_roleassignment": RoleCode.SECURITY_ADMIN,
    "accounts.delete_roleassignment": RoleCode.SECURITY_ADMIN,
    "accounts.change_role": RoleCode.SECURITY_ADMIN,
}


def _reserved_for(permission: Permission) -> str | None:
    app_label = permission.content_type.app_label
    return RESERVED_PERMISSIONS.get(f"{app_label}.{permission.codename}") or (
        RESERVED_PERMISSIONS.get(app_label)
    )


def set_role_permission(
    role: Role, permission: Permission, *, grant: bool, actor=None, request=None
) -> None:
    """Grant or withdraw one Django permission of a role (security administrator only)."""
    _check_actor(actor)
    owner = _reserved_for(permission)
    if grant and owner is not None and role.code != owner:
        log_action(
            "accounts.role.permission_refused",
            actor=actor,
            obj=role,
            after={"permission": f"{permission.content_type.app_label}.{permission.codename}"},
            result="denied",
            request=request,
            detail="separation of the three administrators",
        )
        raise RoleSeparationError(
            _("This permission belongs to another administrator role and cannot be granted.")
        )
    name = f"{permission.content_type.app_label}.{permission.codename}"
    before = role.permissions.filter(pk=permission.pk).exists()
    if grant:
        role.permissions.add(permission)
    else:
        role.permissions.remove(permission)
    if before != grant:
        log_action(
            "accounts.role.permission_granted" if grant else "accounts.role.permission_withdrawn",
            actor=actor,
            obj=role,
            after={"permission": name},
            request=request,
        )
