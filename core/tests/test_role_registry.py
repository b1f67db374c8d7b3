"""The role registry: an app declares a role in code and it becomes a Role row on migrate."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission

from accounts.models import Role
from accounts.role_defaults import ensure_roles, global_role_choices
from core import roles as registry

pytestmark = pytest.mark.django_db


@pytest.fixture
def clean_registry():
    saved, pending = dict(registry._REGISTRY), dict(registry._PENDING_GRANTS)
    yield registry
    registry._REGISTRY.clear()
    registry._REGISTRY.update(saved)
    registry._PENDING_GRANTS.clear()
    registry._PENDING_GRANTS.update(pending)


def test_a_declared_role_is_synced_with_its_default_permissions_once(clean_registry):
    # A permission granted before the role is declared (another app's ready() ran first).
    registry.grant_by_default("drafting_lead", "bodies.view_body")
    registry.register_role(
        "drafting_lead",
        "Drafting lead",
        app_label="development",
        scope="body",
        permissions=("bodies.change_body",),
    )
    ensure_roles()
    role = Role.objects.get(code="drafting_lead")
    assert role.scope == "body" and str(role) == "Drafting lead"
    granted = {p.codename for p in role.permissions.all()}
    assert granted == {"view_body", "change_body"}
    # Withdrawn by the security administrator: the next migrate does not grant it again.
    role.permissions.remove(Permission.objects.get(codename="change_body"))
    ensure_roles()
    assert {p.codename for p in role.permissions.all()} == {"view_body"}
    # Body-only roles are not offered for platform-wide assignment.
    assert "drafting_lead" not in dict(global_role_choices())
    assert "base_office" in dict(global_role_choices())


def test_two_apps_cannot_declare_the_same_code(clean_registry):
    registry.register_role("x_role", "X", app_label="one")
    registry.register_role("x_role", "X", app_label="one", permissions=("a.b",))
    with pytest.raises(ValueError, match="already declared"):
        registry.register_role("x_role", "X", app_label="two")
    assert registry.get_role("x_role").permissions == ["a.b"]
