"""Forwarded records report their state back: the link, the thread and the request follow."""

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from consulting.models import Message, ServiceLink
from consulting.services import dispatch
from consulting.services import requests as desk_services
from core import registry
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def _forwarded(lab, *, assign=True):
    from verification.models import Commission

    req = desk_services.submit_request(
        lab["alice"], kind="verification", title="锂电池容量验证", question="请验证容量保持率。"
    )
    if assign:
        desk_services.assign_request(req, lab["office"], assignee=lab["expert"])
    link = dispatch.forward_request(req, lab["office"], lab["to"], "请尽快安排")
    return req, link, Commission.objects.get(source_reference=req.number)


def _set(commission, user, state, comment=""):
    from verification.services.commissions import set_commission_state

    return set_commission_state(commission, user, state, comment)


def test_the_link_knows_its_record_and_starts_received(lab):
    req, link, commission = _forwarded(lab)
    assert (link.record_model, link.record_id) == ("verification.commission", str(commission.pk))
    assert (link.state, link.state_label, link.outcome) == ("received", "已收到", "")
    assert link.state_at is not None


def test_accept_then_complete_the_link_follows_and_the_desk_is_told(lab):
    req, link, commission = _forwarded(lab)
    _set(commission, lab["engineer"], "accepted")
    link.refresh_from_db()
    req.refresh_from_db()
    assert (link.state, link.state_label, link.outcome) == ("accepted", "已受理", "open")
    assert req.state == "assigned"
    _set(commission, lab["engineer"], "completed", "报告编号 YZ-2026-001")
    link.refresh_from_db()
    req.refresh_from_db()
    assert (link.state, link.outcome, link.state_note) == (
        "completed",
        "done",
        "报告编号 YZ-2026-001",
    )
    # Done at the centre: the desk answers the requester and closes, nothing closes by itself.
    assert req.state == "assigned"
    notes = list(Message.objects.filter(request=req).values_list("body", "internal", "author"))
    assert len(notes) == 2 and all(internal for _body, internal, _a in notes)
    assert "报告编号 YZ-2026-001" in notes[1][0] and notes[1][2] == lab["engineer"].pk
    entries = AuditEntry.objects.filter(action="consulting.request.progress").order_by("pk")
    assert [e.after["state"] for e in entries] == ["accepted", "completed"]
    assert entries[1].before["state"] == "accepted" and entries[1].actor == lab["engineer"]
    for person in (lab["expert"], lab["office"]):
        assert Notification.objects.filter(
            recipient=person, event_type="consulting.request_message", data__state="completed"
        ).exists()
    assert not Notification.objects.filter(recipient=lab["engineer"], data__state="completed")


def test_the_same_state_reported_twice_changes_nothing(lab):
    req, link, commission = _forwarded(lab)
    _set(commission, lab["engineer"], "accepted")
    commission.refresh_from_db()
    counts = (
        AuditEntry.objects.filter(action="consulting.request.progress").count(),
        Message.objects.count(),
        Notification.objects.count(),
    )
    stamp = ServiceLink.objects.get().state_at
    for _ in range(2):  # a repeated report (a retried task, a double click at the centre)
        registry.report_service_progress(
            "verification", commission, "accepted", "已受理", user=lab["engineer"]
        )
    assert ServiceLink.objects.get().state_at == stamp
    assert counts == (
        AuditEntry.objects.filter(action="consulting.request.progress").count(),
        Message.objects.count(),
        Notification.objects.count(),
    )
    # Reports about records the desk did not create are ignored.
    assert registry.report_service_progress("verification", lab["lab"], "x", "x") == [None]


def test_a_decline_puts_the_request_back_for_triage_with_the_reason(lab):
    from verification.models import Commission

    req, link, commission = _forwarded(lab)
    with pytest.raises(Exception, match="理由"):
        _set(commission, lab["engineer"], "declined")
    _set(commission, lab["engineer"], "declined", "没有恒温箱")
    req.refresh_from_db()
    link.refresh_from_db()
    assert req.state == "submitted" and link.is_declined and link.state_note == "没有恒温箱"
    note = Message.objects.get(request=req)
    assert note.internal and "没有恒温箱" in note.body
    assert AuditEntry.objects.filter(action="consulting.request.return").count() == 1
    assert Notification.objects.filter(
        recipient=lab["expert"], event_type="consulting.request_message", data__state="declined"
    ).exists()
    # The desk triages again and may forward it once more: the commission starts over.
    desk_services.triage_request(req, lab["office"])
    again = dispatch.forward_request(req, lab["office"], lab["to"], "换一台设备")
    assert again.pk == link.pk and (again.state, again.outcome) == ("received", "")
    commission = Commission.objects.get()
    assert (commission.state, commission.note) == ("received", "换一台设备")
    assert AuditEntry.objects.filter(action="consulting.request.forwarded").count() == 2
    _set(commission, lab["engineer"], "accepted")
    assert ServiceLink.objects.get().state == "accepted"


def test_a_decline_of_a_request_still_waiting_for_triage_keeps_it_there(lab):
    req, link, commission = _forwarded(lab, assign=False)
    _set(commission, lab["engineer"], "declined", "超出能力范围")
    req.refresh_from_db()
    assert req.state == "submitted"
    assert not AuditEntry.objects.filter(action="consulting.request.return").exists()
    assert AuditEntry.objects.filter(action="consulting.request.progress").count() == 1


def test_only_the_centre_changes_the_state_and_nobody_returns_a_request_by_hand(client, lab):
    from verification.services.commissions import CommissionError

    req, link, commission = _forwarded(lab)
    for person in (lab["alice"], lab["office"], lab["expert"], lab["staff"]):
        with pytest.raises(CommissionError):
            _set(commission, person, "declined", "不做")
    link.refresh_from_db()
    assert link.state == "received"
    client.force_login(lab["office"])
    response = client.post(
        reverse("consulting:action", args=[req.number, "return"]), {"comment": "x"}
    )
    assert response.status_code in (400, 403, 404)
    req.refresh_from_db()
    assert req.state == "assigned"


def test_the_request_page_shows_the_state_at_the_centre(client, lab):
    req, link, commission = _forwarded(lab)
    client.force_login(lab["engineer"])
    response = client.post(
        reverse("verification:commission-state", args=[commission.pk]),
        {"state": "declined", "comment": "设备检修中"},
    )
    assert response.status_code == 302
    client.force_login(lab["office"])
    page = client.get(req.get_absolute_url()).content.decode()
    assert 'data-state="declined"' in page and "不予受理" in page and "设备检修中" in page
    assert "forward-form" in page  # declined: the desk may forward it again
    client.force_login(lab["alice"])  # the requester sees the state, not the centre's reason
    page = client.get(req.get_absolute_url()).content.decode()
    assert 'data-state="declined"' in page and "设备检修中" not in page


def test_a_request_goes_only_to_the_service_of_its_kind(client, lab):
    from consulting.services.dispatch import ForwardError

    req = desk_services.submit_request(
        lab["alice"], kind="advice", title="适用标准", question="哪些标准适用？"
    )
    assert dispatch.forward_choices(lab["office"], req.kind) == []
    with pytest.raises(ForwardError):
        dispatch.forward_request(req, lab["office"], lab["to"])
    client.force_login(lab["office"])
    assert "forward-form" not in client.get(req.get_absolute_url()).content.decode()
    desk_services.triage_request(req, lab["office"], kind="verification")
    req.refresh_from_db()
    assert dispatch.forward_request(req, lab["office"], lab["to"]).state == "received"


def test_a_reported_state_reads_in_the_readers_language(client, lab):
    from django.conf import settings
    from rest_framework.test import APIClient

    req, link, commission = _forwarded(lab)
    _set(commission, lab["engineer"], "declined", "设备检修中")  # reported in Chinese
    link.refresh_from_db()
    assert link.state_label == "不予受理"  # as stored
    client.force_login(lab["office"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(req.get_absolute_url()).content.decode()
    assert 'text-bg-danger">Declined</span>' in page  # the link's state badge
    assert 'text-bg-danger">不予受理' not in page  # (the thread keeps the centre's words)
    api = APIClient()
    api.force_authenticate(lab["office"])
    for language, label in (("en", "Declined"), ("zh-hans", "不予受理")):
        api.cookies[settings.LANGUAGE_COOKIE_NAME] = language  # the site's language switch
        answer = api.get(f"/api/v1/consulting/requests/{req.number}/")
        assert answer.status_code == 200
        assert [x["state_label"] for x in answer.json()["links"]] == [label]
    # A service that declares no states keeps the stored label.
    assert registry.ConsultingService("x", "x", lambda call: None).state_label("declined") is None
