"""Roles that need 2FA cannot act through API tokens; revoking a role takes all it granted."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from accounts.models import ApiToken, RoleAssignment, RoleCode
from accounts.roles import forget_roles
from accounts.services.roles import assign_role, revoke_role
from accounts.services.tokens import create_token
from accounts.tests.conftest import _role_pk, enrol_totp, signed_in

pytestmark = pytest.mark.django_db


def memberships(key: str):
    return Client().get("/api/v1/accounts/memberships/", HTTP_AUTHORIZATION=f"Token {key}")


def test_granting_a_2fa_role_revokes_the_accounts_tokens(make_user):
    person = make_user("tok")
    security = make_user("sec", roles=[RoleCode.SECURITY_ADMIN])
    _token, key = create_token(person, name="cli")
    assert memberships(key).status_code == 200
    assign_role(person, RoleCode.SYSTEM_ADMIN, actor=security)
    assert memberships(key).status_code == 401
    assert not ApiToken.objects.usable().filter(user=person).exists()


def test_token_of_a_2fa_role_without_a_device_is_refused(make_user):
    person = make_user("tok2")
    _token, key = create_token(person, name="cli")
    # A role given outside the service (console, data migration) is caught at each request.
    RoleAssignment.objects.create(user=person, role_id=_role_pk(RoleCode.AUDIT_ADMIN))
    response = memberships(key)
    assert response.status_code == 401
    assert "双因素" in response.json()["detail"]
    enrol_totp(person)
    assert memberships(key).status_code == 200


def test_revoking_system_admin_clears_staff_superuser_and_groups(make_user):
    person = make_user("ex")
    security = make_user("sec2", roles=[RoleCode.SECURITY_ADMIN])
    mirror = Group.objects.create(name=RoleCode.SYSTEM_ADMIN)
    assign_role(person, RoleCode.SYSTEM_ADMIN, actor=security)
    person.refresh_from_db()
    assert person.is_staff and person.is_superuser
    assert mirror.user_set.filter(pk=person.pk).exists()
    client = signed_in(person)
    assert client.get("/admin/").status_code == 200
    revoke_role(person, RoleCode.SYSTEM_ADMIN, actor=security)
    person.refresh_from_db()
    forget_roles(person)
    assert not person.is_staff and not person.is_superuser
    assert not mirror.user_set.filter(pk=person.pk).exists()
    response = client.get("/admin/")
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert not person.has_perm("accounts.change_user")
