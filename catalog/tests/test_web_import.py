"""The web import page: staff upload a file, it imports as a background job with a summary."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile

from catalog.models import ImportRun, Standard
from jobs.models import Job

pytestmark = pytest.mark.django_db
TEMPLATE = Path(__file__).parent / "data" / "importers" / "template-utf8-bom.csv"


@pytest.fixture
def importer(django_user_model):
    user = django_user_model.objects.create_user("office", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="add_standard"))
    return user


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def test_staff_import_a_csv_as_a_job_and_see_the_summary(client, importer):
    client.force_login(importer)
    assert client.get("/import/").status_code == 200
    response = client.post("/import/", {"file": upload("目录.csv", TEMPLATE.read_bytes())})
    assert response.status_code == 302
    job = Job.objects.get(kind="catalog.import")
    assert response["Location"] == f"/import/?job={job.pk}"
    assert (job.state, job.started_by, job.done) == ("succeeded", importer, 7)
    run = ImportRun.objects.get(job=job)
    assert (run.fmt, run.state, run.created, run.rejected) == ("spreadsheet", "succeeded", 3, 4)
    assert Standard.objects.filter(designation="GB/T 19001-2016").exists()
    page = client.get(response["Location"]).content.decode()
    assert "新建 3" in page and "拒绝 4" in page and "缺少标准号" in page
    fragment = client.get(f"/jobs/{job.pk}/progress/").content.decode()
    assert "拒绝 4" in fragment and "hx-trigger" not in fragment


def test_a_bad_file_is_refused_with_a_reason_and_nothing_queued(client, importer):
    client.force_login(importer)
    response = client.post("/import/", {"file": upload("list.csv", b"\x00\x01binary\x02")})
    assert response.status_code == 200
    assert "不接受" in response.content.decode()
    assert not Job.objects.exists()


def test_a_failing_import_shows_its_reason(client, importer):
    client.force_login(importer)
    client.post("/import/", {"file": upload("list.csv", "名称,备注\n甲,乙\n".encode())})
    job = Job.objects.get()
    assert job.state == "failed" and job.error
    assert ImportRun.objects.filter(job__state="running").count() == 0
    assert job.error in client.get(f"/import/?job={job.pk}").content.decode()


def test_people_without_the_import_permission_get_403(client, django_user_model):
    staff = django_user_model.objects.create_user("staff", password="x", is_staff=True)
    client.force_login(staff)
    assert client.get("/import/").status_code == 403
    assert client.post("/import/", {"file": upload("a.csv", b"x")}).status_code == 403
    client.logout()
    assert client.get("/import/").status_code == 302
