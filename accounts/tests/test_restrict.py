"""Object-level permissions: list, detail, export and API see exactly the same rows."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from accounts.models import Membership, Organization, RoleCode, StoredFile
from accounts.services.files import store_upload
from accounts.services.tokens import create_token
from accounts.tests.conftest import signed_in
from core.querysets import restrict_queryset

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(make_user, make_org):
    """Two organisations with an admin and a member each, an outsider, staff roles."""
    a_admin, a_member = make_user("a_admin"), make_user("a_member", phone="13811112222")
    b_admin, b_member = make_user("b_admin"), make_user("b_member")
    org_a = make_org("甲企业", admin=a_admin, members=[a_member])
    org_b = make_org("乙研究院", admin=b_admin, members=[b_member])
    return {
        "org_a": org_a,
        "org_b": org_b,
        "a_admin": a_admin,
        "a_member": a_member,
        "b_admin": b_admin,
        "b_member": b_member,
        "outsider": make_user("outsider"),
        "base_office": make_user("office", roles=[RoleCode.BASE_OFFICE]),
        "auditor": make_user("auditor", roles=[RoleCode.AUDIT_ADMIN]),
    }


def visible_orgs(user) -> set[str]:
    return set(Organization.objects.restrict(user, "view").values_list("name", flat=True))


EXPECTED_ORGS = {
    "a_admin": {"甲企业"},
    "a_member": {"甲企业"},
    "b_member": {"乙研究院"},
    "outsider": set(),
    "base_office": {"甲企业", "乙研究院"},
    "auditor": set(),
}


@pytest.mark.parametrize(("who", "expected"), EXPECTED_ORGS.items())
def test_each_role_sees_exactly_its_organisations_everywhere(world, who, expected):
    user = world[who]
    assert visible_orgs(user) == expected
    client = signed_in(user)
    listing = client.get("/accounts/organizations/").content.decode()
    for name in ("甲企业", "乙研究院"):
        assert (name in listing) == (name in expected)
        org = world["org_a"] if name == "甲企业" else world["org_b"]
        detail = client.get(f"/accounts/organizations/{org.pk}/")
        assert detail.status_code == (200 if name in expected else 404)
        export = client.get(f"/accounts/organizations/{org.pk}/members.csv")
        assert export.status_code == (200 if name in expected else 404)
    _, key = create_token(user, name="t")
    body = Client().get("/api/v1/accounts/organizations/", HTTP_AUTHORIZATION=f"Token {key}").json()
    rows = body["results"] if isinstance(body, dict) else body
    assert {row["name"] for row in rows} == expected


def test_anonymous_sees_nothing(world):
    from django.contrib.auth.models import AnonymousUser

    assert not Organization.objects.restrict(AnonymousUser(), "view").exists()
    assert Client().get("/api/v1/accounts/organizations/").status_code in (401, 403)
    assert Client().get(f"/accounts/organizations/{world['org_a'].pk}/").status_code == 302


def test_members_export_masks_phone_and_is_audited(world):
    from audit.models import AuditEntry

    client = signed_in(world["a_admin"])
    response = client.get(f"/accounts/organizations/{world['org_a'].pk}/members.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert any("138****2222" in row for row in rows)
    assert not any("13811112222" in ",".join(row) for row in rows)
    assert AuditEntry.objects.filter(action="accounts.membership.exported").exists()


def test_members_export_cannot_carry_a_formula(world, make_user):
    # Issue 8 item 8: a display name "=HYPERLINK(...)" was a live formula in members.csv.
    evil = make_user("evil", display_name='=HYPERLINK("http://evil.example","x")')
    Membership.objects.create(user=evil, organization=world["org_a"], role="member")
    client = signed_in(world["a_admin"])
    response = client.get(f"/accounts/organizations/{world['org_a'].pk}/members.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    row = next(r for r in rows if r[0] == "evil")
    assert row[1] == '\'=HYPERLINK("http://evil.example","x")'


def test_only_org_admin_changes_memberships_idor(world):
    member_b = Membership.objects.get(user=world["b_member"])
    # The admin of organisation A tries to remove a member of B by id: 404, nothing happens.
    client = signed_in(world["a_admin"])
    assert client.post(f"/accounts/members/{member_b.pk}/", {"remove": "1"}).status_code == 404
    assert Membership.objects.filter(pk=member_b.pk).exists()
    # A plain member of B cannot either.
    member_client = signed_in(world["b_member"])
    other = Membership.objects.get(user=world["b_admin"])
    assert (
        member_client.post(f"/accounts/members/{other.pk}/", {"role": "member"}).status_code == 404
    )
    # B's admin can promote, but not demote the last admin.
    admin_client = signed_in(world["b_admin"])
    admin_client.post(f"/accounts/members/{member_b.pk}/", {"role": "admin"})
    member_b.refresh_from_db()
    assert member_b.role == "admin"
    assert (
        restrict_queryset(Membership.objects.all(), world["a_admin"], "change")
        .filter(organization=world["org_b"])
        .count()
        == 0
    )


def test_org_admin_invites_member_by_email(world):
    client = signed_in(world["a_admin"])
    client.post(
        f"/accounts/organizations/{world['org_a'].pk}/members/add/",
        {"identifier": "outsider@example.cn", "role": "member"},
    )
    # An invitation, not a membership: the person joins by accepting (test_invitations).
    assert world["outsider"].invitations.filter(organization=world["org_a"]).exists()
    assert not Membership.objects.filter(
        user=world["outsider"], organization=world["org_a"]
    ).exists()
    # Posting to B's add URL does nothing (A's admin is not a member of B: 404).
    response = client.post(
        f"/accounts/organizations/{world['org_b'].pk}/members/add/",
        {"identifier": "outsider@example.cn", "role": "admin"},
    )
    assert response.status_code == 404


def test_files_are_served_only_to_owner_and_shared_org(world, settings):
    upload = SimpleUploadedFile("报告.pdf", b"%PDF-1.4\n%%EOF\n")
    shared = store_upload(
        upload, owner=world["a_admin"], allowed={"pdf"}, organization=world["org_a"]
    )
    private = store_upload(
        SimpleUploadedFile("私人.txt", "仅本人".encode()), owner=world["a_admin"], allowed={"txt"}
    )
    expectations = {
        "a_admin": (200, 200),
        "a_member": (200, 404),
        "b_admin": (404, 404),
        "outsider": (404, 404),
        "auditor": (404, 404),
    }
    for who, (shared_code, private_code) in expectations.items():
        client = signed_in(world[who])
        assert client.get(f"/accounts/files/{shared.pk}/download/").status_code == shared_code
        assert client.get(f"/accounts/files/{private.pk}/download/").status_code == private_code
    response = signed_in(world["a_member"]).get(f"/accounts/files/{shared.pk}/download/")
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    # Stored under MEDIA_ROOT with a random name, not the uploader's file name.
    path = StoredFile.objects.get(pk=shared.pk).file.path
    assert path.startswith(str(settings.MEDIA_ROOT)) and "报告" not in path


def test_upload_page_refuses_disguised_file(world):
    client = signed_in(world["a_member"])
    fake = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00binary")
    response = client.post("/accounts/files/", {"file": fake})
    assert response.status_code == 200
    assert not StoredFile.objects.exists()
