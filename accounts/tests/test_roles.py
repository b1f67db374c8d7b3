"""Roles as data, permissions from roles, and the separation of the three administrators."""

from __future__ import annotations

import pytest

from accounts.exceptions import AccountError, NotAuthorizedError, RoleSeparationError
from accounts.models import Role, RoleCode
from accounts.roles import has_role, requires_two_factor, roles_of
from accounts.services.roles import assign_role, revoke_role
from accounts.tests.conftest import signed_in
from audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_all_issue_roles_exist_as_data():
    # Apps declare further roles in the registry (core.roles); the platform ones are all there.
    assert set(RoleCode.values) <= set(Role.objects.values_list("code", flat=True))
    assert set(Role.objects.filter(admin_triad=True).values_list("code", flat=True)) == {
        "system_admin",
        "security_admin",
        "audit_admin",
    }


def test_implicit_roles(make_user, make_org):
    from django.contrib.auth.models import AnonymousUser

    assert roles_of(AnonymousUser()) == {"public"}
    person = make_user()
    assert roles_of(person) == {"public", "registered"}
    make_org(admin=person)
    assert has_role(type(person).objects.get(pk=person.pk), RoleCode.ORG_ADMIN)


def test_only_security_admin_assigns_roles(make_user):
    security = make_user(roles=[RoleCode.SECURITY_ADMIN])
    system = make_user(roles=[RoleCode.SYSTEM_ADMIN])
    person = make_user()
    with pytest.raises(NotAuthorizedError):
        assign_role(person, RoleCode.EXPERT, actor=system)
    assign_role(person, RoleCode.EXPERT, actor=security)
    assert has_role(type(person).objects.get(pk=person.pk), RoleCode.EXPERT)
    entry = AuditEntry.objects.get(action="accounts.role.assigned", actor=security)
    assert entry.after == {"roles": ["expert"]}
    with pytest.raises(AccountError):
        assign_role(person, RoleCode.EXPERT, actor=security)
    with pytest.raises(AccountError):
        assign_role(person, RoleCode.ORG_ADMIN, actor=security)  # implicit role
    revoke_role(person, RoleCode.EXPERT, actor=security)
    assert not person.role_assignments.exists()


def test_nobody_changes_their_own_roles(make_user):
    security = make_user(roles=[RoleCode.SECURITY_ADMIN])
    with pytest.raises(NotAuthorizedError):
        assign_role(security, RoleCode.EXPERT, actor=security)


@pytest.mark.parametrize(
    ("held", "wanted"),
    [
        (RoleCode.SYSTEM_ADMIN, RoleCode.AUDIT_ADMIN),
        (RoleCode.AUDIT_ADMIN, RoleCode.SECURITY_ADMIN),
        (RoleCode.SECURITY_ADMIN, RoleCode.SYSTEM_ADMIN),
    ],
)
def test_no_account_holds_two_administrator_roles(make_user, held, wanted):
    security = make_user(roles=[RoleCode.SECURITY_ADMIN])
    person = make_user(roles=[held])
    with pytest.raises(RoleSeparationError):
        assign_role(person, wanted, actor=security)
    assert AuditEntry.objects.filter(
        action="accounts.role.assign_refused", result="denied"
    ).exists()
    # Other roles remain possible.
    assign_role(person, RoleCode.EXPERT, actor=security)


def test_system_admin_role_makes_superuser_and_revoking_takes_it(make_user):
    security = make_user(roles=[RoleCode.SECURITY_ADMIN])
    person = make_user()
    assign_role(person, RoleCode.SYSTEM_ADMIN, actor=security)
    person.refresh_from_db()
    assert person.is_superuser and person.is_staff
    assert requires_two_factor(person)
    revoke_role(person, RoleCode.SYSTEM_ADMIN, actor=security)
    person.refresh_from_db()
    assert not person.is_superuser


def test_role_grants_its_django_permissions(make_user):
    auditor = make_user(roles=[RoleCode.AUDIT_ADMIN])
    assert auditor.has_perm("audit.view_auditentry")
    assert auditor.has_perm("audit.export_auditentry")
    assert not auditor.has_perm("accounts.change_user")
    base = make_user(roles=[RoleCode.BASE_OFFICE])
    assert base.has_perm("accounts.view_organization")
    assert not base.has_perm("audit.view_auditentry")


def test_security_admin_page_assigns_and_refuses_triad(make_user):
    security = make_user("sec", roles=[RoleCode.SECURITY_ADMIN])
    auditor = make_user("aud", roles=[RoleCode.AUDIT_ADMIN])
    client = signed_in(security)
    assert client.get("/accounts/security/users/").status_code == 200
    client.post(
        f"/accounts/security/users/{auditor.pk}/roles/",
        {"role": "system_admin", "operation": "assign"},
    )
    assert not auditor.role_assignments.filter(role__code="system_admin").exists()
    client.post(
        f"/accounts/security/users/{auditor.pk}/roles/", {"role": "expert", "operation": "assign"}
    )
    assert auditor.role_assignments.filter(role__code="expert").exists()


@pytest.mark.parametrize("role", [RoleCode.SYSTEM_ADMIN, RoleCode.AUDIT_ADMIN, RoleCode.EXPERT])
def test_others_cannot_open_the_role_page(make_user, role):
    client = signed_in(make_user(roles=[role]))
    assert client.get("/accounts/security/users/").status_code == 403
    assert AuditEntry.objects.filter(action="security.access.denied", result="denied").exists()


def test_admin_site_cannot_grant_roles_or_superuser(make_user):
    system = make_user("sys", roles=[RoleCode.SYSTEM_ADMIN])
    client = signed_in(system)
    assert client.get("/admin/accounts/roleassignment/add/").status_code == 403
    person = make_user("p")
    page = client.get(f"/admin/accounts/user/{person.pk}/change/").content.decode()
    assert 'name="is_superuser"' not in page


def test_security_admin_edits_role_permissions_within_the_separation(make_user):
    from django.contrib.auth.models import Permission

    security = make_user("sec2", roles=[RoleCode.SECURITY_ADMIN])
    expert = make_user("exp", roles=[RoleCode.EXPERT])
    client = signed_in(security)
    assert client.get("/accounts/security/roles/").status_code == 200
    expert_role = Role.objects.get(code=RoleCode.EXPERT)
    client.post(
        "/accounts/security/roles/",
        {"role": expert_role.pk, "permission": "accounts.view_organization", "operation": "grant"},
    )
    assert type(expert).objects.get(pk=expert.pk).has_perm("accounts.view_organization")
    assert AuditEntry.objects.filter(action="accounts.role.permission_granted").exists()
    system_role = Role.objects.get(code=RoleCode.SYSTEM_ADMIN)
    client.post(
        "/accounts/security/roles/",
        {"role": system_role.pk, "permission": "audit.view_auditentry", "operation": "grant"},
    )
    assert not system_role.permissions.filter(
        codename="view_auditentry", content_type__app_label="audit"
    ).exists()
    assert AuditEntry.objects.filter(
        action="accounts.role.permission_refused", result="denied"
    ).exists()
    client.post(
        "/accounts/security/roles/",
        {
            "role": expert_role.pk,
            "permission": "accounts.view_organization",
            "operation": "withdraw",
        },
    )
    assert not expert_role.permissions.filter(codename="view_organization").exists()
    assert Permission.objects.filter(codename="view_organization").exists()
    # Not for the system administrator.
    assert (
        signed_in(make_user(roles=[RoleCode.SYSTEM_ADMIN]))
        .get("/accounts/security/roles/")
        .status_code
        == 403
    )
