"""The desk's registered services: 查新 dispatched to checks, 验证委托 forwarded to a centre."""

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from catalog.tests.factories import ReplacementFactory, StandardFactory
from consulting.models import ServiceLink, ServiceRequest
from consulting.services import dispatch
from consulting.services import requests as desk_services
from consulting.services.dispatch import ForwardError
from core import registry
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def _submit(user, **kw):
    values = {"kind": "verification", "title": "锂电池容量验证", "question": "请验证容量保持率。"}
    return desk_services.submit_request(user, **(values | kw))


def test_novelty_request_is_dispatched_through_the_registry_to_checks(desk):
    from checks.models import Check

    assert registry.consulting_service("novelty").handler == "checks.consulting.run_novelty_service"
    old = StandardFactory(designation="GB/T 19001-2008", status="replaced")
    ReplacementFactory(predecessor=old, successor=StandardFactory(designation="GB/T 19001-2016"))
    req = _submit(desk["alice"], kind="novelty", question="GB/T 19001-2008")
    check = Check.objects.get(owner=desk["alice"])
    assert check.input_text == "GB/T 19001-2008" and check.state == Check.State.SUCCEEDED
    assert req.novelty == [
        {"designation": "GB/T 19001-2008", "verdict": "replaced", "current": ["GB/T 19001-2016"]}
    ]
    link = req.links.get()
    assert (link.service, link.url, link.forwarded) == ("novelty", check.get_absolute_url(), False)
    assert AuditEntry.objects.filter(action="consulting.request.dispatched").count() == 1
    assert AuditEntry.objects.filter(action="checks.check.created").count() == 1


def test_dispatch_goes_through_whatever_the_registry_holds(desk):
    calls = []
    original = registry.consulting_service("novelty")

    def fake(call):
        calls.append(call)
        return registry.ServiceResult(label="fake", url="/fake/", rows=[{"designation": "X"}])

    registry.register_service(registry.ConsultingService("novelty", "fake", fake))
    try:
        req = _submit(desk["alice"], kind="novelty", question="GB 1-2020")
    finally:
        registry.register_service(original)
    assert [c.reference for c in calls] == [req.number]
    assert calls[0].requester == desk["alice"] and calls[0].text == "GB 1-2020"
    assert req.novelty == [{"designation": "X"}] and req.links.get().url == "/fake/"
    assert registry.consulting_service("advice") is None  # nothing runs for plain advice
    assert not _submit(desk["bob"], kind="advice").links.exists()


def test_forwarding_creates_one_commission_at_the_centre_with_links_audit_and_notices(lab):
    from verification.models import Commission

    req = _submit(lab["alice"], contact="0371-1234567")
    choices = dict(dispatch.forward_choices(lab["office"]))
    assert choices[lab["to"]].endswith(" → 河南电池验证中心")
    link = dispatch.forward_request(req, lab["office"], lab["to"], "请尽快安排")
    commission = Commission.objects.get()
    assert (commission.centre, commission.client, commission.forwarded_by) == (
        lab["lab"],
        lab["alice"],
        lab["office"],
    )
    assert commission.source_reference == req.number
    assert commission.source_url == req.get_absolute_url()
    assert commission.note == "请尽快安排" and commission.contact == "0371-1234567"
    assert link.url == commission.get_absolute_url() and link.target_label == "河南电池验证中心"
    assert AuditEntry.objects.filter(action="consulting.request.forwarded").count() == 1
    assert AuditEntry.objects.filter(action="verification.commission.received").count() == 1
    assert Notification.objects.filter(
        recipient=lab["engineer"], event_type="verification.request_received"
    ).exists()
    assert Notification.objects.filter(
        recipient=lab["alice"], event_type="consulting.request_message"
    ).exists()
    req.refresh_from_db()
    assert req.first_response_at is not None
    # A second submit finds the first link: nothing more is created or logged.
    assert dispatch.forward_request(req, lab["office"], lab["to"]) == link
    assert Commission.objects.count() == 1 and ServiceLink.objects.count() == 1
    assert AuditEntry.objects.filter(action="consulting.request.forwarded").count() == 1


def test_only_consulting_staff_forward(lab):
    from verification.models import Commission

    req = _submit(lab["alice"])
    desk_services.assign_request(req, lab["office"], assignee=lab["expert"])
    for person in (lab["alice"], lab["expert"], lab["staff"], lab["engineer"]):
        with pytest.raises(ForwardError):
            dispatch.forward_request(req, person, lab["to"])
    with pytest.raises(ForwardError):
        dispatch.forward_request(req, lab["office"], "verification:999999")
    with pytest.raises(ForwardError):
        dispatch.forward_request(req, lab["office"], "novelty:1")  # runs, is not forwarded
    assert not Commission.objects.exists()
    # The staff of the request's centre run its desk, so they forward it.
    centred = _submit(lab["bob"])
    desk_services.triage_request(centred, lab["office"], centre=lab["centre"])
    assert dispatch.forward_request(centred, lab["staff"], lab["to"]).forwarded


def test_forwarding_over_http_both_records_show_the_link(client, lab):
    from verification.models import Commission

    req = _submit(lab["alice"])
    url = reverse("consulting:action", args=[req.number, "forward"])
    client.force_login(lab["alice"])
    assert "forward-form" not in client.get(req.get_absolute_url()).content.decode()
    client.post(url, {"destination": lab["to"]})
    assert not Commission.objects.exists()
    client.force_login(lab["office"])
    assert "forward-form" in client.get(req.get_absolute_url()).content.decode()
    for _ in range(2):  # a double submit
        response = client.post(url, {"destination": lab["to"], "note": "加急"})
        assert response.status_code == 302
    commission = Commission.objects.get()
    page = client.get(req.get_absolute_url()).content.decode()
    assert commission.get_absolute_url() in page and "forward-form" not in page
    client.force_login(lab["engineer"])
    page = client.get(commission.get_absolute_url()).content.decode()
    assert req.get_absolute_url() in page and req.number in page and "加急" in page
    assert commission in client.get(reverse("verification:commissions")).context["commissions"]
    response = client.post(
        reverse("verification:commission-state", args=[commission.pk]), {"state": "accepted"}
    )
    assert response.status_code == 302
    commission.refresh_from_db()
    assert commission.state == "accepted"
    assert AuditEntry.objects.filter(action="verification.commission.state").count() == 1
    assert Notification.objects.filter(
        recipient=lab["office"], event_type="verification.request_changed"
    ).exists()
    client.force_login(lab["alice"])  # the client follows it, but cannot change it
    assert client.get(commission.get_absolute_url()).status_code == 200
    response = client.post(
        reverse("verification:commission-state", args=[commission.pk]), {"state": "completed"}
    )
    assert response.status_code == 400
    client.force_login(lab["bob"])
    assert client.get(commission.get_absolute_url()).status_code == 404
    assert ServiceRequest.objects.get().links.count() == 1


def test_forwarding_over_the_api(lab):
    from rest_framework.test import APIClient

    from verification.models import Commission

    req = _submit(lab["alice"])
    url = f"/api/v1/consulting/requests/{req.number}/forward/"
    api = APIClient()
    api.force_authenticate(lab["alice"])
    assert api.post(url, {"destination": lab["to"]}, format="json").status_code == 403
    api.force_authenticate(lab["office"])
    wrong = api.post(url, {"destination": "verification:0"}, format="json")
    assert wrong.status_code == 400 and not Commission.objects.exists()
    for _ in range(2):
        answer = api.post(url, {"destination": lab["to"], "note": "加急"}, format="json")
        assert answer.status_code == 200, answer.content
    commission = Commission.objects.get()
    assert answer.json()["links"] == [
        {
            "service": "verification",
            "label": f"企业验证委托 {commission.pk}",  # in the language of the forwarding
            "url": commission.get_absolute_url(),
            "target_label": "河南电池验证中心",
            "forwarded": True,
            "created_at": answer.json()["links"][0]["created_at"],
            "state": "received",
            "state_label": "已收到",
            "state_at": answer.json()["links"][0]["state_at"],
        }
    ]


def test_novelty_attachments_are_checked_too(desk):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from checks.models import Check

    StandardFactory(designation="GB/T 19001-2016")
    StandardFactory(designation="GB/T 24001-2016")
    files = [SimpleUploadedFile("清单.txt", b"GB/T 24001-2016\n")]
    req = _submit(desk["alice"], kind="novelty", question="GB/T 19001-2016", files=files)
    assert [r["designation"] for r in req.novelty] == ["GB/T 19001-2016", "GB/T 24001-2016"]
    assert Check.objects.filter(owner=desk["alice"]).count() == 2
    assert req.attachments.get().file.read() == b"GB/T 24001-2016\n"


def test_a_commission_decided_meanwhile_refuses_a_stale_second_decision(lab):
    from verification.models import Commission
    from verification.services.commissions import CommissionError, set_commission_state

    req = _submit(lab["alice"])
    dispatch.forward_request(req, lab["office"], lab["to"])
    first = Commission.objects.get()
    stale = Commission.objects.get()  # a second colleague's page, loaded before the decision
    set_commission_state(first, lab["engineer"], "accepted")
    with pytest.raises(CommissionError):
        set_commission_state(stale, lab["engineer"], "declined", "没有设备")
    assert Commission.objects.get().state == "accepted"
    assert AuditEntry.objects.filter(action="verification.commission.state").count() == 1
