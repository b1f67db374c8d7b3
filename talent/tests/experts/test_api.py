"""The expert and draw API: a draw through /api/v1/talent/draws/, invitations, experts."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from talent.services import draws as core
from talent.tests.experts.conftest import token_of

pytestmark = pytest.mark.django_db
API = "/api/v1/talent"


@pytest.fixture
def api():
    return APIClient()


def test_a_draw_through_the_api_is_verifiable_and_the_seed_stays_secret_until_drawn(
    api, office, make_expert, make_user
):
    # Each expert's own employer, so the party excludes exactly one of the four whatever
    # other tests made before (the fixture numbers employers from a shared counter).
    experts = [make_expert(ics=["91.100"], employer=f"验收单位{i}") for i in range(4)]
    api.force_authenticate(office)
    body = {"purpose": "acceptance", "object_type": "evaluation", "object_ref": "EV-3",
            "object_title": "基地验收", "need": 2, "alternates": 1,
            "quotas": {"91.100": 1}, "party_orgs": [experts[0].employer]}  # fmt: skip
    created = api.post(f"{API}/draws/", body, format="json")
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    too_many = api.post(f"{API}/draws/", {**body, "need": 5}, format="json")
    assert too_many.status_code == 201
    impossible = api.post(f"{API}/draws/{too_many.json()['id']}/commit/")
    assert impossible.status_code == 400 and "符合条件" in impossible.content.decode()
    committed = api.post(f"{API}/draws/{pk}/commit/").json()
    assert committed["state"] == "committed" and committed["seed"] == ""
    assert len(committed["commitment"]) == 64 and committed["eligible_count"] == 3
    drawn = api.post(f"{API}/draws/{pk}/draw/").json()
    assert drawn["state"] == "drawn" and len(drawn["seed"]) == 64
    record = api.get(f"{API}/draws/{pk}/record/").json()
    assert core.verify_draw(record).valid
    assert api.get(f"{API}/draws/{pk}/verify/").json()["valid"] is True
    api.force_authenticate(make_user("outsider"))
    assert api.get(f"{API}/draws/{pk}/").status_code == 404
    assert api.post(f"{API}/draws/", body, format="json").status_code == 400


def test_invitation_answer_through_the_api(api, drawn):
    first = drawn.invitations.order_by("position").select_related("expert__user").first()
    token = token_of(first)
    api.force_authenticate(first.expert.user)
    missing = api.post(f"{API}/invitations/{token}/answer/", {"accept": False}, format="json")
    assert missing.status_code == 400 and "原因" in missing.content.decode()
    done = api.post(f"{API}/invitations/{token}/answer/", {"accept": True}, format="json")
    assert done.status_code == 200 and done.json()["status"] == "confirmed"
    twice = api.post(f"{API}/invitations/{token}/answer/", {"accept": True}, format="json")
    assert twice.status_code == 400


def test_experts_are_searched_masked_and_matched(api, office, make_expert, make_user):
    expert = make_expert(ics=["13.020.10"], keywords=["锂电池"], phone="13812345678")
    make_expert(ics=["91.100"])
    api.force_authenticate(office)
    rows = api.get(f"{API}/experts/", {"field": "13.020"}).json()
    results = rows["results"] if isinstance(rows, dict) else rows
    assert [r["id"] for r in results] == [expert.pk]
    assert results[0]["phone"] != "13812345678"
    ranked = api.get(f"{API}/experts/match/", {"topic": "锂电池安全", "codes": "13.020"}).json()
    assert ranked[0]["expert"]["id"] == expert.pk and ranked[0]["evidence"]
    assert api.get(f"{API}/experts/match/").status_code == 400
    api.force_authenticate(make_user("someone"))
    rows = api.get(f"{API}/experts/").json()
    assert (rows["results"] if isinstance(rows, dict) else rows) == []
