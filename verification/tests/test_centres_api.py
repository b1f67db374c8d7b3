"""API /api/v1/verification/{centres,requests,rounds}/: visibility, the request's life, rounds."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from verification.tests.centre_fixtures import *  # noqa: F403
from verification.tests.test_rounds import round_csv

pytestmark = pytest.mark.django_db
BASE = "/api/v1/verification/"
ITEMS = [
    {"clause": "5.1", "indicator": "铅含量", "requirement": "不大于 0.5 mg/kg"},
    {"clause": "5.3", "indicator": "抗压强度", "requirement": "≥ 30 MPa", "method": "trial"},
]


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_centres_are_public_and_loads_are_for_the_office(lab):  # noqa: F405
    listed = api().get(BASE + "centres/").json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert [r["name"] for r in rows] == ["电工产品验证中心"]
    assert api(lab["engineer"]).get(BASE + "centres/loads/").status_code == 404
    loads = api(lab["office"]).get(BASE + "centres/loads/")
    assert loads.status_code == 200 and loads.json()[0]["capacity"] == 10


def test_request_life_over_the_api(lab):  # noqa: F405
    secretary, engineer = api(lab["secretary"]), api(lab["engineer"])
    body = {"draft": lab["draft"].pk, "centre": lab["profile"].pk, "items": ITEMS}
    assert api(lab["engineer"]).post(BASE + "requests/", body, format="json").status_code == 400
    created = secretary.post(BASE + "requests/", body, format="json")
    assert created.status_code == 201, created.json()
    req = created.json()
    assert req["items"][0]["limit"] == "x ≤ 0.5 mg/kg"
    url = f"{BASE}requests/{req['id']}/"
    assert api(lab["outsider"]).get(url).status_code == 404
    assert (
        engineer.post(url + "transition/", {"to_state": "accepted"}).json()["state"] == "accepted"
    )
    plan = {"samples": "3 组", "labs": "实验室", "planned_start": "2026-03-01",
            "planned_end": "2026-02-01"}  # fmt: skip
    refused = engineer.post(url + "plan/", plan)
    assert refused.status_code == 400 and refused.json()["code"] == "verification_request_invalid"
    plan["planned_end"] = "2026-03-09"
    assert engineer.post(url + "plan/", plan).json()["state"] == "planned"
    bad = engineer.post(url + "results/", {"results": [{"clause": "5.1", "value": "abc"}]},
                        format="json")  # fmt: skip
    assert bad.status_code == 400
    results = [{"clause": "5.1", "value": "0.7", "unit": "mg/kg"}, {"clause": "5.3", "value": "31"}]
    judged = engineer.post(url + "results/", {"results": results}, format="json").json()
    assert [i["verdict"] for i in judged["items"]] == ["fail", "pass"]
    reported = engineer.post(url + "transition/", {"to_state": "reported"}).json()
    assert reported["state"] == "reported" and reported["report_number"].startswith("VR-")
    assert reported["items"][0]["comment"] == 1 and reported["items"][1]["comment"] is None
    assert secretary.get(url).json()["state"] == "reported"


def test_rounds_over_the_api(lab):  # noqa: F405
    client = api(lab["engineer"])
    body = {"centre": lab["profile"].pk, "title": "协同试验", "data": round_csv()}
    created = client.post(BASE + "rounds/", body, format="json")
    assert created.status_code == 201
    assert len(created.json()["result"]["levels"]) == 3
    bad = client.post(BASE + "rounds/", {**body, "data": "level,lab,value\nL1,A,1\n"},
                      format="json")  # fmt: skip
    assert bad.status_code == 400
    assert api(lab["outsider"]).get(f"{BASE}rounds/{created.json()['id']}/").status_code == 404
