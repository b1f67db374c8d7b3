import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from catalog.models import Standard
from research.models import Report
from research.services import projects
from research.services.refresh import refresh_aggregates
from research.tests.conftest import make_docx

pytestmark = pytest.mark.django_db


def test_analytics_api_matches_direct_counts_and_links(catalogue):
    refresh_aggregates()
    api = APIClient()
    data = api.get("/api/v1/research/analytics/", {"tier": "national"}).json()
    assert data["total"]["count"] == Standard.objects.filter(tier="national").count()
    assert data["staleness"]["current"] is True
    status = next(c for c in data["charts"] if c["key"] == "status")
    current = next(r for r in status["rows"] if r["key"] == "current")
    assert current["url"] == "/search/?tier=national&status=current"
    assert "13.020" in data["gap_fields"]
    assert data["outdated_adoptions"] == 1
    bad = api.get("/api/v1/research/analytics/", {"ics": "nonsense"})
    assert bad.status_code == 400


def _post(api, people, **extra):
    body = {
        "file": SimpleUploadedFile("r.docx", make_docx(["引用 GB/T 19001-2016。"])),
        "title": "质量基础设施研究",
        "kind": "analysis",
        "authors": "课题组",
        "published_on": "2026-04-01",
        "confidentiality": "internal",
        "declares_unclassified": "true",
        "centre": people["centre"].pk,
    } | extra
    return api.post("/api/v1/research/reports/", body, format="multipart")


def test_report_api_upload_and_confidentiality(people):
    api = APIClient()
    api.force_authenticate(people["staff"])
    refused = _post(api, people, confidentiality="classified")
    assert refused.status_code == 400 and not Report.objects.exists()
    created = _post(api, people)
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    detail = api.get(f"/api/v1/research/reports/{pk}/").json()
    assert detail["cited"][0]["designation"] == "GB/T 19001-2016"
    searched = api.get("/api/v1/research/reports/", {"q": "质量基础设施"}).json()
    assert [r["id"] for r in searched["results"]] == [pk]
    for user in (people["outsider"], None):
        other = APIClient()
        if user:
            other.force_authenticate(user)
        assert other.get("/api/v1/research/reports/").json()["results"] == []
        assert other.get("/api/v1/research/reports/", {"q": "质量基础设施"}).json()["results"] == []
        assert other.get(f"/api/v1/research/reports/{pk}/").status_code == 404


def test_project_api_shows_overdue_flags(people):
    today = datetime.date.today()
    project = projects.create_project(
        people["office"],
        title="研究",
        lead=people["staff"],
        starts_on=today,
        ends_on=today + datetime.timedelta(days=9),
    )
    projects.add_milestone(project, people["staff"], "开题", today - datetime.timedelta(days=1))
    api = APIClient()
    api.force_authenticate(people["staff"])
    row = api.get("/api/v1/research/projects/").json()["results"][0]
    assert row["milestones"][0]["overdue"] is True and row["overdue"] is False
    api.force_authenticate(people["nobody"])
    assert api.get("/api/v1/research/projects/").json()["results"] == []
