"""The role registry: every app declares its roles and their default permissions in code.

An app calls `register_role(...)` (a new role) or `grant_by_default(...)` (more default
permissions for a role another app declared) from its `AppConfig.ready()`. After every
`migrate`, `accounts` syncs the registry into its `Role` rows, so a new role needs no
migration in `accounts`; the security administrator edits the permissions from then on.

Scope says where a role can be held: platform-wide (`GLOBAL`, through a role assignment),
inside one body (`BODY`, through a body membership: secretariat of alliance A), or both.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class RoleScope(StrEnum):
    GLOBAL = "global"
    BODY = "body"
    ANY = "any"


@dataclass
class RoleSpec:
    """One declared role: code, label, description, scope and default permissions."""

    code: str
    label: Any
    description: str = ""
    scope: RoleScope = RoleScope.GLOBAL
    permissions: list[str] = field(default_factory=list)
    app_label: str = ""
    assignable: bool = True
    requires_2fa: bool = False
    admin_triad: bool = False

    @property
    def held_in_bodies(self) -> bool:
        """True when the role can be held inside one body."""
        return self.scope in (RoleScope.BODY, RoleScope.ANY)

    @property
    def held_globally(self) -> bool:
        """True when the role can be assigned platform-wide."""
        return self.scope in (RoleScope.GLOBAL, RoleScope.ANY)


_REGISTRY: dict[str, RoleSpec] = {}
_PENDING_GRANTS: dict[str, list[str]] = {}


def register_role(
    code: str,
    label: Any,
    *,
    app_label: str,
    description: str = "",
    scope: RoleScope | str = RoleScope.GLOBAL,
    permissions: tuple[str, ...] | list[str] = (),
    assignable: bool = True,
    requires_2fa: bool = False,
    admin_triad: bool = False,
) -> RoleSpec:
    """Declare a role (idempotent for the same app); refuses a code another app declared."""
    existing = _REGISTRY.get(code)
    if existing is not None and existing.app_label != app_label:
        raise ValueError(f"role {code!r} is already declared by {existing.app_label}")
    spec = RoleSpec(
        code=code,
        label=label,
        description=description,
        scope=RoleScope(scope),
        permissions=list(dict.fromkeys([*permissions, *_PENDING_GRANTS.pop(code, [])])),
        app_label=app_label,
        assignable=assignable,
        requires_2fa=requires_2fa,
        admin_triad=admin_triad,
    )
    if existing is not None:
        spec.permissions = list(dict.fromkeys([*existing.permissions, *spec.permissions]))
    _REGISTRY[code] = spec
    return spec


def grant_by_default(code: str, *permissions: str) -> None:
    """Add default permissions ("app.codename") to a role, whichever app declared it."""
    spec = _REGISTRY.get(code)
    target = spec.permissions if spec is not None else _PENDING_GRANTS.setdefault(code, [])
    for name in permissions:
        if name not in target:
            target.append(name)


def get_role(code: str) -> RoleSpec | None:
    """The declared role with this code, or None."""
    return _REGISTRY.get(code)


def declared_roles() -> list[RoleSpec]:
    """Every declared role, in declaration order."""
    return list(_REGISTRY.values())


def role_label(code: str) -> str:
    """The role's human-readable name (its code when nobody declared it)."""
    spec = _REGISTRY.get(code)
    return str(spec.label) if spec is not None else code


_holder_lookup: Callable[[Any], frozenset[str]] | None = None


def set_holder_lookup(function: Callable[[Any], frozenset[str]]) -> None:
    """Register who-holds-what (accounts.roles.roles_of), so lower layers can ask `has_role`."""
    global _holder_lookup
    _holder_lookup = function


def has_role(user, *codes: str) -> bool:
    """True when the user holds one of the roles platform-wide (for apps below accounts)."""
    if _holder_lookup is None:
        return False
    return bool(_holder_lookup(user).intersection(codes))
