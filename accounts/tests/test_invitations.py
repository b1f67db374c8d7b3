"""Adding a member is an invitation the person accepts; answers never reveal accounts."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from accounts.models import Invitation, Membership
from accounts.tests.conftest import signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def org_admin(make_user, make_org):
    admin = make_user("boss")
    return admin, make_org("郑州检测中心", admin=admin)


def invite(client, org, identifier, role="member"):
    return client.post(
        f"/accounts/organizations/{org.pk}/members/add/",
        {"identifier": identifier, "role": role},
        follow=True,
    )


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_the_answer_is_the_same_whether_or_not_an_account_exists(org_admin, make_user):
    admin, org = org_admin
    make_user("zhang", email="zhang@example.cn")
    client = signed_in(admin)
    answers = [
        _messages(invite(client, org, identifier))
        for identifier in ("zhang@example.cn", "nobody@example.cn", "zhang", "nobody")
    ]
    assert all(answer == answers[0] for answer in answers)
    assert not Membership.objects.filter(user__username="zhang").exists()
    assert Invitation.objects.filter(organization=org).count() == 4


def test_the_invited_person_joins_only_by_accepting(org_admin, make_user):
    admin, org = org_admin
    person = make_user("li", email="li@example.cn")
    invite(signed_in(admin), org, "LI@example.cn", role="admin")
    assert not Membership.objects.filter(user=person).exists()
    link = re.search(r"/accounts/invitations/\S+/", mail.outbox[-1].body)[0]
    assert mail.outbox[-1].to == ["li@example.cn"]
    # Someone else holding the link gets nothing.
    outsider = signed_in(make_user("wang"))
    assert outsider.get(link).status_code == 404
    client = signed_in(person)
    page = client.get(link)
    assert "郑州检测中心" in page.content.decode()
    invitation = page.context["invitation"]
    assert (
        outsider.post(
            f"/accounts/invitations/{invitation.pk}/answer/", {"answer": "accept"}
        ).status_code
        == 302
    )
    assert not Membership.objects.filter(user__username="wang").exists()
    client.post(f"/accounts/invitations/{invitation.pk}/answer/", {"answer": "accept"})
    assert Membership.objects.get(user=person, organization=org).role == "admin"
    # Used once.
    assert client.get(link).status_code == 404


def test_declining_and_answering_from_the_profile(org_admin, make_user):
    admin, org = org_admin
    person = make_user("zhao")
    invite(signed_in(admin), org, "zhao")
    client = signed_in(person)
    profile = client.get("/accounts/profile/").content.decode()
    assert "郑州检测中心" in profile and "接受" in profile
    invitation = Invitation.objects.get(user=person)
    client.post(f"/accounts/invitations/{invitation.pk}/answer/", {"answer": "decline"})
    assert not Membership.objects.filter(user=person).exists()
    invitation.refresh_from_db()
    assert invitation.declined_at is not None


def test_an_address_without_account_is_invited_to_register_then_accepts(org_admin, make_user):
    admin, org = org_admin
    invite(signed_in(admin), org, "later@example.cn")
    assert mail.outbox[-1].to == ["later@example.cn"]
    link = re.search(r"/accounts/invitations/\S+/", mail.outbox[-1].body)[0]
    newcomer = make_user("later", email="later@example.cn")
    client = signed_in(newcomer)
    invitation = client.get(link).context["invitation"]
    client.post(f"/accounts/invitations/{invitation.pk}/answer/", {"answer": "accept"})
    assert Membership.objects.filter(user=newcomer, organization=org).exists()


def test_only_the_organisations_admin_invites(org_admin, make_user, make_org):
    _admin, org = org_admin
    member = make_user("m")
    Membership.objects.create(user=member, organization=org, role="member")
    response = invite(signed_in(member), org, "x@example.cn")
    assert not Invitation.objects.exists()
    assert any("管理员" in m for m in _messages(response))
