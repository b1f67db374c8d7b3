"""The service desk's REST API: who sees what, who may act, tokens, the public FAQ."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from consulting.models import ServiceRequest
from consulting.services import requests as desk_services

pytestmark = pytest.mark.django_db
URL = "/api/v1/consulting/requests/"


def _api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def _submit(user, **kw):
    values = {"kind": "advice", "title": "充电桩适用哪些标准", "question": "请列出现行标准。"}
    return desk_services.submit_request(user, **(values | kw))


def test_requester_creates_and_sees_only_own_requests(desk):
    created = _api(desk["alice"]).post(
        URL, {"kind": "advice", "title": "储能标准", "question": "哪些标准适用？"}, format="json"
    )
    assert created.status_code == 201, created.content
    number = created.json()["number"]
    assert created.json()["requester"] == "alice" and created.json()["state"] == "submitted"
    other = _submit(desk["bob"])
    listed = _api(desk["alice"]).get(URL).json()
    assert [r["number"] for r in listed["results"]] == [number]
    assert _api(desk["alice"]).get(f"{URL}{other.number}/").status_code == 404
    assert _api(desk["alice"]).get(f"{URL}{number}/").json()["title"] == "储能标准"
    # The desk sees both.
    office = {r["number"] for r in _api(desk["office"]).get(URL).json()["results"]}
    assert office == {number, other.number}


def test_anonymous_callers_see_no_requests(desk):
    _submit(desk["alice"])
    assert _api().get(URL).status_code in (401, 403)
    assert _api().post(URL, {"kind": "advice"}, format="json").status_code in (401, 403)


def test_invalid_request_is_refused_with_the_error_shape(desk):
    answer = _api(desk["alice"]).post(URL, {"kind": "nonsense", "title": "x"}, format="json")
    assert answer.status_code == 400
    assert answer.json()["code"] == "invalid" and "kind" in answer.json()["errors"]
    assert not ServiceRequest.objects.exists()


def test_desk_triages_assigns_and_the_thread_hides_internal_notes(desk):
    req = _submit(desk["alice"])
    office = _api(desk["office"])
    triaged = office.post(f"{URL}{req.number}/triage/", {"priority": 1}, format="json")
    assert triaged.status_code == 200, triaged.content
    assert triaged.json()["state"] == "triaged" and triaged.json()["priority"] == 1
    assigned = office.post(
        f"{URL}{req.number}/assign/", {"assignee": desk["expert"].pk}, format="json"
    )
    assert assigned.status_code == 200 and assigned.json()["assignee"] == "expert"
    thread = f"{URL}{req.number}/messages/"
    assert office.post(thread, {"body": "内部备注", "internal": True}).status_code == 201
    assert office.post(thread, {"body": "请补充产品型号"}).status_code == 201
    assert _api(desk["alice"]).post(thread, {"body": "型号 X1"}).status_code == 201
    mine = [m["body"] for m in _api(desk["alice"]).get(thread).json()]
    assert mine == ["请补充产品型号", "型号 X1"]
    assert len(office.get(thread).json()) == 3
    # The expert now sees the assigned request.
    assert _api(desk["expert"]).get(f"{URL}{req.number}/").status_code == 200
    refused = _api(desk["alice"]).post(thread, {"body": "x", "internal": True})
    assert refused.status_code == 400


@pytest.mark.parametrize("step", ["triage", "assign", "close"])
def test_desk_actions_are_refused_to_others(desk, step):
    req = _submit(desk["alice"])
    body = {"assignee": desk["bob"].pk} if step == "assign" else {}
    if step == "close":
        # The requester may withdraw; anyone else outside the desk cannot even see it.
        answer = _api(desk["bob"]).post(f"{URL}{req.number}/close/", {}, format="json")
        assert answer.status_code == 404
        req.refresh_from_db()
        assert req.state == "submitted"
        return
    answer = _api(desk["alice"]).post(f"{URL}{req.number}/{step}/", body, format="json")
    assert answer.status_code == 403
    assert answer.json()["code"] == "permission_denied"
    req.refresh_from_db()
    assert req.state == "submitted" and req.assignee is None


def test_requester_withdraws_and_rates_and_only_the_requester_rates(desk):
    req = _submit(desk["alice"])
    desk_services.assign_request(req, desk["office"], assignee=desk["staff"])
    desk_services.answer_request(req, desk["staff"], "适用 GB/T 20234.1-2023。")
    office_rates = _api(desk["office"]).post(f"{URL}{req.number}/rate/", {"rating": 5})
    assert office_rates.status_code == 403
    bad = _api(desk["alice"]).post(f"{URL}{req.number}/rate/", {"rating": 9})
    assert bad.status_code == 400
    rated = _api(desk["alice"]).post(
        f"{URL}{req.number}/rate/", {"rating": 4, "allow_publish": True}, format="json"
    )
    assert rated.status_code == 200
    assert rated.json()["rating"] == 4 and rated.json()["allow_publish"] is True
    closed = _api(desk["alice"]).post(f"{URL}{req.number}/close/", {}, format="json")
    assert closed.status_code == 200 and closed.json()["state"] == "closed"


def test_read_only_token_reads_but_cannot_change(desk):
    from accounts.services.tokens import create_token

    req = _submit(desk["alice"])
    _token, raw = create_token(desk["office"], name="ro", scope="read")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    assert client.get(URL).status_code == 200
    assert client.get(f"{URL}{req.number}/messages/").status_code == 200
    for step, body in (("triage", {}), ("close", {}), ("messages", {"body": "x"})):
        assert client.post(f"{URL}{req.number}/{step}/", body).status_code == 403, step
    create = client.post(URL, {"kind": "advice", "title": "t", "question": "q"})
    assert create.status_code == 403
    req.refresh_from_db()
    assert req.state == "submitted" and not req.messages.exists()
    assert ServiceRequest.objects.count() == 1
    _token, raw = create_token(desk["office"], name="rw", scope="write")
    client.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    assert client.post(f"{URL}{req.number}/triage/", {}).status_code == 200


def test_faq_is_public_and_lists_only_published_entries(desk):
    req = _submit(desk["alice"])
    hidden = _submit(desk["bob"])
    for item, who in ((req, "alice"), (hidden, "bob")):
        desk_services.assign_request(item, desk["office"], assignee=desk["staff"])
        desk_services.answer_request(item, desk["staff"], "适用 GB/T 20234.1-2023。")
        desk_services.rate_request(item, desk[who], 5, allow_publish=who == "alice")
    desk_services.publish_faq(req, desk["office"], "充电桩适用哪些标准？", "GB/T 20234.1-2023。")
    answer = _api().get("/api/v1/consulting/faq/")
    assert answer.status_code == 200
    rows = answer.json()["results"]
    assert [(r["number"], r["question"]) for r in rows] == [(req.number, "充电桩适用哪些标准？")]
    assert _api().get(f"/api/v1/consulting/faq/{req.number}/").status_code == 200
    assert _api().get(f"/api/v1/consulting/faq/{hidden.number}/").status_code == 404
    assert _api().post("/api/v1/consulting/faq/", {}).status_code == 405
