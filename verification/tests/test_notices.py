"""Verification requests notify the other side through the shared message centre."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse

from notifications.models import Notification
from notifications.registry import get_event_type
from verification.services import notices
from verification.services import requests as service
from verification.services.conformity import ItemInput
from verification.tests.centre_fixtures import *  # noqa: F403
from verification.tests.centre_fixtures import ITEM_LINES
from verification.tests.evaluation_fixtures import member
from workflows.services import transition

pytestmark = pytest.mark.django_db


def _notes(user, code):
    return list(Notification.objects.filter(recipient=user, event_type=code).order_by("pk"))


def _request(lab):
    return service.request_verification(
        lab["draft"], user=lab["secretary"], centre=lab["profile"], title="电池验证",
        items=service.parse_item_lines(ITEM_LINES),
    )  # fmt: skip


def test_event_types_are_declared():
    for code in (notices.REQUEST_RECEIVED, notices.REQUEST_CHANGED, notices.REPORT_ISSUED):
        assert get_event_type(code).label != code


def test_a_new_request_reaches_the_centre_and_nobody_else(lab):  # noqa: F405
    staff = lab["make_user"]("staffer")
    member(lab["centre"], staff, role="centre_staff")
    req = _request(lab)
    for person in (lab["engineer"], staff):
        (note,) = _notes(person, notices.REQUEST_RECEIVED)
        assert "电池验证" in note.title and note.url == req.get_absolute_url()
        assert "HNXX-2026-001" in note.body and note.data["request"] == req.pk
    assert not _notes(lab["outsider"], notices.REQUEST_RECEIVED)  # another centre
    assert not Notification.objects.filter(recipient=lab["secretary"]).exists()  # the actor


def test_the_secretariat_follows_the_request_up_to_the_report(lab, client):  # noqa: F405
    req = _request(lab)
    transition(req, "accepted", lab["engineer"])
    (accepted,) = _notes(lab["secretary"], notices.REQUEST_CHANGED)
    assert "电池验证" in accepted.title and accepted.data["state"] == "accepted"
    assert not _notes(lab["engineer"], notices.REQUEST_CHANGED)  # the actor
    service.plan_request(
        req, user=lab["engineer"], samples="3 组电池样品", labs="电池实验室",
        planned_start=datetime.date(2026, 3, 1), planned_end=datetime.date(2026, 3, 20),
    )  # fmt: skip
    assert [n.data["state"] for n in _notes(lab["secretary"], notices.REQUEST_CHANGED)] == [
        "accepted", "planned",
    ]  # fmt: skip
    service.record_results(
        req, [ItemInput(c, "x", "-", v, "", "", 2) for c, v in
              (("5.1", "0.8"), ("5.2", "100"), ("5.3", "29"))],
        user=lab["engineer"],
    )  # fmt: skip
    transition(req, "reported", lab["engineer"])
    req.refresh_from_db()
    (report,) = _notes(lab["secretary"], notices.REPORT_ISSUED)
    assert req.report_number and req.report_number in report.title
    assert report.data["comments"] == 2  # two failed items became comments on the draft
    assert re.search(r"(^|\D)2 ", report.body)
    assert report.data["verdict"] == "fail" and report.data["report_number"] == req.report_number
    # The message centre shows it, with the link to the request.
    client.force_login(lab["secretary"])
    page = client.get(reverse("notifications:messages"))
    assert page.status_code == 200
    assert req.report_number in page.text and req.get_absolute_url() in page.text


def test_a_declined_or_withdrawn_request_tells_the_other_side(lab):  # noqa: F405
    declined = _request(lab)
    transition(declined, "declined", lab["engineer"], "实验室排满")
    (note,) = _notes(lab["secretary"], notices.REQUEST_CHANGED)
    assert note.data["state"] == "declined" and note.body == "实验室排满"
    withdrawn = _request(lab)
    transition(withdrawn, "withdrawn", lab["secretary"], "草案将大改")
    (gone,) = [
        n for n in _notes(lab["engineer"], notices.REQUEST_CHANGED)
        if n.data["request"] == withdrawn.pk
    ]  # fmt: skip
    assert gone.body == "草案将大改" and gone.data["state"] == "withdrawn"
