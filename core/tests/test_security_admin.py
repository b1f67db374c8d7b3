"""Catalogue admin pages per role, and the RestrictedAdminMixin offered to every ModelAdmin."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.test import Client, RequestFactory

from accounts.models import Organization, Role, RoleCode
from accounts.tests import conftest as account_fixtures
from accounts.tests.conftest import signed_in
from catalog.tests.factories import StandardFactory
from core.admin import RestrictedAdminMixin

_roles = account_fixtures._roles
_fast_hashing = account_fixtures._fast_hashing
make_user = account_fixtures.make_user
make_org = account_fixtures.make_org

pytestmark = pytest.mark.django_db


@pytest.fixture
def standard():
    return StandardFactory(designation="GB/T 19001-2016")


def test_anonymous_and_non_staff_roles_never_reach_the_admin(make_user, standard):
    assert Client().get("/admin/catalog/standard/").status_code == 302
    for role in (None, RoleCode.EXPERT, RoleCode.AUDIT_ADMIN, RoleCode.SECURITY_ADMIN):
        client = signed_in(make_user(roles=[role] if role else []))
        response = client.get("/admin/catalog/standard/")
        assert response.status_code == 302 and "/admin/login/" in response["Location"], role


def test_system_admin_manages_the_catalogue_but_cannot_read_audit(make_user, standard):
    client = signed_in(make_user(roles=[RoleCode.SYSTEM_ADMIN]))
    listing = client.get("/admin/catalog/standard/")
    assert listing.status_code == 200 and "GB/T 19001-2016" in listing.content.decode()
    change = client.get(f"/admin/catalog/standard/{standard.pk}/change/")
    assert change.status_code == 200 and 'name="_save"' in change.content.decode()
    assert client.get("/admin/audit/auditentry/").status_code == 404
    assert client.get("/audit/").status_code == 403


def test_system_admin_without_second_factor_is_sent_to_totp(make_user, standard):
    user = make_user(roles=[RoleCode.SYSTEM_ADMIN])
    client = Client()
    client.force_login(user)
    response = client.get("/admin/catalog/standard/")
    assert response.status_code == 302 and "/accounts/2fa/" in response["Location"]


def test_staff_role_with_view_permission_only_reads(make_user, standard):
    role = Role.objects.get(code=RoleCode.BASE_OFFICE)
    role.permissions.add(
        Permission.objects.get(content_type__app_label="catalog", codename="view_standard")
    )
    user = make_user(roles=[RoleCode.BASE_OFFICE], is_staff=True)
    client = signed_in(user)
    assert client.get("/admin/catalog/standard/").status_code == 200
    change = client.get(f"/admin/catalog/standard/{standard.pk}/change/")
    assert change.status_code == 200 and 'name="_save"' not in change.content.decode()
    response = client.post(f"/admin/catalog/standard/{standard.pk}/change/", {"title_zh": "x"})
    assert response.status_code == 403
    assert client.get("/admin/catalog/standard/add/").status_code == 403


class OrganizationRestrictedAdmin(RestrictedAdminMixin, admin.ModelAdmin):
    pass


def test_restricted_admin_mixin_limits_rows_and_objects(make_user, make_org):
    member = make_user("m")
    org_admin = make_user("oa")
    mine = make_org("甲", admin=org_admin, members=[member])
    other = make_org("乙")
    model_admin = OrganizationRestrictedAdmin(Organization, admin.site)
    request = RequestFactory().get("/")
    for user, visible, changeable in [
        (member, {mine}, set()),
        (org_admin, {mine}, {mine}),
        (make_user("office", roles=[RoleCode.BASE_OFFICE]), {mine, other}, {mine, other}),
    ]:
        request.user = user
        assert set(model_admin.get_queryset(request)) == visible
        for org in (mine, other):
            expected = org in changeable and user.has_perm("accounts.change_organization")
            assert model_admin.has_change_permission(request, org) == expected
