"""The built-in roles: seeded after every migrate, editable by the security administrator."""

from __future__ import annotations

from accounts.models.roles import RoleCode
from accounts.roles import ADMIN_TRIAD, IMPLICIT_ROLES, TWO_FACTOR_ROLES

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


def ensure_roles(**kwargs) -> None:
    """Create missing built-in roles with their default permissions (post_migrate hook)."""
    from django.contrib.auth.models import Permission

    from accounts.models import Role

    for code in RoleCode:
        role, _created = Role.objects.get_or_create(
            code=code,
            defaults={
                "description": DESCRIPTIONS[code],
                "assignable": code not in IMPLICIT_ROLES,
                "requires_2fa": code in TWO_FACTOR_ROLES,
                "admin_triad": code in ADMIN_TRIAD,
            },
        )
        # Each default is granted once, as soon as its permission exists; a permission the
        # security administrator later removed is not granted again.
        pending = [p for p in PERMISSIONS.get(code, ()) if p not in role.seeded_permissions]
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
