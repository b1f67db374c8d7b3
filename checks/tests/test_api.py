"""The REST API under /api/v1/checks/."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from checks.tests.documents import make_docx

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("alice", password="x"))
    return client


def test_create_a_check_and_read_its_items(api, catalogue):
    response = api.post(
        "/api/v1/checks/", {"text": "GB 50204-2002 与 ISO 712"}, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["state"] == "succeeded" and body["counts"]["replaced"] == 1
    items = api.get(body["items_url"]).json()["results"]
    assert [(i["designation"], i["status"], i["current"]) for i in items] == [
        ("GB 50204-2002", "replaced", ["GB 50204-2015"]),
        ("ISO 712", "current", ["ISO 712:2009"]),
    ]
    assert api.get(body["items_url"] + "?status=current").json()["count"] == 1
    verify = api.get(f"/api/v1/checks/verify/{body['verification_code']}/").json()
    assert verify["valid"] is True


def test_upload_a_docx(api, catalogue):
    upload = SimpleUploadedFile("clause.docx", make_docx(["GB/T 19001-2008 质量管理体系"]))
    body = api.post("/api/v1/checks/", {"file": upload, "as_of": "2010-01-01"}).json()
    assert body["kind"] == "docx" and body["counts"]["current"] == 1


def test_bad_input_is_a_400_with_a_message(api, db):
    response = api.post("/api/v1/checks/", {"text": ""}, content_type="application/json")
    assert response.status_code == 400
    upload = SimpleUploadedFile("x.xlsx", b"not a workbook")
    response = api.post("/api/v1/checks/", {"file": upload})
    assert response.status_code == 400 and response.json()["detail"]


def test_watch_lists_and_notifications(api, catalogue):
    created = api.post(
        "/api/v1/checks/watchlists/", {"name": "API"}, content_type="application/json"
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    item = api.post(
        f"/api/v1/checks/watchlists/{pk}/items/",
        {"designation": "GB 50204"},
        content_type="application/json",
    )
    assert item.json()["series_key"] == "GB 50204"
    assert api.get("/api/v1/checks/notifications/").json()["count"] == 0


def test_anonymous_callers_check_within_their_session_as_on_the_web(client, catalogue):
    assert client.get("/api/v1/checks/").json()["count"] == 0
    response = client.post(
        "/api/v1/checks/", {"text": "GB 50204-2002"}, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["counts"]["replaced"] == 1
    # The session cookie of the answer is the anonymous caller's key to the check.
    assert client.get(body["items_url"]).json()["count"] == 1
    assert client.get("/api/v1/checks/").json()["count"] == 1
    stranger = client.__class__()
    assert stranger.get(body["items_url"]).status_code == 404
    assert stranger.get("/api/v1/checks/").json()["count"] == 0


def test_adding_a_replaced_number_by_api_says_so_and_offers_the_successor(
    api, catalogue, make_standard, link
):
    old = catalogue["iso712"]
    old.status = "replaced"
    old.save()
    link(old, make_standard("ISO 712-1:2024"))
    pk = api.post(
        "/api/v1/checks/watchlists/", {"name": "谷物"}, content_type="application/json"
    ).json()["id"]
    body = api.post(
        f"/api/v1/checks/watchlists/{pk}/items/",
        {"designation": "iso712"},
        content_type="application/json",
    ).json()
    assert (body["series_key"], body["designation"]) == ("ISO 712", "ISO 712:2009")
    assert "ISO 712:2009 已被 ISO 712-1:2024 代替" in body["message"]
    assert body["offers"] == ["ISO 712-1:2024"]


@pytest.mark.parametrize(
    "body",
    [
        '{"ids": ["abc"]}',
        '{"ids": [null]}',
        '{"ids": [1e999]}',
        '{"ids": [1.5]}',
        '{"ids": [100000000000000000000000000000]}',
        '{"ids": [-3]}',
        '{"ids": "abc"}',
        '{"ids": {"a": 1}}',
        "[1, 2]",
        '"ids"',
        "null",
        "{not json",
    ],
)
def test_marking_notifications_read_with_bad_input_is_a_400(api, body):
    from notifications.models import Notification

    user = api.get("/api/v1/checks/notifications/").wsgi_request.user
    note = Notification.objects.create(recipient=user, kind="replaced", title="t")
    response = api.post("/api/v1/checks/notifications/read/", body, content_type="application/json")
    assert response.status_code == 400, response.content
    assert response.json()["detail"]
    note.refresh_from_db()
    assert note.read_at is None


def test_marking_notifications_read_by_id_and_all(api):
    from notifications.models import Notification

    user = api.get("/api/v1/checks/notifications/").wsgi_request.user
    first, second = (
        Notification.objects.create(recipient=user, kind="replaced", title=t) for t in "ab"
    )
    url = "/api/v1/checks/notifications/read/"
    answer = api.post(url, {"ids": [first.pk]}, content_type="application/json")
    assert answer.json() == {"marked": 1}
    assert api.post(url, {}, content_type="application/json").json() == {"marked": 1}
    second.refresh_from_db()
    assert second.read_at is not None
