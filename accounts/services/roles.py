"""Assigning and revoking platform roles, with the separation of the three administrators."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.exceptions import AccountError, NotAuthorizedError, RoleSeparationError
from accounts.models import ApiToken, Role, RoleAssignment, RoleCode
from accounts.roles import ADMIN_TRIAD, TWO_FACTOR_ROLES, forget_roles, has_role
from audit.services import log_action

# Account flags that follow from roles: held while (and only while) one of these is held.
STAFF_ROLES = frozenset({RoleCode.SYSTEM_ADMIN})
SUPERUSER_ROLES = frozenset({RoleCode.SYSTEM_ADMIN})


def _sync_privileges(user, held: set[str]) -> dict:
    """Set is_staff, is_superuser and role-mirroring groups from the roles `held`.

    A Django group named after a role code mirrors that role: holding the role means
    belonging to the group. Returns the flags that changed, for the audit entry.
    """
    wanted = {"is_staff": bool(held & STAFF_ROLES), "is_superuser": bool(held & SUPERUSER_ROLES)}
    changed = {name: value for name, value in wanted.items() if getattr(user, name) != value}
    if changed:
        for name, value in changed.items():
            setattr(user, name, value)
        user.save(update_fields=list(changed))
    mirrors = Group.objects.filter(name__in=[code.value for code in RoleCode])
    user.groups.remove(*mirrors.exclude(name__in=held))
    user.groups.add(*mirrors.filter(name__in=held))
    return changed


def _revoke_tokens_for_two_factor_role(user, code: str) -> int:
    """Tokens issued before a 2FA role was granted were not protected by a second factor."""
    if code not in TWO_FACTOR_ROLES:
        return 0
    return ApiToken.objects.usable().filter(user=user).update(revoked_at=timezone.now())


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
            privileges = _sync_privileges(user, held | {code})
            revoked = _revoke_tokens_for_two_factor_role(user, code)
            log_action(
                "accounts.role.assigned",
                actor=actor,
                obj=user,
                before={"roles": sorted(held)},
                after={
                    "roles": sorted(held | {code}),
                    **privileges,
                    **({"api_access_revoked": revoked} if revoked else {}),
                },
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
        privileges = _sync_privileges(user, held - {code})
        log_action(
            "accounts.role.revoked",
            actor=actor,
            obj=user,
            before={"roles": sorted(held)},
            after={"roles": sorted(held - {code}), **privileges},
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
