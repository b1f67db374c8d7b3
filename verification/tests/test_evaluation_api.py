"""API under /api/v1/verification/: visibility, stats, benefit indicators, scores."""

from __future__ import annotations

import datetime

import pytest

from verification.services.applicability import (
    add_question,
    create_questionnaire,
    invite,
    submit_response,
)
from verification.services.benefit import save_benefit_evaluation
from verification.services.conformity import ItemInput, create_conformity_test, record_items
from verification.tests.evaluation_fixtures import *  # noqa: F403
from workflows.services import transition

pytestmark = pytest.mark.django_db
BASE = "/api/v1/verification/"


def reported_test(world):
    test = create_conformity_test(user=world["engineer"], standard=world["standard"],
                                  centre=world["centre"], product="插座",
                                  tested_on=datetime.date(2025, 1, 1))  # fmt: skip
    record_items(test, [ItemInput("5.2", "铅", "≤ 0.5", "0.9")], user=world["engineer"])
    transition(test, "reported", world["engineer"], "")
    return test


def test_conformity_tests_follow_restrict(client, world):
    reported_test(world)
    assert client.get(BASE + "conformity-tests/").status_code in (401, 403)
    client.force_login(world["outsider"])
    assert client.get(BASE + "conformity-tests/").json()["results"] == []
    client.force_login(world["engineer"])
    [row] = client.get(BASE + "conformity-tests/").json()["results"]
    assert row["items"][0]["verdict"] == "fail" and row["report_number"].startswith("CT-")


def test_failure_stats_of_a_standard(client, world):
    reported_test(world)
    client.force_login(world["outsider"])
    data = client.get(f"{BASE}standards/{world['standard'].pk}/").json()
    assert data["tests"] == 1 and data["clauses"][0] == {
        "clause": "5.2", "indicator": "铅", "tested": 1, "failed": 1, "inconclusive": 0,
        "fail_rate": 1.0,
    }  # fmt: skip


def test_benefit_indicators(client, world):
    save_benefit_evaluation(user=world["secretary"], standard=world["standard"], title="t",
                            rate_text="10", flows="0,100,0\n1,10,50\n2,10,50\n3,10,50",
                            body=world["alliance"])  # fmt: skip
    client.force_login(world["secretary"])
    [row] = client.get(BASE + "benefit-evaluations/").json()["results"]
    assert row["indicators"]["npv"] == "-0.5259" and row["indicators"]["payback"] == "2.5000"
    client.force_login(world["outsider"])
    assert client.get(BASE + "benefit-evaluations/").json()["results"] == []


def test_questionnaire_scores(client, world):
    user = world["secretary"]
    q = create_questionnaire(user=user, standard=world["standard"], title="t",
                             body=world["alliance"])  # fmt: skip
    question = add_question(q, user=user, dimension="clarity", kind="score", text="清晰")
    transition(q, "open", user, "")
    _i, token = invite(q, user=user, organization=world["adopter"])
    submit_response(token, {str(question.pk): "4"})
    client.force_login(user)
    assert client.get(f"{BASE}questionnaires/{q.pk}/scores/").json() == {
        "responses": 1, "dimensions": {"clarity": 4.0}, "overall": 4.0,
    }  # fmt: skip
    grouped = client.get(f"{BASE}questionnaires/scores/alliance/").json()
    assert grouped[0]["group"] == "智能制造产业联盟"
    client.force_login(world["outsider"])
    assert client.get(f"{BASE}questionnaires/{q.pk}/scores/").status_code == 404


def test_a_lab_posts_a_test_and_its_results(client, world):
    client.force_login(world["engineer"])
    created = client.post(BASE + "conformity-tests/", {
        "standard": "GB/T 2099.1-2021", "centre": world["centre"].pk, "product": "插座",
        "tested_on": "2025-06-01",
    }, content_type="application/json")  # fmt: skip
    assert created.status_code == 201, created.json()
    url = f"{BASE}conformity-tests/{created.json()['id']}/items/"
    bad = client.post(url, {"items": [
        {"clause": "5.2", "indicator": "铅", "requirement": "≤ 0.5 mg/kg", "value": "0.2"},
        {"clause": "5.3", "indicator": "镉", "requirement": "≤ 0.1 mg/kg", "value": "很少"},
    ]}, content_type="application/json")  # fmt: skip
    assert bad.status_code == 400 and bad.json()["detail"].startswith("第 2 行，“测定值”列")
    good = client.post(url, {"items": [
        {"clause": "5.2", "indicator": "铅", "requirement": "≤ 0.5 mg/kg", "value": "0.7"},
    ]}, content_type="application/json")  # fmt: skip
    assert good.status_code == 201 and good.json()[0]["verdict"] == "fail"
    client.force_login(world["outsider"])
    assert client.post(url, {"items": []}, content_type="application/json").status_code == 404
    refused = client.post(BASE + "conformity-tests/", {
        "standard": "GB/T 2099.1-2021", "centre": world["centre"].pk, "product": "插座",
        "tested_on": "2025-06-01",
    }, content_type="application/json")  # fmt: skip
    assert refused.status_code == 400 and "您不能为" in refused.json()["detail"]
