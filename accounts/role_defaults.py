"""The built-in roles, declared in the role registry and synced into `Role` rows.

`register_builtin_roles()` declares the platform roles (from `AccountsConfig.ready()`);
`ensure_roles()` runs after every migrate and creates a `Role` row for every role any app
declared (`core.roles.register_role`), granting each default permission once.
"""

from __future__ import annotations

from accounts.models.roles import RoleCode
from accounts.roles import ADMIN_TRIAD, IMPLICIT_ROLES, TWO_FACTOR_ROLES
from core.roles import RoleScope, declared_roles, register_role

DESCRIPTIONS = {
    RoleCode.PUBLIC: "Anyone: searches and reads the public standards catalogue.",
    RoleCode.REGISTERED: "Signed-in person: watch lists, validity checks, own data.",
    RoleCode.ORG_ADMIN: "Administrator of one organisation: manages its members.",
    RoleCode.SECRETARIAT: "Alliance secretariat: runs group-standard projects and ballots.",
    RoleCode.EXPERT: "Expert: reviews drafts and takes part in panels.",
    RoleCode.VERIFICATION_ENGINEER: "Verification engineer: performs verification tasks.",
    RoleCode.CENTRE_STAFF: "Centre staff: manages the work of a verification or other centre.",
    RoleCode.BASE_OFFICE: "Base office: coordinates the base, contracts and evaluations.",
    RoleCode.SYSTEM_ADMIN: "System administrator: accounts and configuration; no audit access.",
    RoleCode.SECURITY_ADMIN: "Security administrator: assigns roles and security policies.",
    RoleCode.AUDIT_ADMIN: "Audit administrator: reads and exports the audit trail only.",
}

# Django permissions each role starts with ("app_label.codename").
PERMISSIONS: dict[str, tuple[str, ...]] = {
    RoleCode.BASE_OFFICE: (
        "accounts.view_organization",
        "accounts.change_organization",
        "accounts.view_membership",
        "catalog.view_importrun",
    ),
    RoleCode.SYSTEM_ADMIN: (
        "accounts.view_user",
        "accounts.add_user",
        "accounts.change_user",
        "accounts.view_organization",
        "accounts.add_organization",
        "accounts.change_organization",
        "accounts.view_membership",
        "accounts.add_membership",
        "accounts.change_membership",
        "accounts.delete_membership",
    ),
    RoleCode.SECURITY_ADMIN: (
        "accounts.view_user",
        "accounts.view_role",
        "accounts.change_role",
        "accounts.view_roleassignment",
        "accounts.add_roleassignment",
        "accounts.delete_roleassignment",
    ),
    RoleCode.AUDIT_ADMIN: ("audit.view_auditentry", "audit.export_auditentry"),
}


# Roles a person can also hold inside one body (secretariat of alliance A); the rest are
# platform-wide only.
BODY_SCOPED = frozenset(
    {
        RoleCode.SECRETARIAT,
        RoleCode.EXPERT,
        RoleCode.VERIFICATION_ENGINEER,
        RoleCode.CENTRE_STAFF,
    }
)


def register_builtin_roles() -> None:
    """Declare the platform roles of `RoleCode` in the role registry."""
    for code in RoleCode:
        register_role(
            code.value,
            code.label,
            app_label="accounts",
            description=DESCRIPTIONS[code],
            scope=RoleScope.ANY if code in BODY_SCOPED else RoleScope.GLOBAL,
            permissions=PERMISSIONS.get(code, ()),
            assignable=code not in IMPLICIT_ROLES,
            requires_2fa=code in TWO_FACTOR_ROLES,
            admin_triad=code in ADMIN_TRIAD,
        )


def global_role_choices() -> list[tuple[str, str]]:
    """(code, label) of every role a security administrator can assign platform-wide."""
    return [
        (spec.code, spec.label)
        for spec in declared_roles()
        if spec.assignable and spec.held_globally
    ]


def ensure_roles(**kwargs) -> None:
    """Create missing declared roles with their default permissions (post_migrate hook)."""
    from django.contrib.auth.models import Permission

    from accounts.models import Role

    for spec in declared_roles():
        role, _created = Role.objects.get_or_create(
            code=spec.code,
            defaults={
                "description": spec.description,
                "scope": spec.scope.value,
                "assignable": spec.assignable,
                "requires_2fa": spec.requires_2fa,
                "admin_triad": spec.admin_triad,
            },
        )
        if role.scope != spec.scope.value:
            # Where a role can be held is a property of the code, not an editable setting.
            role.scope = spec.scope.value
            role.save(update_fields=["scope"])
        # Each default is granted once, as soon as its permission exists; a permission the
        # security administrator later removed is not granted again.
        pending = [p for p in spec.permissions if p not in role.seeded_permissions]
        for name in pending:
            app_label, codename = name.split(".")
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission is not None:
                role.permissions.add(permission)
                role.seeded_permissions.append(name)
        if pending:
            role.save(update_fields=["seeded_permissions"])
