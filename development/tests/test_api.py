"""API: the public work programme, body-scoped drafts, stage moves with the same guards."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from development.services.drafts import upload_draft
from development.tests.conftest import DRAFT_V1, upload

pytestmark = pytest.mark.django_db


def _client(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_projects_are_public_and_filtered(world, make_project):
    import datetime

    make_project("20.20", target_date=datetime.date(2020, 1, 1))
    make_project("30.20", body=world.b)
    rows = _client().get("/api/v1/development/projects/").json()
    assert rows["count"] == 2 if isinstance(rows, dict) and "count" in rows else len(rows) == 2
    overdue = _client().get("/api/v1/development/projects/", {"overdue": "true"}).json()
    results = overdue["results"] if isinstance(overdue, dict) else overdue
    assert [r["state"] for r in results] == ["20.20"] and results[0]["is_overdue"]


def test_drafts_follow_body_scope(world, make_project, catalogue):
    project = make_project("20.20")
    upload_draft(project, upload("a.txt", DRAFT_V1), kind="wd", user=world.sec_a)

    def count(user):
        data = _client(user).get("/api/v1/development/drafts/").json()
        return len(data["results"] if isinstance(data, dict) else data)

    assert count(world.sec_a) == 1 and count(world.office) == 1 and count(world.author) == 1
    assert count(world.member_b) == 0
    assert _client().get("/api/v1/development/drafts/").status_code in (401, 403)


def test_advance_through_the_api(world, make_project):
    project = make_project("20.20")
    refused = _client(world.member_b).post(
        f"/api/v1/development/projects/{project.pk}/advance/", {"to_stage": "20.60"}
    )
    assert refused.status_code == 400 and refused.json()
    done = _client(world.sec_a).post(
        f"/api/v1/development/projects/{project.pk}/advance/", {"to_stage": "20.60"}
    )
    assert done.status_code == 200 and done.json()["state"] == "20.60"
