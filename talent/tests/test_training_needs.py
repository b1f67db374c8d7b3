"""培训需求 from the consulting desk: forwarded to a training centre, answered, followed back."""

from __future__ import annotations

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from core import registry
from notifications.models import Notification
from talent.models import TrainingNeed
from talent.services import training_needs as needs
from talent.tests import fixtures_training as fx

_roles, _fast_hashing, _fresh_rate_limits = fx._roles, fx._fast_hashing, fx._fresh_rate_limits
make_user, make_org, training = fx.make_user, fx.make_org, fx.training

pytestmark = pytest.mark.django_db


@pytest.fixture
def forwarded(training, make_user):
    """A 培训需求 submitted to the desk, assigned and forwarded to the training centre."""
    from consulting.services import dispatch
    from consulting.services import requests as desk

    alice = make_user("alice")
    req = desk.submit_request(
        alice,
        kind="training",
        title="企业标准化人员培训",
        question="希望安排 20 人的标准编写培训。",
    )
    desk.assign_request(req, training["office"], assignee=training["office"])
    to = f"training:{training['centre'].pk}"
    link = dispatch.forward_request(req, training["office"], to, "五月前")
    return {**training, "alice": alice, "req": req, "link": link, "to": to}


def test_the_talent_centre_registers_forwarding_of_training_needs(training):
    service = registry.consulting_service("training")
    assert service is not None and service.forward
    choices = dict(service.target_choices(training["office"]))
    # Only centres that run training (they have a course) are offered.
    assert choices == {str(training["centre"].pk): "人才交流培养中心"}


def test_forwarding_creates_one_need_at_the_centre_its_staff_is_told(forwarded):
    from consulting.services import dispatch

    need = TrainingNeed.objects.get()
    assert (need.centre, need.requester, need.forwarded_by) == (
        forwarded["centre"],
        forwarded["alice"],
        forwarded["office"],
    )
    assert need.source_reference == forwarded["req"].number and need.note == "五月前"
    link = forwarded["link"]
    assert (link.url, link.state, link.record_id) == (
        need.get_absolute_url(),
        "received",
        str(need.pk),
    )
    assert AuditEntry.objects.filter(action="talent.training_need.received").count() == 1
    assert Notification.objects.filter(
        recipient=forwarded["staff"], event_type=needs.NEED_RECEIVED
    ).exists()
    # A double submit finds the first need.
    assert dispatch.forward_request(forwarded["req"], forwarded["office"], forwarded["to"]) == link
    assert TrainingNeed.objects.count() == 1


def test_accept_and_meet_the_desk_follows(forwarded):
    need = TrainingNeed.objects.get()
    needs.set_need_state(need, forwarded["staff"], "accepted")
    needs.set_need_state(need, forwarded["staff"], "completed", "已安排 TR-101 五月班")
    link, req = forwarded["link"], forwarded["req"]
    link.refresh_from_db()
    req.refresh_from_db()
    assert (link.state, link.outcome, link.state_note) == (
        "completed",
        "done",
        "已安排 TR-101 五月班",
    )
    assert link.state_label == "已满足" and req.state == "assigned"
    entries = AuditEntry.objects.filter(action="talent.training_need.state").order_by("pk")
    assert [e.after["state"] for e in entries] == ["accepted", "completed"]
    assert AuditEntry.objects.filter(action="consulting.request.progress").count() == 2
    assert req.messages.filter(internal=True).count() == 2
    with pytest.raises(needs.TrainingNeedError):  # reported twice: refused, nothing changes
        needs.set_need_state(need, forwarded["staff"], "completed")
    registry.report_service_progress(
        "training", need, "completed", "已满足", user=forwarded["staff"]
    )
    assert AuditEntry.objects.filter(action="consulting.request.progress").count() == 2


def test_a_declined_need_goes_back_to_triage(forwarded):
    need = TrainingNeed.objects.get()
    needs.set_need_state(need, forwarded["staff"], "declined", "本年度计划已满")
    req = forwarded["req"]
    req.refresh_from_db()
    assert req.state == "submitted"
    assert "本年度计划已满" in req.messages.get(internal=True).body


def test_only_the_centre_staff_change_a_need_over_http(client, forwarded):
    need = TrainingNeed.objects.get()
    url = reverse("talent:training:need-state", args=[need.pk])
    client.force_login(forwarded["alice"])  # the enterprise follows it but cannot change it
    page = client.get(need.get_absolute_url())
    assert page.status_code == 200 and "need-state-form" not in page.content.decode()
    assert client.post(url, {"state": "accepted"}).status_code == 400
    with pytest.raises(needs.TrainingNeedError):  # the base office follows, does not decide
        needs.set_need_state(need, forwarded["office"], "accepted")
    client.force_login(forwarded["staff"])
    assert need in client.get(reverse("talent:training:needs")).context["needs"]
    assert client.post(url, {"state": "declined"}).status_code == 400  # no reason
    assert client.post(url, {"state": "accepted"}).status_code == 302
    need.refresh_from_db()
    assert need.state == "accepted"
    client.force_login(forwarded["office"])
    page = client.get(forwarded["req"].get_absolute_url()).content.decode()
    assert 'data-state="accepted"' in page and "已受理" in page
