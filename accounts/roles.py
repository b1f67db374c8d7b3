"""Role look-ups every module uses: `has_role(user, RoleCode.EXPERT)`, `roles_of(user)`."""

from __future__ import annotations

from accounts.models.roles import RoleCode

#: The three administrators (三员分立): no account may hold two of them.
ADMIN_TRIAD = frozenset({RoleCode.SYSTEM_ADMIN, RoleCode.SECURITY_ADMIN, RoleCode.AUDIT_ADMIN})
#: Roles that may only be used with a second factor (TOTP) verified in the session.
TWO_FACTOR_ROLES = ADMIN_TRIAD
#: Roles derived from other data rather than assigned.
IMPLICIT_ROLES = frozenset({RoleCode.PUBLIC, RoleCode.REGISTERED, RoleCode.ORG_ADMIN})

_CACHE_ATTR = "_stdbase_role_codes"


def roles_of(user) -> frozenset[str]:
    """Every role code the user holds, implicit ones included (cached on the user object)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset({RoleCode.PUBLIC})
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    from django.db.models import CharField, Value

    from accounts.models import Membership

    codes = {RoleCode.PUBLIC, RoleCode.REGISTERED}
    # One query on every request that reads roles (each API call asks for the 2FA policy).
    assigned = user.role_assignments.order_by().values_list("role__code", flat=True)
    org_admin = (
        Membership.objects.filter(user=user, role=Membership.Role.ADMIN)
        .annotate(code=Value(RoleCode.ORG_ADMIN, output_field=CharField()))
        .order_by()
        .values_list("code", flat=True)
    )
    codes.update(assigned.union(org_admin).order_by())
    result = frozenset(codes)
    setattr(user, _CACHE_ATTR, result)
    return result


def has_role(user, *codes: str) -> bool:
    """True when the user holds at least one of the given roles."""
    return bool(roles_of(user).intersection(codes))


def requires_two_factor(user) -> bool:
    """True when the user's roles (or superuser status) make TOTP mandatory."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_superuser or roles_of(user).intersection(TWO_FACTOR_ROLES))


def forget_roles(user) -> None:
    """Drop the per-request role cache after roles changed."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)
