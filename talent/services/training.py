"""Training services: courses, sessions, enrolment with a waitlist, attendance, exams, feedback."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.services import log_action
from bodies.scopes import has_body_permission
from core.exceptions import DomainError
from core.net import check_outgoing_url
from notifications.services import Message, notify
from talent.models import Course, Enrolment, Feedback, TrainingSession
from talent.models.training import ACTIVE_STATUSES, EnrolmentStatus, Level

ENROLLED = "talent.training_enrolled"
PROMOTED = "talent.training_promoted"
REMINDER = "talent.training_reminder"
CANCELLED = "talent.training_cancelled"
#: How long before a session starts its participants are reminded.
REMINDER_AHEAD = datetime.timedelta(hours=24)
#: The questionnaire every session's participants answer (ratings 1–5).
QUESTIONS = {
    "content": gettext_lazy("The content met my needs"),
    "teacher": gettext_lazy("The teacher explained clearly"),
    "materials": gettext_lazy("The materials were useful"),
    "organisation": gettext_lazy("The session was well organised"),
}
ICS_CODE = re.compile(r"^\d{2}(\.\d{3}(\.\d{2})?)?$")
MANAGE_PERMISSIONS = tuple(
    f"talent.{action}_{model}"
    for model in ("course", "trainingsession", "enrolment", "feedback", "certificate")
    for action in ("view", "add", "change")
)


class TrainingError(DomainError):
    """A training rule was broken (full session, wrong state, not attended...)."""


def register() -> None:
    """Declare the training notifications and the permissions of the office and centre staff."""
    from core.roles import grant_by_default
    from notifications.registry import EventType, register_event_type

    for code, label in (
        (ENROLLED, gettext_lazy("Training enrolment")),
        (PROMOTED, gettext_lazy("Place from the training waitlist")),
        (REMINDER, gettext_lazy("Training session reminder")),
        (CANCELLED, gettext_lazy("Training session cancelled")),
    ):
        register_event_type(EventType(code, label, default_channels=frozenset({"email"})))
    grant_by_default("base_office", *MANAGE_PERMISSIONS)
    grant_by_default("centre_staff", *MANAGE_PERMISSIONS)


def _require(actor, permission: str, centre) -> None:
    if not has_body_permission(actor, permission, centre):
        raise TrainingError(_("Only the training office of this centre may do this."))


def _require_change(actor, obj) -> None:
    if not type(obj).objects.restrict(actor, "change").filter(pk=obj.pk).exists():
        raise TrainingError(_("Only the training office of this centre may do this."))


# -- courses and sessions ------------------------------------------------------------------


def create_course(
    actor,
    *,
    centre,
    code: str,
    title: str,
    level: str,
    hours: Decimal,
    ics_codes: Iterable[str] = (),
    description: str = "",
    pass_mark: int | None = None,
    request=None,
) -> Course:
    """Add a course to a centre's programme (the centre's training office only)."""
    _require(actor, "talent.add_course", centre)
    if level not in Level.values:
        raise TrainingError(_("Unknown course level."))
    if hours is None or Decimal(hours) <= 0:
        raise TrainingError(_("A course needs a positive number of hours."))
    if pass_mark is not None and not 0 <= int(pass_mark) <= 100:
        raise TrainingError(_("The pass mark is a score between 0 and 100."))
    topics = sorted({c.strip() for c in ics_codes if c.strip()})
    wrong = [c for c in topics if not ICS_CODE.match(c)]
    if wrong:
        raise TrainingError(
            _("Not ICS codes: %(codes)s (write them as 01.120 or 03.120.10).")
            % {"codes": "、".join(wrong)}
        )
    code = code.strip()
    if not code or not title.strip():
        raise TrainingError(_("A course needs a code and a title."))
    if Course.objects.filter(code__iexact=code).exists():
        raise TrainingError(_("A course with the code “%(code)s” exists already.") % {"code": code})
    with transaction.atomic():
        course = Course.objects.create(
            centre=centre,
            code=code,
            title=title.strip(),
            level=level,
            hours=hours,
            ics_codes=topics,
            description=description,
            pass_mark=pass_mark,
        )
        log_action(
            "talent.course.created",
            actor=actor,
            obj=course,
            after={"code": course.code, "hours": str(course.hours), "pass_mark": pass_mark},
            request=request,
        )
    return course


def create_session(
    actor,
    course: Course,
    *,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    capacity: int,
    place: str = "",
    online_url: str = "",
    title: str = "",
    request=None,
) -> TrainingSession:
    """Schedule a run of a course, in a place or online (the link's host must be public)."""
    _require(actor, "talent.add_trainingsession", course.centre)
    if ends_at <= starts_at:
        raise TrainingError(_("A session must end after it starts."))
    if capacity < 1:
        raise TrainingError(_("A session needs at least one place."))
    place, online_url = place.strip(), online_url.strip()
    if not place and not online_url:
        raise TrainingError(_("Give a place or an online link."))
    if online_url:
        check_outgoing_url(online_url)
    with transaction.atomic():
        session = TrainingSession.objects.create(
            course=course,
            title=title.strip(),
            starts_at=starts_at,
            ends_at=ends_at,
            capacity=capacity,
            place=place,
            online_url=online_url,
        )
        log_action(
            "talent.session.created",
            actor=actor,
            obj=session,
            after={"course": course.code, "capacity": capacity, "starts_at": str(starts_at)},
            request=request,
        )
    return session


def set_capacity(actor, session: TrainingSession, capacity: int, *, request=None) -> list:
    """Change the number of places; new places go to the waitlist in order (returns them)."""
    _require_change(actor, session)
    with transaction.atomic():
        locked = TrainingSession.objects.select_for_update().get(pk=session.pk)
        if locked.state not in ("draft", "open", "closed"):
            raise TrainingError(
                _("The places of a session in the state “%(state)s” cannot be changed.")
                % {"state": locked.state_label}
            )
        confirmed = locked.enrolments.filter(status=EnrolmentStatus.CONFIRMED).count()
        if capacity < max(confirmed, 1):
            raise TrainingError(
                _("%(n)d people hold a place: the session cannot have fewer places.")
                % {"n": confirmed}
            )
        before = locked.capacity
        locked.capacity = capacity
        locked.save(update_fields=["capacity"])
        log_action(
            "talent.session.capacity_changed",
            actor=actor,
            obj=locked,
            before={"capacity": before},
            after={"capacity": capacity},
            request=request,
        )
        promoted = _fill_places(locked, request=request)
    session.capacity = capacity
    return promoted


# -- enrolment -----------------------------------------------------------------------------


def seats_taken(session: TrainingSession) -> int:
    """How many places are held."""
    return session.enrolments.filter(status=EnrolmentStatus.CONFIRMED).count()


def _notify_place(enrolment: Enrolment, event: str) -> None:
    session = enrolment.session
    if event == PROMOTED:
        title = _("You have a place in “%(session)s”") % {"session": session}
        body = _("A place became free and was given to you from the waitlist.")
    elif enrolment.status == EnrolmentStatus.CONFIRMED:
        title = _("Enrolled in “%(session)s”") % {"session": session}
        body = _("Your place is confirmed. The session starts %(start)s.") % {
            "start": timezone.localtime(session.starts_at).strftime("%Y-%m-%d %H:%M")
        }
    else:
        title = _("On the waitlist of “%(session)s”") % {"session": session}
        body = _("The session is full; you will be told when a place becomes free.")
    notify(
        event,
        [enrolment.person],
        session,
        Message(title, body, session.get_absolute_url()),
        data={"session": session.pk, "enrolment": enrolment.pk, "status": enrolment.status},
        dedupe_key=f"training-enrolment:{enrolment.pk}:{event}",
    )


def _enrol_locked(session, person, *, actor, organization, request) -> Enrolment:
    if Enrolment.objects.filter(
        session=session, person=person, status__in=ACTIVE_STATUSES
    ).exists():
        raise TrainingError(
            _("%(name)s is already enrolled in this session.") % {"name": display_name(person)}
        )
    full = seats_taken(session) >= session.capacity
    enrolment = Enrolment.objects.create(
        session=session,
        person=person,
        organization=organization,
        enrolled_by=actor,
        status=EnrolmentStatus.WAITLISTED if full else EnrolmentStatus.CONFIRMED,
        queued_at=timezone.now(),
    )
    log_action(
        "talent.enrolment.created",
        actor=actor,
        obj=enrolment,
        after={
            "session": session.pk,
            "person": person.pk,
            "status": enrolment.status,
            "organization": organization.pk if organization else None,
        },
        request=request,
    )
    _notify_place(enrolment, ENROLLED)
    return enrolment


def _lock_open_session(session: TrainingSession) -> TrainingSession:
    locked = TrainingSession.objects.select_for_update().select_related("course").get(pk=session.pk)
    if locked.state != "open":
        raise TrainingError(
            _("This session is not open for enrolment (%(state)s).") % {"state": locked.state_label}
        )
    return locked


def enrol(session: TrainingSession, person, *, request=None) -> Enrolment:
    """Enrol oneself: a place while there is one, else the end of the waitlist."""
    if person is None or not person.is_authenticated:
        raise TrainingError(_("Please sign in first."))
    with transaction.atomic():
        locked = _lock_open_session(session)
        return _enrol_locked(locked, person, actor=person, organization=None, request=request)


def enrol_members(
    session: TrainingSession, organization, people: Iterable, *, actor, request=None
) -> list[Enrolment]:
    """An organisation's admin enrols several of its members at once (all or none)."""
    from accounts.models import Membership

    people = list(dict.fromkeys(people))
    if not people:
        raise TrainingError(_("Choose at least one member to enrol."))
    if not Membership.objects.filter(
        organization=organization, user=actor, role=Membership.Role.ADMIN
    ).exists():
        raise TrainingError(_("Only an administrator of the organisation may enrol its members."))
    members = set(
        Membership.objects.filter(organization=organization, user__in=people).values_list(
            "user_id", flat=True
        )
    )
    strangers = [display_name(p) for p in people if p.pk not in members]
    if strangers:
        raise TrainingError(
            _("Not members of %(org)s: %(names)s.")
            % {"org": organization.name, "names": "、".join(strangers)}
        )
    with transaction.atomic():
        locked = _lock_open_session(session)
        return [
            _enrol_locked(locked, person, actor=actor, organization=organization, request=request)
            for person in people
        ]


def _fill_places(session: TrainingSession, *, request=None) -> list[Enrolment]:
    """Give free places to the waitlist, oldest first (the session row is locked)."""
    free = session.capacity - seats_taken(session)
    if free <= 0:
        return []
    promoted = list(
        session.enrolments.filter(status=EnrolmentStatus.WAITLISTED).order_by("queued_at", "pk")[
            :free
        ]
    )
    now = timezone.now()
    for enrolment in promoted:
        enrolment.status = EnrolmentStatus.CONFIRMED
        enrolment.queued_at = now
        enrolment.save(update_fields=["status", "queued_at"])
        log_action(
            "talent.enrolment.promoted",
            obj=enrolment,
            before={"status": EnrolmentStatus.WAITLISTED},
            after={"status": EnrolmentStatus.CONFIRMED},
            request=request,
        )
        _notify_place(enrolment, PROMOTED)
    return promoted


def may_cancel(enrolment: Enrolment, actor) -> bool:
    """The person, the organisation admin who enrolled them, or the training office."""
    if actor is None or not actor.is_authenticated:
        return False
    if enrolment.person_id == actor.pk:
        return True
    if Enrolment.objects.restrict(actor, "change").filter(pk=enrolment.pk).exists():
        return True
    return enrolment.organization_id is not None and (
        Enrolment.objects.restrict(actor, "view").filter(pk=enrolment.pk).exists()
    )


def cancel_enrolment(
    enrolment: Enrolment, actor, *, reason: str = "", request=None
) -> Enrolment | None:
    """Give up a place or leave the waitlist; a freed place goes to the next in line (returned)."""
    if not may_cancel(enrolment, actor):
        raise TrainingError(_("You cannot cancel this enrolment."))
    with transaction.atomic():
        session = TrainingSession.objects.select_for_update().get(pk=enrolment.session_id)
        current = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
        if current.status == EnrolmentStatus.CANCELLED:
            raise TrainingError(_("This enrolment is already cancelled."))
        if session.state not in ("open", "closed"):
            raise TrainingError(
                _("Enrolments of a session in the state “%(state)s” cannot be cancelled.")
                % {"state": session.state_label}
            )
        before = current.status
        current.status = EnrolmentStatus.CANCELLED
        current.cancelled_at = timezone.now()
        current.save(update_fields=["status", "cancelled_at"])
        log_action(
            "talent.enrolment.cancelled",
            actor=actor,
            obj=current,
            before={"status": before},
            after={"status": current.status},
            detail=reason[:300],
            request=request,
        )
        promoted = _fill_places(session, request=request)
    enrolment.refresh_from_db()
    return promoted[0] if promoted else None


# -- attendance, exams, feedback -----------------------------------------------------------


def _require_held(session: TrainingSession) -> None:
    if session.state == "finished":
        return
    if session.state in ("open", "closed") and session.starts_at <= timezone.now():
        return
    raise TrainingError(_("Attendance and exams are recorded once the session has begun."))


def record_attendance(
    actor, session: TrainingSession, present: Iterable[int], *, request=None
) -> int:
    """Mark who of the confirmed participants attended (the others absent); returns present."""
    _require_change(actor, session)
    _require_held(session)
    try:
        present_ids = {int(pk) for pk in present}
    except (TypeError, ValueError):
        raise TrainingError(_("Some of the people marked are not participants.")) from None
    with transaction.atomic():
        rows = list(session.enrolments.select_for_update().filter(status=EnrolmentStatus.CONFIRMED))
        unknown = present_ids - {e.pk for e in rows}
        if unknown:
            raise TrainingError(_("Some of the people marked are not participants."))
        for enrolment in rows:
            enrolment.attended = enrolment.pk in present_ids
        Enrolment.objects.bulk_update(rows, ["attended"])
        log_action(
            "talent.session.attendance_recorded",
            actor=actor,
            obj=session,
            after={"present": sorted(present_ids), "absent": len(rows) - len(present_ids)},
            request=request,
        )
    return len(present_ids)


def record_results(
    actor, session: TrainingSession, present: Iterable, scores: dict, *, request=None
) -> int:
    """Attendance and exam scores together: a bad score saves nothing (returns present)."""
    for raw in scores.values():
        if str(raw).strip():
            parse_score(raw)
    with transaction.atomic():
        count = record_attendance(actor, session, present, request=request)
        rows = session.enrolments.filter(pk__in=[int(k) for k in scores if str(k).isdigit()])
        for enrolment in rows.filter(attended=True):
            raw = str(scores.get(str(enrolment.pk), scores.get(enrolment.pk, ""))).strip()
            if raw:
                record_exam_score(actor, enrolment, raw, request=request)
    return count


def parse_score(value) -> Decimal:
    """A score out of 100 from what a person typed, or a TrainingError."""
    try:
        score = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise TrainingError(_("“%(value)s” is not a score.") % {"value": value}) from None
    if not score.is_finite() or not Decimal(0) <= score <= Decimal(100):
        raise TrainingError(_("A score lies between 0 and 100."))
    return score.quantize(Decimal("0.1"))


def record_exam_score(actor, enrolment: Enrolment, score, *, request=None) -> Enrolment:
    """Enter a participant's exam score (only for courses with an exam, only if attended)."""
    session = TrainingSession.objects.select_related("course").get(pk=enrolment.session_id)
    _require_change(actor, session)
    _require_held(session)
    if not session.course.has_exam:
        raise TrainingError(_("This course has no exam."))
    value = parse_score(score)
    with transaction.atomic():
        current = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
        if current.status != EnrolmentStatus.CONFIRMED or not current.attended:
            raise TrainingError(_("Only participants who attended can sit the exam."))
        before = current.exam_score
        current.exam_score = value
        current.save(update_fields=["exam_score"])
        log_action(
            "talent.enrolment.exam_scored",
            actor=actor,
            obj=current,
            before={"score": str(before) if before is not None else None},
            after={"score": str(value), "passed": current.passed},
            request=request,
        )
    enrolment.refresh_from_db()
    return enrolment


def submit_feedback(
    enrolment: Enrolment, person, ratings: dict, comment: str = "", *, request=None
) -> Feedback:
    """A participant who attended answers the questionnaire once."""
    if enrolment.person_id != getattr(person, "pk", None):
        raise TrainingError(_("Only the participant can give this feedback."))
    enrolment.refresh_from_db()
    if not enrolment.attended:
        raise TrainingError(_("Feedback is asked of participants who attended."))
    if Feedback.objects.filter(enrolment=enrolment).exists():
        raise TrainingError(_("You have already given feedback on this session."))
    clean = {}
    for key in QUESTIONS:
        try:
            value = int(ratings.get(key))
        except (TypeError, ValueError):
            value = 0
        if not 1 <= value <= 5:
            raise TrainingError(
                _("Rate “%(question)s” from 1 to 5.") % {"question": QUESTIONS[key]}
            )
        clean[key] = value
    with transaction.atomic():
        feedback = Feedback.objects.create(
            enrolment=enrolment, ratings=clean, comment=comment.strip()[:4000]
        )
        log_action(
            "talent.feedback.submitted", actor=person, obj=enrolment, after=clean, request=request
        )
    return feedback


def feedback_summary(session: TrainingSession) -> dict:
    """The questionnaire's results: per question the average and the count of each rating."""
    answers = list(Feedback.objects.filter(enrolment__session=session))
    questions = []
    for key, label in QUESTIONS.items():
        values = [a.ratings.get(key) for a in answers if a.ratings.get(key)]
        questions.append(
            {
                "key": key,
                "label": str(label),
                "average": round(sum(values) / len(values), 2) if values else None,
                "counts": [values.count(n) for n in range(1, 6)],
            }
        )
    return {
        "responses": len(answers),
        "questions": questions,
        "comments": [a.comment for a in answers if a.comment],
    }


# -- reminders and hours -------------------------------------------------------------------


def training_hours(user) -> Decimal:
    """The person's training hours: the sum of their certificates that are not revoked."""
    from talent.models import Certificate

    if user is None or not user.is_authenticated:
        return Decimal("0.0")
    total = Certificate.objects.valid().filter(holder=user).aggregate(total=Sum("hours"))
    return Decimal(total["total"] or 0).quantize(Decimal("0.1"))


def session_counts(sessions) -> dict[int, dict]:
    """Places taken and waitlist length of each session, in one query."""
    rows = (
        Enrolment.objects.filter(session__in=sessions)
        .values("session")
        .annotate(
            taken=Count("pk", filter=Q(status=EnrolmentStatus.CONFIRMED)),
            waiting=Count("pk", filter=Q(status=EnrolmentStatus.WAITLISTED)),
        )
    )
    return {r["session"]: r for r in rows}


def display_name(user) -> str:
    """The name printed for a person: display name, else username."""
    return (getattr(user, "display_name", "") or user.get_username()).strip()
