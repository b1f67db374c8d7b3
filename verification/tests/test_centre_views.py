"""HTTP: centre pages, the office overview, draft verification pages and rounds."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from verification.models import PrecisionRound, VerificationRequest
from verification.tests.centre_fixtures import *  # noqa: F403
from verification.tests.centre_fixtures import ITEM_LINES
from verification.tests.test_rounds import round_csv

pytestmark = pytest.mark.django_db


def test_centre_pages_are_public_and_editing_is_for_staff(client, lab):  # noqa: F405
    url = reverse("verification:centre", args=[lab["profile"].pk])
    assert "电工产品验证中心" in client.get(reverse("verification:centres")).text
    page = client.get(url)
    assert page.status_code == 200 and "profile-form" not in page.text
    client.force_login(lab["outsider"])
    denied = client.post(reverse("verification:centre-add", args=[lab["profile"].pk, "staff"]),
                         {"staff-name": "李工"})  # fmt: skip
    assert "centre-error" in denied.text and not lab["profile"].staff.exists()
    client.force_login(lab["engineer"])
    assert "profile-form" in client.get(url).text
    response = client.post(
        reverse("verification:centre-add", args=[lab["profile"].pk, "accreditation"]),
        {"accreditation-kind": "cnas", "accreditation-number": "CNAS L9",
         "accreditation-valid_from": "2026-01-01", "accreditation-valid_until": "2025-01-01"},
    )  # fmt: skip
    assert "有效期截止日期早于起始日期" in response.text
    assert not lab["profile"].accreditations.exists()
    client.post(reverse("verification:centre-add", args=[lab["profile"].pk, "capability"]),
                {"capability-designation": "GB/T 2099.1-2021"})  # fmt: skip
    assert "GB/T 2099.1-2021" in client.get(url).text


def test_overview_is_for_the_base_office(client, lab):  # noqa: F405
    client.force_login(lab["engineer"])
    assert client.get(reverse("verification:overview")).status_code == 404
    client.force_login(lab["office"])
    page = client.get(reverse("verification:overview"))
    assert page.status_code == 200 and "电工产品验证中心" in page.text


def test_request_to_report_over_http(client, lab):  # noqa: F405
    client.force_login(lab["secretary"])
    new = reverse("verification:request-new", args=[lab["draft"].pk])
    assert "容量保持率" in client.get(new).text  # the draft's clauses are listed
    bad = client.post(new, {"centre": lab["profile"].pk, "items": "5.1 | 铅"})
    assert bad.status_code == 200 and "1" in bad.text and not VerificationRequest.objects.exists()
    response = client.post(new, {"centre": lab["profile"].pk, "items": ITEM_LINES, "title": "验证"})
    req = VerificationRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == req.get_absolute_url()
    client.force_login(lab["outsider"])
    assert client.get(req.get_absolute_url()).status_code == 404
    client.force_login(lab["engineer"])
    state = reverse("verification:request-state", args=[req.pk])
    client.post(state, {"to_state": "accepted"})
    client.post(reverse("verification:request-plan", args=[req.pk]), {
        "samples": "3 组", "labs": "电池实验室", "planned_start": "2026-03-01",
        "planned_end": "2026-03-10"})  # fmt: skip
    req.refresh_from_db()
    assert req.state == "planned"
    template = client.get(reverse("verification:request-template", args=[req.pk]))
    assert template.status_code == 200 and template.content[:2] == b"PK"
    csv = (
        "条款,指标,要求,测定值,单位\n5.1,铅含量,≤ 0.5 mg/kg,0.9,mg/kg\n"
        "5.2,容量保持率,95 %~105 %,99,%\n"
    )
    upload = reverse("verification:request-upload", args=[req.pk])
    client.post(upload, {"file": SimpleUploadedFile("r.csv", csv.encode())})
    one = client.post(reverse("verification:request-results", args=[req.pk]),
                      {"clause": "5.3", "value": "31", "unit": "MPa"})  # fmt: skip
    assert one.status_code == 302
    client.post(state, {"to_state": "reported"})
    req.refresh_from_db()
    assert req.state == "reported" and req.items.get(clause="5.1").comment is not None
    pdf = client.get(reverse("verification:request-pdf", args=[req.pk]))
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content)[:5] == b"%PDF-"
    xlsx = client.get(reverse("verification:request-xlsx", args=[req.pk]))
    assert xlsx.content[:2] == b"PK"
    client.logout()
    assert (
        client.get(reverse("verification:verify", args=[req.verification_code])).status_code == 200
    )
    assert client.get(reverse("verification:verify", args=["NOPE"])).status_code == 404
    client.force_login(lab["secretary"])
    project = client.get(reverse("verification:project-reports", args=[lab["project"].pk]))
    assert req.report_number in project.text
    items = client.get(
        reverse("verification:centre-items", args=[lab["profile"].pk]) + "?verdict=fail"
    )
    assert "铅含量" in items.text and "容量保持率" not in items.text


def test_round_pages_compute_and_draw(client, lab):  # noqa: F405
    client.force_login(lab["engineer"])
    bad = client.post(reverse("verification:round-new"), {
        "title": "r", "centre": lab["profile"].pk, "kind": "precision",
        "data": "level,lab,value\nL1,A,1\n"})  # fmt: skip
    assert "alert-danger" in bad.text
    assert not PrecisionRound.objects.exists()
    response = client.post(reverse("verification:round-new"), {
        "title": "协同试验", "centre": lab["profile"].pk, "kind": "proficiency",
        "file": SimpleUploadedFile("round.csv", round_csv(shift=3).encode())})  # fmt: skip
    rnd = PrecisionRound.objects.get()
    assert response.status_code == 302
    page = client.get(rnd.get_absolute_url())
    assert page.status_code == 200 and page.text.count("<svg") >= 2 and "lab08" in page.text
    client.force_login(lab["outsider"])
    assert client.get(rnd.get_absolute_url()).status_code == 404
