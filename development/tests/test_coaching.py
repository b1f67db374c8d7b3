"""标准制修订辅导 from the consulting desk: forwarded to an alliance, answered, followed back."""

from __future__ import annotations

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from core import registry
from development.models import AllianceProfile, CoachingRequest
from development.services import coaching
from notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def forwarded(world, make_user):  # noqa: F811
    from consulting.services import dispatch
    from consulting.services import requests as desk

    for body in (world.a, world.b):
        AllianceProfile.objects.get_or_create(body=body)
    alice = make_user("alice")
    req = desk.submit_request(
        alice, kind="drafting", title="团体标准起草辅导", question="我们准备起草一项团体标准。"
    )
    desk.assign_request(req, world.office, assignee=world.office)
    to = f"drafting:{world.a.pk}"
    link = dispatch.forward_request(req, world.office, to, "请联盟秘书处联系")
    return {"w": world, "alice": alice, "req": req, "link": link, "to": to}


def test_forwarding_opens_one_coaching_request_at_the_alliance(forwarded):
    from consulting.services import dispatch

    w, link = forwarded["w"], forwarded["link"]
    assert registry.consulting_service("drafting").forward
    item = CoachingRequest.objects.get()
    assert (item.body, item.requester, item.note) == (w.a, forwarded["alice"], "请联盟秘书处联系")
    assert (link.url, link.state, link.record_model) == (
        item.get_absolute_url(),
        "received",
        "development.coachingrequest",
    )
    assert AuditEntry.objects.filter(action="development.coaching.received").count() == 1
    assert Notification.objects.filter(recipient=w.sec_a, event_type=coaching.COACHING_RECEIVED)
    assert dispatch.forward_request(forwarded["req"], w.office, forwarded["to"]) == link
    assert CoachingRequest.objects.count() == 1


def test_the_secretariat_answers_and_the_desk_follows(client, forwarded):
    w, req = forwarded["w"], forwarded["req"]
    item = CoachingRequest.objects.get()
    url = reverse("development:coaching-state", args=[item.pk])
    for person in (forwarded["alice"], w.member_b, w.author, w.office):
        with pytest.raises(coaching.CoachingError):
            coaching.set_coaching_state(item, person, "accepted")
    client.force_login(forwarded["alice"])
    assert client.get(item.get_absolute_url()).status_code == 200
    assert client.post(url, {"state": "accepted"}).status_code == 400
    client.force_login(w.member_b)
    assert client.get(item.get_absolute_url()).status_code == 404
    client.force_login(w.sec_a)
    assert item in client.get(reverse("development:coaching-list")).context["items"]
    assert client.post(url, {"state": "accepted"}).status_code == 302
    assert client.post(url, {"state": "completed", "comment": "已开两次辅导会"}).status_code == 302
    link = req.links.get()
    assert (link.state, link.outcome, link.state_note) == ("completed", "done", "已开两次辅导会")
    assert AuditEntry.objects.filter(action="development.coaching.state").count() == 2
    assert AuditEntry.objects.filter(action="consulting.request.progress").count() == 2
    client.force_login(w.office)
    page = client.get(req.get_absolute_url()).content.decode()
    assert 'data-state="completed"' in page and "已开两次辅导会" in page


def test_a_declined_coaching_request_goes_back_to_triage(forwarded):
    w, req = forwarded["w"], forwarded["req"]
    coaching.set_coaching_state(
        CoachingRequest.objects.get(), w.sec_a, "declined", "不在本联盟领域"
    )
    req.refresh_from_db()
    assert req.state == "submitted" and req.links.get().is_declined
