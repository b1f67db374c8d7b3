"""Pages where the office registers bodies and a secretariat manages members and the schedule."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.tests.conftest import signed_in
from audit.models import AuditEntry
from bodies.models import Body, BodyMembership
from development.models import ScheduleRule
from development.services import schedule
from development.services.bodies import set_schedule

pytestmark = pytest.mark.django_db


def test_office_registers_an_alliance_with_lead_unit_and_field(world):
    office = signed_in(world.office)
    url = reverse("development:body-new")
    data = {
        "kind": "alliance",
        "name": "河南氢能标准创新联盟",
        "standard_code": "T/HNQN",
        "lead": world.lead.name,
        "ics": "27.075, 71.100",
        "ccs": "F19",
    }
    response = office.post(url, data)
    body = Body.objects.get(standard_code="T/HNQN")
    assert response.url == reverse("development:body-members", args=[body.pk])
    assert body.lead_organization == world.lead
    assert body.development_profile.ics == "27.075 71.100"
    taken = office.post(url, {**data, "name": "另一个联盟"})
    assert taken.status_code == 400 and "T/HNQN" not in Body.objects.exclude(
        pk=body.pk
    ).values_list("standard_code", flat=True)
    unknown = office.post(url, {**data, "standard_code": "T/HNZZ", "lead": "不存在的公司"})
    assert unknown.status_code == 400 and "不存在的公司" in unknown.content.decode()
    assert not Body.objects.filter(standard_code="T/HNZZ").exists()
    refused = signed_in(world.author).post(url, {**data, "standard_code": "T/HNAB"})
    assert refused.status_code == 400 and not Body.objects.filter(standard_code="T/HNAB").exists()


def test_secretariat_adds_and_ends_members(world, make_user):
    newcomer = make_user("newcomer")
    sec = signed_in(world.sec_a)
    url = reverse("development:body-members", args=[world.a.pk])
    assert sec.post(url, {"member": "newcomer", "role": "body_member"}).status_code == 302
    assert sec.post(url, {"member": world.lead.name, "role": "body_chair"}).status_code == 302
    again = sec.post(url, {"member": "newcomer", "role": "body_member"})
    assert again.status_code == 400
    nobody = sec.post(url, {"member": "nobody-here", "role": "body_member"})
    assert nobody.status_code == 400 and "nobody-here" in nobody.content.decode()
    membership = BodyMembership.objects.current().get(body=world.a, user=newcomer)
    page = signed_in(world.author).get(url).content.decode()
    assert "newcomer" in page and "member-form" not in page
    outsider = signed_in(world.member_b)
    assert outsider.get(url).status_code == 403
    end = reverse("development:membership-end", args=[world.a.pk, membership.pk])
    outsider.post(end)
    assert BodyMembership.objects.current().filter(pk=membership.pk).exists()
    sec.post(end)
    assert not BodyMembership.objects.current().filter(pk=membership.pk).exists()


def test_schedule_overrides_defaults_and_moves_target_dates(world):
    url = reverse("development:body-schedule", args=[world.a.pk])
    assert signed_in(world.author).get(url).status_code == 403
    office = signed_in(world.office)
    assert office.post(url, {"m-normal-20": "12"}).status_code == 302
    assert schedule.stage_months(world.a, "normal", "20") == 12
    assert schedule.stage_months(world.b, "normal", "20") == 8
    bad = office.post(url, {"m-normal-20": "10", "m-fast-30": "999"})
    assert bad.status_code == 400 and "999" in bad.content.decode()
    assert schedule.stage_months(world.a, "normal", "20") == 12
    signed_in(world.sec_a).post(url, {"m-normal-20": ""})
    assert schedule.stage_months(world.a, "normal", "20") == 8
    assert not ScheduleRule.objects.filter(body=world.a).exists()
    assert AuditEntry.objects.filter(action="development.schedule.changed").count() == 2


def test_set_schedule_refuses_a_stage_off_the_track(world):
    from development.exceptions import DevelopmentError

    with pytest.raises(DevelopmentError, match="20"):
        set_schedule(world.a, {("fast", "20"): 3}, actor=world.sec_a)
    assert not ScheduleRule.objects.exists()


def _api(user):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(user)
    return client


def test_api_registers_bodies_members_and_schedule(world, make_user):
    url = "/api/v1/development/bodies/"
    data = {"kind": "tc", "name": "全国某标准化技术委员会", "number": "SAC/TC 999"}
    assert _api(world.author).post(url, data, format="json").status_code == 400
    created = _api(world.office).post(url, data, format="json")
    assert created.status_code == 201 and created.json()["number"] == "SAC/TC 999"
    from rest_framework.test import APIClient

    names = [b["name"] for b in APIClient().get(url).json()["results"]]
    assert "全国某标准化技术委员会" in names
    make_user("tc_member")
    members = f"{url}{world.a.pk}/members/"
    sec = _api(world.sec_a)
    added = sec.post(members, {"role": "body_member", "username": "tc_member"}, format="json")
    assert added.status_code == 201 and added.json()["role"] == "body_member"
    assert _api(world.member_b).get(members).status_code == 403
    listed = sec.get(members).json()
    assert "tc_member" in [m["user"] for m in listed]
    ended = sec.post(f"{url}{world.a.pk}/end-membership/", {"membership": added.json()["id"]})
    assert ended.status_code == 200 and ended.json()["ended_on"]
    plan = f"{url}{world.a.pk}/schedule/"
    rows = [{"track": "normal", "stage": "20", "months": 10}]
    assert _api(world.office).put(plan, rows, format="json").json() == rows
    bad = _api(world.office).put(
        plan, [{"track": "fast", "stage": "20", "months": 2}], format="json"
    )
    assert bad.status_code == 400 and schedule.stage_months(world.a, "normal", "20") == 10
    assert _api(world.author).get(plan).status_code == 403
