import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from audit.models import AuditEntry
from catalog.tests.factories import ReplacementFactory, StandardFactory
from consulting.models import ServiceRequest
from consulting.services import requests as desk_services
from consulting.services.requests import RequestError
from consulting.services.sla import warn_due_requests
from consulting.services.statistics import monthly_service_statistics
from core.uploads import UploadError
from notifications.models import Notification
from workflows.services import TransitionRefused

pytestmark = pytest.mark.django_db


def _submit(user, **kw):
    values = {
        "kind": "advice",
        "title": "电动汽车充电桩适用哪些标准",
        "question": "请列出现行标准。",
    }
    return desk_services.submit_request(user, **(values | kw))


def test_submission_sets_number_due_times_and_tells_the_desk(desk):
    req = _submit(desk["alice"], files=[SimpleUploadedFile("清单.txt", b"GB/T 1-2020")])
    assert req.number == f"ZX{timezone.now():%Y}00001"
    assert req.due_at - req.created_at == datetime.timedelta(hours=72)
    assert req.attachments.get().filename == "清单.txt"
    assert Notification.objects.filter(
        recipient=desk["office"], event_type="consulting.request_submitted"
    ).exists()
    assert AuditEntry.objects.filter(action="consulting.request.submitted").count() == 1
    assert _submit(desk["bob"]).number.endswith("00002")


def test_bad_attachment_is_refused_and_nothing_is_kept(desk):
    fake = SimpleUploadedFile("report.pdf", b"not a pdf at all")
    with pytest.raises(UploadError):
        _submit(desk["alice"], files=[fake])
    assert not ServiceRequest.objects.exists()


def test_novelty_request_runs_a_preliminary_check(desk):
    old = StandardFactory(designation="GB/T 19001-2008", status="replaced")
    new = StandardFactory(designation="GB/T 19001-2016")
    ReplacementFactory(predecessor=old, successor=new)
    req = _submit(desk["alice"], kind="novelty", question="GB/T 19001-2008\nGB/T 19001-2016")
    verdicts = {row["designation"]: row["verdict"] for row in req.novelty}
    assert verdicts == {"GB/T 19001-2008": "replaced", "GB/T 19001-2016": "current"}
    assert req.due_at - req.created_at == datetime.timedelta(hours=24)


def test_triage_assign_answer_rate_and_faq(desk):
    req = _submit(desk["alice"])
    office, expert, alice = desk["office"], desk["expert"], desk["alice"]
    with pytest.raises(TransitionRefused):
        desk_services.triage_request(req, alice, priority=1)
    desk_services.triage_request(req, office, centre=desk["centre"], priority=1)
    assert req.state == "triaged" and req.first_response_at is not None
    desk_services.assign_request(req, office, assignee=expert)
    assert ServiceRequest.objects.restrict(expert).filter(pk=req.pk).exists()
    assert not ServiceRequest.objects.restrict(desk["bob"]).filter(pk=req.pk).exists()
    # The centre's staff sees the request of its centre.
    assert ServiceRequest.objects.restrict(desk["staff"], "change").filter(pk=req.pk).exists()
    desk_services.post_message(req, expert, "内部：先查 GB/T 18487", internal=True)
    with pytest.raises(RequestError):
        desk_services.post_message(req, alice, "x", internal=True)
    with pytest.raises(RequestError):
        desk_services.post_message(req, desk["bob"], "我也想问")
    desk_services.answer_request(req, expert, "适用 GB/T 18487.1-2023 等。")
    assert req.state == "answered" and req.answered_at
    with pytest.raises(RequestError):
        desk_services.publish_faq(req, office, "q", "a")  # not allowed by the requester yet
    with pytest.raises(RequestError):
        desk_services.rate_request(req, alice, 9)
    desk_services.rate_request(req, alice, 4, "很及时", allow_publish=True)
    desk_services.publish_faq(req, office, "充电桩适用哪些标准？", "GB/T 18487.1-2023 等。")
    assert [e.faq_question for e in desk_services.public_faq()] == ["充电桩适用哪些标准？"]
    # Withdrawing the permission takes the entry off the FAQ.
    desk_services.rate_request(req, alice, 4, allow_publish=False)
    assert list(desk_services.public_faq()) == []
    desk_services.close_request(req, alice)
    assert req.state == "closed"
    with pytest.raises(RequestError):
        desk_services.post_message(req, alice, "还有一个问题")


def test_reopen_needs_a_reason_from_the_requester(desk):
    req = _submit(desk["alice"])
    desk_services.assign_request(req, desk["office"], assignee=desk["expert"])
    desk_services.answer_request(req, desk["expert"], "答复")
    with pytest.raises(TransitionRefused):
        desk_services.reopen_request(req, desk["alice"], "")
    desk_services.reopen_request(req, desk["alice"], "没有回答第二个问题")
    assert req.state == "assigned" and req.answered_at is None


def test_sla_warning_then_overdue_once(desk):
    req = _submit(desk["alice"])
    desk_services.assign_request(req, desk["office"], assignee=desk["expert"])
    assert warn_due_requests(now=req.created_at) == {"warned": 0, "overdue": 0}
    near = req.due_at - datetime.timedelta(hours=2)
    assert warn_due_requests(now=near) == {"warned": 1, "overdue": 0}
    assert warn_due_requests(now=near) == {"warned": 0, "overdue": 0}
    late = req.due_at + datetime.timedelta(minutes=1)
    assert warn_due_requests(now=late) == {"warned": 0, "overdue": 1}
    assert warn_due_requests(now=late) == {"warned": 0, "overdue": 0}
    notes = Notification.objects.filter(
        recipient=desk["expert"], event_type="consulting.sla_warning"
    )
    assert notes.count() == 2


def test_monthly_statistics(desk):
    now = timezone.now()
    a = _submit(desk["alice"])
    b = _submit(desk["bob"], kind="training", title="培训", question="需要内审员培训")
    desk_services.assign_request(a, desk["office"], assignee=desk["expert"])
    desk_services.answer_request(a, desk["expert"], "答复")
    desk_services.rate_request(a, desk["alice"], 5)
    ServiceRequest.objects.filter(pk=b.pk).update(
        created_at=now - datetime.timedelta(days=40), due_at=now - datetime.timedelta(days=35)
    )
    stats = monthly_service_statistics(timezone.localdate().year, timezone.localdate().month)
    advice = next(k for k in stats.kinds if k.kind == "advice")
    assert (advice.submitted, advice.answered, advice.answered_in_time) == (1, 1, 1)
    assert advice.mean_rating == 5.0 and advice.ratings == 1
    assert stats.total.submitted == 1  # the training request belongs to an earlier month
