"""Who may do what in a base: a global permission or one held through the base's body."""

from __future__ import annotations

from django.utils.translation import gettext as _

from bodies.scopes import has_body_permission
from governance.exceptions import GovernancePermissionError


def may(user, permission: str, base) -> bool:
    """True when `user` holds `governance.<permission>` globally or in the base's body."""
    name = permission if "." in permission else f"governance.{permission}"
    if user is None:  # the operator at the console
        return True
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.has_perm(name) or has_body_permission(user, name, base.body)


def require(user, permission: str, base) -> None:
    """Raise a readable refusal unless `may(user, permission, base)`."""
    if not may(user, permission, base):
        raise GovernancePermissionError(_("You may not do this in %(base)s.") % {"base": base.name})


def is_unit_member(user, organization) -> bool:
    """True when the person belongs to the organisation (a builder or responsible unit)."""
    return bool(
        user is not None
        and getattr(user, "is_authenticated", False)
        and organization.memberships.filter(user=user).exists()
    )
