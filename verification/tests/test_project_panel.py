"""The development project page shows the project's verification requests and reports."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from core.registry import project_panels
from verification.services import requests as service
from verification.services.conformity import ItemInput
from verification.tests.centre_fixtures import *  # noqa: F403
from workflows.services import transition

pytestmark = pytest.mark.django_db


def _report(planned):
    req = planned["req"]
    service.record_results(
        req, [ItemInput(c, "x", "-", v, "", "", 2) for c, v in
              (("5.1", "0.8"), ("5.2", "100"), ("5.3", "31"))],
        user=planned["engineer"],
    )  # fmt: skip
    transition(req, "reported", planned["engineer"])
    req.refresh_from_db()
    return req


def test_verification_declares_a_project_panel():
    assert "verification" in [p.key for p in project_panels()]


def test_the_project_page_shows_the_report_to_the_secretariat_and_the_centre(client, planned):  # noqa: F405
    req = _report(planned)
    url = reverse("development:project", args=[planned["project"].pk])
    for person in ("secretary", "engineer"):
        client.force_login(planned[person])
        page = client.get(url)
        assert page.status_code == 200
        html = page.text
        assert 'id="project-verification"' in html
        assert "电池验证" in html and "电工产品验证中心" in html
        assert req.report_number in html
        assert reverse("verification:request-pdf", args=[req.pk]) in html
    # The secretariat may also ask for another verification of the latest draft.
    client.force_login(planned["secretary"])
    page = client.get(url).text
    assert reverse("verification:request-new", args=[planned["draft"].pk]) in page
    pdf = client.get(reverse("verification:request-pdf", args=[req.pk]))
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content)[:5] == b"%PDF-"


def test_people_outside_the_project_and_the_centre_do_not_see_the_requests(client, planned):  # noqa: F405
    req = _report(planned)
    url = reverse("development:project", args=[planned["project"].pk])
    client.force_login(planned["outsider"])  # staff of another centre
    page = client.get(url)
    if page.status_code == 200:
        assert req.report_number not in page.text
        assert 'id="project-verification"' not in page.text
    else:
        assert page.status_code == 404
    client.logout()
    anonymous = client.get(url)
    assert anonymous.status_code in (200, 302, 404)
    assert req.report_number not in anonymous.text


def test_a_project_on_a_published_standard_shows_its_conformity_failures(client, lab):  # noqa: F405
    from verification.services.conformity import create_conformity_test, record_items

    project = lab["project"]
    url = reverse("development:project", args=[project.pk])
    client.force_login(lab["secretary"])
    assert "project-conformity" not in client.get(url).text
    project.standard = lab["standard"]
    project.save(update_fields=["standard"])
    for value in ("0.8", "0.1"):
        test = create_conformity_test(
            user=lab["engineer"], standard=lab["standard"], centre=lab["centre"], product="插座",
            model="S-10", lot="L01", tested_on=datetime.date(2025, 5, 1),
        )  # fmt: skip
        record_items(test, [ItemInput("5.2", "铅", "≤ 0.5", value)], user=lab["engineer"])
        transition(test, "reported", lab["engineer"])
    html = client.get(url).text
    assert 'id="project-conformity"' in html
    assert "已出具报告 2 份，其中 1 份有不合格条款" in html and "5.2 铅: 2 次中 1 次不合格" in html
    assert reverse("evaluation:standard-stats", args=[lab["standard"].pk]) in html
