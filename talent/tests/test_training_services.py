"""Training services: capacity and waitlist, organisation enrolment, attendance, exams, feedback."""

from __future__ import annotations

from decimal import Decimal

import pytest

from audit.models import AuditEntry
from core.net import OutgoingURLError
from notifications.models import Notification
from talent.models import Enrolment
from talent.models.training import EnrolmentStatus
from talent.services import training as svc
from talent.services import training_notices as notices
from talent.tests import fixtures_training as fx
from talent.tests.fixtures_training import hold

# Fixtures of the training tests (no conftest.py: the expert-database tests keep theirs).
_roles, _fast_hashing, _fresh_rate_limits = fx._roles, fx._fast_hashing, fx._fresh_rate_limits
make_user, make_org, training = fx.make_user, fx.make_org, fx.training

pytestmark = pytest.mark.django_db


def test_places_fill_then_waitlist_and_a_cancellation_promotes_the_oldest_waiting(
    training, make_user
):
    session = training["session"]
    a, b, c, d = (make_user(n) for n in "abcd")
    assert svc.enrol(session, a).status == EnrolmentStatus.CONFIRMED
    assert svc.enrol(session, b).status == EnrolmentStatus.CONFIRMED
    wait_c = svc.enrol(session, c)
    wait_d = svc.enrol(session, d)
    assert (wait_c.status, wait_d.status) == ("waitlisted", "waitlisted")
    promoted = svc.cancel_enrolment(Enrolment.objects.get(person=a), a, reason="出差")
    assert promoted.pk == wait_c.pk
    wait_c.refresh_from_db(), wait_d.refresh_from_db()
    assert (wait_c.status, wait_d.status) == ("confirmed", "waitlisted")
    assert svc.seats_taken(session) == 2
    kinds = list(
        Notification.objects.filter(recipient=c).order_by("pk").values_list("event_type", flat=True)
    )
    assert kinds == [svc.ENROLLED, svc.PROMOTED]
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"talent.enrolment.cancelled", "talent.enrolment.promoted"} <= actions


def test_leaving_the_waitlist_promotes_nobody(training, make_user):
    session = training["session"]
    people = [make_user(f"p{i}") for i in range(3)]
    for p in people:
        svc.enrol(session, p)
    waiting = Enrolment.objects.get(person=people[2])
    assert svc.cancel_enrolment(waiting, people[2]) is None
    assert svc.seats_taken(session) == 2


def test_enrolling_twice_or_in_a_closed_session_is_refused(training, make_user):
    session, staff = training["session"], training["staff"]
    a = make_user("a", display_name="张三")
    svc.enrol(session, a)
    with pytest.raises(svc.TrainingError, match="张三已报名"):
        svc.enrol(session, a)
    from workflows.services import transition

    transition(session, "closed", staff, "")
    with pytest.raises(svc.TrainingError, match="未开放报名"):
        svc.enrol(session, make_user("b"))
    assert Enrolment.objects.count() == 1


def test_a_cancelled_enrolment_may_enrol_again_at_the_end_of_the_line(training, make_user):
    session = training["session"]
    a, b, c = (make_user(n) for n in "abc")
    first = svc.enrol(session, a)
    svc.enrol(session, b)
    svc.cancel_enrolment(first, a)
    svc.enrol(session, c)
    again = svc.enrol(session, a)
    assert again.status == EnrolmentStatus.WAITLISTED


def test_more_places_go_to_the_waitlist_in_order_and_fewer_than_taken_is_refused(
    training, make_user
):
    session, staff = training["session"], training["staff"]
    people = [make_user(f"p{i}") for i in range(5)]
    for p in people:
        svc.enrol(session, p)
    promoted = svc.set_capacity(staff, session, 4)
    assert [e.person for e in promoted] == people[2:4]
    with pytest.raises(svc.TrainingError, match="4人已占名额"):
        svc.set_capacity(staff, session, 3)
    hold(session, staff)
    with pytest.raises(svc.TrainingError, match="“已举办”状态"):
        svc.set_capacity(staff, session, 10)


def test_an_organisation_admin_enrols_several_members_all_or_none(training, make_user, make_org):
    session = training["session"]
    admin, m1, m2, m3 = (make_user(n) for n in ("orgadmin", "m1", "m2", "m3"))
    outsider = make_user("outsider", display_name="外人")
    org = make_org(admin=admin, members=[m1, m2, m3])
    with pytest.raises(svc.TrainingError, match="外人"):
        svc.enrol_members(session, org, [m1, outsider], actor=admin)
    assert Enrolment.objects.count() == 0
    with pytest.raises(svc.TrainingError, match="管理员"):
        svc.enrol_members(session, org, [m2], actor=m1)
    rows = svc.enrol_members(session, org, [m1, m2, m3], actor=admin)
    assert [r.status for r in rows] == ["confirmed", "confirmed", "waitlisted"]
    assert {r.organization_id for r in rows} == {org.pk}
    assert set(Enrolment.objects.restrict(admin, "view")) == set(rows)
    promoted = svc.cancel_enrolment(rows[0], admin)
    assert promoted == rows[2]


def test_only_the_centre_office_manages_sessions(training, make_user):
    from bodies.services import add_member

    course, other = training["course"], training["other"]
    stranger = make_user("stranger")
    add_member(other, "centre_staff", user=stranger, actor=training["office"])
    with pytest.raises(svc.TrainingError, match="培训管理"):
        svc.set_capacity(stranger, training["session"], 10)
    with pytest.raises(svc.TrainingError):
        svc.create_course(
            stranger, centre=training["centre"], code="X", title="X", level="basic", hours=1
        )

    from django.utils import timezone

    start = timezone.now()
    with pytest.raises(svc.TrainingError):
        svc.create_session(stranger, course, starts_at=start, ends_at=start, capacity=1, place="x")


def test_a_session_link_to_an_internal_address_is_refused(training):
    import datetime

    from django.utils import timezone

    start = timezone.now() + datetime.timedelta(days=1)
    args = {"starts_at": start, "ends_at": start + datetime.timedelta(hours=2), "capacity": 5}
    with pytest.raises(OutgoingURLError):
        svc.create_session(
            training["staff"], training["course"], online_url="http://127.0.0.1:8080/x", **args
        )
    with pytest.raises(svc.TrainingError, match="结束时间"):
        svc.create_session(
            training["staff"], training["course"], place="x", **{**args, "ends_at": start}
        )
    ok = svc.create_session(
        training["staff"], training["course"], online_url="https://93.184.216.34/meet", **args
    )
    assert ok.state == "draft"


def test_attendance_and_exam_scores_decide_who_passed(training, make_user):
    session, staff = training["session"], training["staff"]
    a, b = make_user("a"), make_user("b")
    ea, eb = svc.enrol(session, a), svc.enrol(session, b)
    with pytest.raises(svc.TrainingError, match="开始"):
        svc.record_attendance(staff, session, [ea.pk])
    hold(session, staff)
    for garbage in (["x"], [ea.pk, 999999]):
        with pytest.raises(svc.TrainingError, match="不是本班学员"):
            svc.record_attendance(staff, session, garbage)
    assert svc.record_attendance(staff, session, [ea.pk]) == 1
    ea.refresh_from_db(), eb.refresh_from_db()
    assert (ea.attended, eb.attended) == (True, False)
    with pytest.raises(svc.TrainingError, match="出席"):
        svc.record_exam_score(staff, eb, 90)
    with pytest.raises(svc.TrainingError, match="0"):
        svc.record_exam_score(staff, ea, "120")
    with pytest.raises(svc.TrainingError, match="不是"):
        svc.record_exam_score(staff, ea, "abc")
    svc.record_exam_score(staff, ea, "59.9")
    assert not ea.passed
    svc.record_exam_score(staff, ea, "60")
    assert ea.passed and ea.exam_score == Decimal("60.0")


def test_feedback_once_per_attendee_and_aggregated(training, make_user):
    session, staff = training["session"], training["staff"]
    a, b = make_user("a"), make_user("b")
    ea, eb = svc.enrol(session, a), svc.enrol(session, b)
    hold(session, staff)
    svc.record_attendance(staff, session, [ea.pk, eb.pk])
    ea.refresh_from_db(), eb.refresh_from_db()
    full = dict.fromkeys(svc.QUESTIONS, 5)
    with pytest.raises(svc.TrainingError, match="1"):
        svc.submit_feedback(ea, a, {**full, "teacher": 9})
    with pytest.raises(svc.TrainingError):
        svc.submit_feedback(ea, b, full)
    svc.submit_feedback(ea, a, full, "很好")
    svc.submit_feedback(eb, b, {**full, "teacher": 2})
    with pytest.raises(svc.TrainingError, match="已"):
        svc.submit_feedback(ea, a, full)
    summary = svc.feedback_summary(session)
    teacher = next(q for q in summary["questions"] if q["key"] == "teacher")
    assert summary["responses"] == 2 and summary["comments"] == ["很好"]
    assert teacher["average"] == 3.5 and teacher["counts"] == [0, 1, 0, 0, 1]


def test_reminders_go_once_to_confirmed_participants_of_sessions_within_a_day(training, make_user):
    import datetime

    from django.utils import timezone

    session = training["session"]
    a, b, c = (make_user(n) for n in "abc")
    for p in (a, b, c):
        svc.enrol(session, p)
    assert notices.send_session_reminders() == 0  # a week ahead
    later = session.starts_at - datetime.timedelta(hours=2)
    assert notices.send_session_reminders(later) == 2
    assert notices.send_session_reminders(later) == 0
    assert not Notification.objects.filter(recipient=c, event_type=svc.REMINDER).exists()
    assert notices.send_session_reminders(timezone.now() + datetime.timedelta(days=30)) == 0


def test_course_topics_must_be_ics_codes(training):
    with pytest.raises(svc.TrainingError, match="不是ICS分类号：1.2、abc"):
        svc.create_course(
            training["staff"],
            centre=training["centre"],
            code="TR-900",
            title="测试",
            level="advanced",
            hours=Decimal("4"),
            ics_codes=["01.120", "abc", "1.2"],
        )
    course = svc.create_course(
        training["staff"],
        centre=training["centre"],
        code="TR-900",
        title="测试",
        level="advanced",
        hours=Decimal("4"),
        ics_codes=[" 03.120.10", "01.120", "01.120"],
    )
    assert course.ics_codes == ["01.120", "03.120.10"]


def test_cancelling_a_session_tells_everyone_enrolled_why(training, make_user):
    from workflows.services import transition

    session, staff = training["session"], training["staff"]
    people = [make_user(f"p{i}") for i in range(3)]
    for p in people:
        svc.enrol(session, p)
    svc.cancel_enrolment(Enrolment.objects.get(person=people[0]), people[0])
    transition(session, "cancelled", staff, "讲师因病无法授课")
    told = Notification.objects.filter(event_type=svc.CANCELLED)
    assert {n.recipient for n in told} == set(people[1:])
    assert {n.body for n in told} == {"讲师因病无法授课"}
