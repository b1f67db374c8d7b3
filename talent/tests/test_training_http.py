"""Training pages and API: enrolment through HTTP, office actions, permissions, verification."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from talent.models import Certificate, Enrolment, TrainingSession
from talent.services import certificates as certs
from talent.services import training as svc
from talent.tests import fixtures_training as fx
from talent.tests.fixtures_training import hold

# Fixtures of the training tests (no conftest.py: the expert-database tests keep theirs).
_roles, _fast_hashing, _fresh_rate_limits = fx._roles, fx._fast_hashing, fx._fresh_rate_limits
make_user, make_org, training = fx.make_user, fx.make_org, fx.training

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"talent:training:{name}", args=args)


def test_the_programme_lists_open_sessions_for_anyone_but_not_drafts(client, training):
    import datetime

    session, staff = training["session"], training["staff"]
    start = session.starts_at + datetime.timedelta(days=3)
    svc.create_session(
        staff,
        training["course"],
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        capacity=3,
        place="草稿班次地点",
    )
    page = client.get(url("index"))
    text = page.content.decode()
    assert page.status_code == 200 and "标准化基础" in text and "草稿班次地点" not in text
    assert "培训计划" in text
    draft = TrainingSession.objects.get(state="draft")
    assert client.get(url("session", draft.pk)).status_code == 404
    partial = client.get(url("index"), {"level": "advanced"}, HTTP_HX_REQUEST="true")
    assert (
        "<html" not in partial.content.decode() and "目前没有开放的班次" in partial.content.decode()
    )


def test_enrol_and_cancel_through_the_page_with_htmx(client, training, make_user):
    session = training["session"]
    person = make_user("learner")
    assert client.post(url("enrol", session.pk)).status_code == 302  # to the sign-in page
    client.force_login(person)
    answer = client.post(url("enrol", session.pk), HTTP_HX_REQUEST="true")
    body = answer.content.decode()
    assert answer.status_code == 200 and "报名成功，名额已确认" in body and "放弃名额" in body
    enrolment = Enrolment.objects.get(person=person)
    again = client.post(url("enrol", session.pk), HTTP_HX_REQUEST="true").content.decode()
    assert "已报名该班次" in again
    answer = client.post(url("cancel", enrolment.pk), HTTP_HX_REQUEST="true")
    assert "报名已取消" in answer.content.decode()
    enrolment.refresh_from_db()
    assert enrolment.status == "cancelled"


def test_someone_else_cannot_cancel_my_enrolment(client, training, make_user):
    mine = svc.enrol(training["session"], make_user("me"))
    client.force_login(make_user("other"))
    assert client.post(url("cancel", mine.pk)).status_code == 404
    mine.refresh_from_db()
    assert mine.status == "confirmed"


def test_an_organisation_admin_enrols_members_on_a_page(client, training, make_user, make_org):
    admin, m1, m2 = make_user("orgadmin"), make_user("m1"), make_user("m2")
    make_org(admin=admin, members=[m1, m2])
    org = admin.memberships.get().organization
    client.force_login(admin)
    page = client.get(url("session", training["session"].pk))
    assert "为本单位成员报名" in page.content.decode()
    form = client.get(url("enrol-members", training["session"].pk))
    assert form.status_code == 200
    answer = client.post(
        url("enrol-members", training["session"].pk),
        {"organization": org.pk, "members": [m1.pk, m2.pk]},
        follow=True,
    )
    assert "已报名2人，其中0人候补" in answer.content.decode()
    assert set(Enrolment.objects.values_list("person__username", flat=True)) == {"m1", "m2"}


def test_the_office_runs_a_session_end_to_end_on_its_pages(client, training, make_user):
    session, staff = training["session"], training["staff"]
    a, b = make_user("a", display_name="王五"), make_user("b", display_name="=HYPERLINK(1)")
    ea, eb = svc.enrol(session, a), svc.enrol(session, b)
    client.force_login(staff)
    page = client.get(url("session", session.pk)).content.decode()
    assert "培训管理" in page and "王五" in page and "截止报名" in page
    hold(session, staff)
    bad = client.post(
        url("attendance", session.pk),
        {"present": [ea.pk, eb.pk], f"score-{ea.pk}": "88", f"score-{eb.pk}": "四十"},
        follow=True,
    )
    assert "“四十”不是有效的分数" in bad.content.decode()
    ea.refresh_from_db()
    assert ea.attended is None and ea.exam_score is None  # nothing saved
    client.post(
        url("attendance", session.pk),
        {"present": [ea.pk, eb.pk], f"score-{ea.pk}": "88", f"score-{eb.pk}": "40"},
    )
    ea.refresh_from_db(), eb.refresh_from_db()
    assert (ea.attended, ea.exam_score, eb.exam_score) == (True, 88, 40)
    answer = client.post(url("certificates", session.pk), follow=True).content.decode()
    assert "已发放1份证书" in answer
    cert = Certificate.objects.get()
    assert cert.holder == a
    page = client.get(url("session", session.pk)).content.decode()
    assert f"撤销 {cert.number}" in page and "已举办" in page and 'value="88.0"' in page
    export = client.get(url("export", session.pk))
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(io.BytesIO(export.content)).active.values)
    assert rows[0][0] == "姓名" and len(rows) == 3
    names = {r[0] for r in rows[1:]}
    assert "王五" in names and "'=HYPERLINK(1)" in names  # formula-safe
    from audit.models import AuditEntry

    assert AuditEntry.objects.filter(action="talent.session.exported", actor_id=staff.pk).exists()
    client.post(url("certificate-revoke", cert.pk), {"reason": "冒名顶替"})
    cert.refresh_from_db()
    assert cert.revoked and cert.revocation_reason == "冒名顶替"
    page = client.get(url("session", session.pk)).content.decode()
    assert f"撤销 {cert.number}" not in page and "已撤销" in page


def test_people_outside_the_office_cannot_reach_office_actions(client, training, make_user):
    session = training["session"]
    learner = make_user("learner")
    svc.enrol(session, learner)
    client.force_login(learner)
    page = client.get(url("session", session.pk)).content.decode()
    assert "培训管理" not in page
    for name in ("attendance", "certificates", "capacity", "transition"):
        assert client.post(url(name, session.pk)).status_code == 404
    assert client.get(url("export", session.pk)).status_code == 404
    assert client.get(url("course-create")).status_code == 404
    assert client.get(url("session-create", training["course"].pk)).status_code == 404


def test_feedback_page_and_my_training(client, training, make_user):
    session, staff = training["session"], training["staff"]
    person = make_user("learner")
    enrolment = svc.enrol(session, person)
    hold(session, staff)
    svc.record_attendance(staff, session, [enrolment.pk])
    client.force_login(person)
    data = dict.fromkeys(svc.QUESTIONS, "4")
    bad = client.post(url("feedback", enrolment.pk), {**data, "teacher": "7"})
    assert bad.status_code == 200 and svc.feedback_summary(session)["responses"] == 0
    assert (
        client.post(url("feedback", enrolment.pk), {**data, "comment": "实用"}).status_code == 302
    )
    assert svc.feedback_summary(session)["responses"] == 1
    svc.record_exam_score(staff, enrolment, 75)
    certs.issue_certificates(staff, session)
    mine = client.get(url("mine")).content.decode()
    assert "培训学时：16.0" in mine and "下载PDF" in mine
    profile = client.get(reverse("accounts:profile")).content.decode()
    assert "培训学时：16.0" in profile and "1份有效证书" in profile
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert "培训学时：16.0" in dashboard
    cert = Certificate.objects.get()
    pdf = client.get(url("certificate-pdf", cert.pk))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    client.force_login(make_user("nosy"))
    assert client.get(url("certificate-pdf", cert.pk)).status_code == 404
    assert client.get(url("feedback", enrolment.pk)).status_code == 404


def test_anyone_verifies_a_certificate_and_is_rate_limited(client, training, make_user, settings):
    session, staff = training["session"], training["staff"]
    person = make_user("learner", display_name="李四光")
    enrolment = svc.enrol(session, person)
    hold(session, staff)
    svc.record_attendance(staff, session, [enrolment.pk])
    svc.record_exam_score(staff, enrolment, 90)
    cert = certs.issue_certificates(staff, session)[0]
    page = client.get(url("verify", cert.code)).content.decode()
    assert "真实有效" in page and "李**" in page and "李四光" not in page and cert.number in page
    typed = client.get(url("verify-form"), {"code": cert.code.lower().replace("-", "")})
    assert typed.status_code == 302 and typed["Location"] == url("verify", cert.code)
    assert "没有与该验证码对应的证书" in client.get(url("verify", "AAAAA")).content.decode()
    certs.revoke_certificate(staff, cert, "信息不实")
    page = client.get(url("verify", cert.code)).content.decode()
    assert "已于" in page and "撤销" in page and "信息不实" in page and "真实有效" not in page
    api = client.get(f"/api/v1/talent/training/verify/{cert.code}/").json()
    assert api["valid"] is False and api["revoked"] is True and api["name"] == "李**"
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "certificate_verify": "2/300"}
    from django.core.cache import cache

    cache.clear()
    assert client.get(url("verify", cert.code)).status_code == 200
    assert client.get(url("verify", cert.code)).status_code == 200
    assert client.get(url("verify", cert.code)).status_code == 429
    assert client.get(f"/api/v1/talent/training/verify/{cert.code}/").status_code == 429


API = "/api/v1/talent/training"


def test_api_lists_enrols_cancels_and_revokes(client, training, make_user):
    session, staff = training["session"], training["staff"]
    courses = client.get(f"{API}/courses/").json()
    assert [c["code"] for c in courses["results"]] == ["TR-101"]
    sessions = client.get(f"{API}/sessions/").json()["results"]
    assert sessions[0]["id"] == session.pk and sessions[0]["taken"] == 0
    assert client.post(f"{API}/sessions/{session.pk}/enrol/").status_code in (401, 403)
    person = make_user("api-user")
    client.force_login(person)
    made = client.post(f"{API}/sessions/{session.pk}/enrol/")
    assert made.status_code == 201 and made.json()["status"] == "confirmed"
    twice = client.post(f"{API}/sessions/{session.pk}/enrol/")
    assert twice.status_code == 400 and "已报名" in str(twice.json())
    mine = client.get(f"{API}/enrolments/").json()["results"]
    assert [e["id"] for e in mine] == [made.json()["id"]]
    other = make_user("other")
    client.force_login(other)
    assert client.get(f"{API}/enrolments/").json()["results"] == []
    assert client.post(f"{API}/enrolments/{made.json()['id']}/cancel/").status_code == 404
    client.force_login(person)
    gone = client.post(f"{API}/enrolments/{made.json()['id']}/cancel/", {"reason": "冲突"})
    assert gone.status_code == 200 and gone.json()["status"] == "cancelled"
    enrolment = svc.enrol(session, person)
    hold(session, staff)
    svc.record_attendance(staff, session, [enrolment.pk])
    svc.record_exam_score(staff, enrolment, 61)
    cert = certs.issue_certificates(staff, session)[0]
    assert client.get(f"{API}/hours/").json() == {"hours": "16.0"}
    listed = client.get(f"{API}/certificates/").json()["results"]
    assert listed[0]["number"] == cert.number and listed[0]["verify_url"].endswith(
        f"/verify/{cert.code}/"
    )
    assert client.post(f"{API}/certificates/{cert.pk}/revoke/", {"reason": "x"}).status_code == 400
    client.force_login(staff)
    empty = client.post(f"{API}/certificates/{cert.pk}/revoke/", {"reason": ""})
    assert empty.status_code == 400 and "撤销理由" in str(empty.json())
    done = client.post(f"{API}/certificates/{cert.pk}/revoke/", {"reason": "错发"})
    assert done.status_code == 200 and done.json()["revoked"] is True
    assert client.get(f"{API}/verify/{cert.code}/").json()["valid"] is False


def test_the_office_creates_a_course_and_a_session_with_forms(client, training):
    staff, centre = training["staff"], training["centre"]
    client.force_login(staff)
    assert "新建课程" in client.get(url("index")).content.decode()
    answer = client.post(
        url("course-create"),
        {
            "centre": centre.pk,
            "code": "TR-201",
            "title": "标准编写规则",
            "level": "intermediate",
            "hours": "8",
            "ics_codes": "01.120, 03.120.10",
            "pass_mark": "",
        },
    )
    course = training["course"].__class__.objects.get(code="TR-201")
    assert answer.status_code == 302 and course.ics_codes == ["01.120", "03.120.10"]
    assert course.pass_mark is None and course.centre == centre
    duplicate = client.post(
        url("course-create"),
        {"centre": centre.pk, "code": "tr-201", "title": "x", "level": "basic", "hours": "1"},
    )
    assert "课程编号“tr-201”已存在" in duplicate.content.decode()
    bad = client.post(
        url("session-create", course.pk),
        {
            "starts_at": "2027-03-01T09:00",
            "ends_at": "2027-03-01T08:00",
            "capacity": "20",
            "place": "北京",
        },
    )
    assert "结束时间必须晚于开始时间" in bad.content.decode()
    assert not course.sessions.exists()
    good = client.post(
        url("session-create", course.pk),
        {
            "starts_at": "2027-03-01T09:00",
            "ends_at": "2027-03-01T17:00",
            "capacity": "20",
            "place": "北京",
        },
    )
    session = course.sessions.get()
    assert good["Location"] == url("session", session.pk) and session.state == "draft"
    refused = client.post(url("transition", session.pk), {"to_state": "cancelled"}, follow=True)
    assert "须填写" in refused.content.decode()
    client.post(url("transition", session.pk), {"to_state": "open"})
    session.refresh_from_db()
    assert session.state == "open"
    client.post(url("capacity", session.pk), {"capacity": "25"})
    session.refresh_from_db()
    assert session.capacity == 25


def test_the_admin_lists_training_read_only(training, make_user):
    from accounts.models import RoleCode
    from accounts.tests.conftest import signed_in

    svc.enrol(training["session"], make_user("learner"))
    admin = signed_in(make_user("root", roles=[RoleCode.SYSTEM_ADMIN]))
    for model in ("course", "trainingsession", "enrolment", "certificate", "feedback"):
        assert admin.get(f"/admin/talent/{model}/").status_code == 200
    assert admin.get("/admin/talent/course/add/").status_code == 403
    course = training["course"]
    assert (
        admin.post(f"/admin/talent/course/{course.pk}/delete/", {"post": "yes"}).status_code == 403
    )
    assert type(course).objects.filter(pk=course.pk).exists()


def test_the_hourly_task_sends_the_reminders(training, make_user):
    import datetime

    from django.utils import timezone

    from notifications.models import Notification
    from talent.tasks_training import remind_training_sessions

    session = training["session"]
    svc.enrol(session, make_user("learner"))
    TrainingSession.objects.filter(pk=session.pk).update(
        starts_at=timezone.now() + datetime.timedelta(hours=3)
    )
    remind_training_sessions.call_local()
    assert Notification.objects.filter(event_type=svc.REMINDER).count() == 1


def test_api_for_the_office_attendance_scores_certificates_feedback(client, training, make_user):
    session, staff = training["session"], training["staff"]
    a, b = make_user("a"), make_user("b")
    ea, eb = svc.enrol(session, a), svc.enrol(session, b)
    client.force_login(a)
    denied = client.post(f"{API}/sessions/{session.pk}/attendance/", {"present": [ea.pk]})
    assert denied.status_code == 404
    client.force_login(staff)
    early = client.post(
        f"{API}/sessions/{session.pk}/attendance/",
        {"present": [ea.pk]},
        content_type="application/json",
    )
    assert early.status_code == 400 and "班次开始后" in str(early.json())
    TrainingSession.objects.filter(pk=session.pk).update(
        starts_at=session.starts_at.replace(year=2020), ends_at=session.ends_at.replace(year=2020)
    )
    held = client.post(
        f"{API}/sessions/{session.pk}/transition/",
        {"to_state": "finished"},
        content_type="application/json",
    )
    assert held.status_code == 200 and held.json()["state"] == "finished"
    marked = client.post(
        f"{API}/sessions/{session.pk}/attendance/",
        {"present": [ea.pk, eb.pk], "scores": {str(ea.pk): "70", str(eb.pk): "30"}},
        content_type="application/json",
    )
    assert [(r["attended"], r["passed"]) for r in marked.json()] == [(True, True), (True, False)]
    issued = client.post(f"{API}/sessions/{session.pk}/certificates/")
    assert issued.status_code == 201 and [c["holder_name"] for c in issued.json()] == ["a"]
    client.force_login(b)
    answers = {"ratings": dict.fromkeys(svc.QUESTIONS, 3), "comment": "一般"}
    sent = client.post(
        f"{API}/enrolments/{eb.pk}/feedback/", answers, content_type="application/json"
    )
    assert sent.status_code == 201
    again = client.post(
        f"{API}/enrolments/{eb.pk}/feedback/", answers, content_type="application/json"
    )
    assert again.status_code == 400
    assert svc.feedback_summary(session)["responses"] == 1
