"""Training pages: programme, sessions, enrolment, office lists, certificates, verification."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.exceptions import DomainError
from core.htmx import is_htmx, pick_template
from core.ratelimit import ratelimit
from talent.forms_training import (
    CapacityForm,
    CourseForm,
    FeedbackForm,
    MembersForm,
    ReasonForm,
    SessionForm,
)
from talent.models import Certificate, Course, Enrolment, TrainingSession
from talent.models.training import ACTIVE_STATUSES, EnrolmentStatus, Level
from talent.services import certificates, training, training_exports
from workflows.services import available_transitions, history, transition

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _get(queryset, pk: int, user, action: str = "view"):
    obj = queryset.restrict(user, action).filter(pk=pk).first()
    if obj is None:
        raise Http404(_("Not found."))
    return obj


def _managed(user, obj) -> bool:
    return type(obj).objects.restrict(user, "change").filter(pk=obj.pk).exists()


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """The programme: upcoming sessions (filter by level or text) and all courses."""
    level = request.GET.get("level", "")
    text = request.GET.get("q", "").strip()
    sessions = (
        TrainingSession.objects.restrict(request.user, "view")
        .published()
        .filter(state__in=("open", "closed"), ends_at__gte=timezone.now())
        .select_related("course")
    )
    courses = Course.objects.restrict(request.user, "view")
    if level in Level.values:
        sessions, courses = sessions.filter(course__level=level), courses.filter(level=level)
    if text:
        sessions = sessions.filter(course__title__icontains=text)
        courses = courses.filter(title__icontains=text)
    sessions = list(sessions[:100])
    counts = training.session_counts(sessions)
    for session in sessions:
        session.taken = counts.get(session.pk, {}).get("taken", 0)
        session.free = max(session.capacity - session.taken, 0)
    context = {
        "sessions": sessions,
        "courses": courses[:200],
        "levels": Level.choices,
        "level": level,
        "q": text,
        "may_add": request.user.is_authenticated
        and bool(_centres_for(request.user, "talent.add_course")),
    }
    template = pick_template(
        request, "talent/training/index.html", "talent/training/partials/programme.html"
    )
    return render(request, template, context)


def _centres_for(user, permission: str):
    from bodies.models import Body
    from bodies.scopes import bodies_with_permission

    if user.has_perm(permission):
        return Body.objects.filter(kind="centre")
    return Body.objects.filter(pk__in=bodies_with_permission(user, permission))


@login_required
def course_create(request: HttpRequest) -> HttpResponse:
    """The office adds a course."""
    centres = _centres_for(request.user, "talent.add_course")
    if not centres.exists():
        raise Http404(_("Not found."))
    form = CourseForm(request.POST or None, centres=centres)
    if request.method == "POST" and form.is_valid():
        try:
            course = training.create_course(request.user, request=request, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect(course)
    return render(request, "talent/training/form.html", {"form": form, "title": _("New course")})


@require_GET
def course_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A course and its sessions."""
    course = _get(Course.objects, pk, request.user)
    managed = _managed(request.user, course)
    sessions = course.sessions.all() if managed else course.sessions.published()
    return render(
        request,
        "talent/training/course.html",
        {"course": course, "sessions": sessions, "managed": managed},
    )


@login_required
def session_create(request: HttpRequest, pk: int) -> HttpResponse:
    """The office schedules a run of a course."""
    course = _get(Course.objects, pk, request.user, "change")
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            session = training.create_session(
                request.user, course, request=request, **form.cleaned_data
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect(session)
    title = _("New session of %(course)s") % {"course": course.title}
    return render(request, "talent/training/form.html", {"form": form, "title": title})


def _enrol_context(request: HttpRequest, session: TrainingSession) -> dict:
    mine = None
    if request.user.is_authenticated:
        mine = session.enrolments.filter(person=request.user, status__in=ACTIVE_STATUSES).first()
    taken = training.seats_taken(session)
    waiting = session.enrolments.filter(status=EnrolmentStatus.WAITLISTED)
    position = None
    if mine is not None and mine.status == EnrolmentStatus.WAITLISTED:
        position = waiting.filter(queued_at__lte=mine.queued_at, pk__lte=mine.pk).count()
    return {
        "session": session,
        "mine": mine,
        "taken": taken,
        "free": max(session.capacity - taken, 0),
        "waiting": waiting.count(),
        "position": position,
    }


@require_GET
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A session: enrolment for people; lists, attendance, exams and certificates for the office."""
    session = _get(TrainingSession.objects.select_related("course"), pk, request.user)
    managed = _managed(request.user, session)
    if session.state == "draft" and not managed:
        raise Http404(_("Not found."))
    context = _enrol_context(request, session)
    context["managed"] = managed
    if managed:
        context.update(
            enrolments=session.enrolments.select_related(
                "person", "organization", "certificate"
            ).order_by("status", "queued_at", "pk"),
            transitions=available_transitions(session, request.user),
            history=[
                (
                    e,
                    session.process.state_label(e.from_state),
                    session.process.state_label(e.to_state),
                )
                for e in history(session)
            ],
            summary=training.feedback_summary(session),
            capacity_form=CapacityForm(initial={"capacity": session.capacity}),
            held=session.state == "finished",
        )
    if request.user.is_authenticated:
        context["admin_orgs"] = _admin_orgs(request.user).exists()
    return render(request, "talent/training/session.html", context)


@login_required
@require_POST
def session_enrol(request: HttpRequest, pk: int) -> HttpResponse:
    """Enrol oneself (htmx swaps the enrolment panel)."""
    session = _get(TrainingSession.objects.published(), pk, request.user)
    try:
        enrolment = training.enrol(session, request.user, request=request)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        if enrolment.status == EnrolmentStatus.CONFIRMED:
            messages.success(request, _("You are enrolled; your place is confirmed."))
        else:
            messages.info(request, _("The session is full: you are on the waitlist."))
    return _enrol_panel(request, session)


def _enrol_panel(request: HttpRequest, session: TrainingSession) -> HttpResponse:
    if not is_htmx(request):
        return redirect(session)
    context = {**_enrol_context(request, session), "htmx": True}
    return render(request, "talent/training/partials/enrol.html", context)


@login_required
@require_POST
def enrolment_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """Give up a place or leave the waitlist (the person, their organisation, the office)."""
    enrolment = _get(Enrolment.objects.select_related("session"), pk, request.user)
    try:
        training.cancel_enrolment(
            enrolment, request.user, reason=request.POST.get("reason", ""), request=request
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The enrolment is cancelled."))
    if request.POST.get("next") == "mine":
        return redirect("talent:training:mine")
    return _enrol_panel(request, enrolment.session)


def _admin_orgs(user):
    from accounts.models import Organization

    return Organization.objects.filter(memberships__user=user, memberships__role="admin")


@login_required
def session_enrol_members(request: HttpRequest, pk: int) -> HttpResponse:
    """An organisation admin enrols several members at once."""
    from django.contrib.auth import get_user_model

    session = _get(TrainingSession.objects.published(), pk, request.user)
    orgs = _admin_orgs(request.user)
    members = get_user_model().objects.filter(memberships__organization__in=orgs).distinct()
    form = MembersForm(request.POST or None, organizations=orgs, members=members)
    if request.method == "POST" and form.is_valid():
        try:
            rows = training.enrol_members(
                session,
                form.cleaned_data["organization"],
                list(form.cleaned_data["members"]),
                actor=request.user,
                request=request,
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            waiting = sum(r.status == EnrolmentStatus.WAITLISTED for r in rows)
            messages.success(
                request,
                _("%(n)d people enrolled, %(w)d of them on the waitlist.")
                % {"n": len(rows), "w": waiting},
            )
            return redirect(session)
    title = _("Enrol members in %(session)s") % {"session": session}
    return render(request, "talent/training/form.html", {"form": form, "title": title})


@login_required
@require_POST
def session_transition(request: HttpRequest, pk: int) -> HttpResponse:
    """Open, close, mark as held or cancel a session (the office)."""
    session = _get(TrainingSession.objects, pk, request.user, "change")
    try:
        transition(
            session,
            request.POST.get("to_state", ""),
            request.user,
            request.POST.get("comment", ""),
            request=request,
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect(session)


@login_required
@require_POST
def session_capacity(request: HttpRequest, pk: int) -> HttpResponse:
    """Change the number of places (new places go to the waitlist)."""
    session = _get(TrainingSession.objects, pk, request.user, "change")
    form = CapacityForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter a number of places of at least 1."))
        return redirect(session)
    try:
        promoted = training.set_capacity(
            request.user, session, form.cleaned_data["capacity"], request=request
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("%(n)d people moved up from the waitlist.") % {"n": len(promoted)}
        )
    return redirect(session)


@login_required
@require_POST
def session_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    """Record who attended and, for courses with an exam, their scores."""
    session = _get(TrainingSession.objects.select_related("course"), pk, request.user, "change")
    present = request.POST.getlist("present")
    scores = {
        key.removeprefix("score-"): value
        for key, value in request.POST.items()
        if key.startswith("score-") and session.course.has_exam
    }
    try:
        training.record_results(request.user, session, present, scores, request=request)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Attendance saved."))
    return redirect(session)


@login_required
@require_POST
def session_certificates(request: HttpRequest, pk: int) -> HttpResponse:
    """Issue certificates to every participant who qualifies."""
    session = _get(TrainingSession.objects, pk, request.user, "change")
    try:
        issued = certificates.issue_certificates(request.user, session, request=request)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("%(n)d certificates issued.") % {"n": len(issued)})
    return redirect(session)


@login_required
@require_GET
def session_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The enrolment and attendance list as xlsx (formula-safe cells)."""
    session = _get(TrainingSession.objects.select_related("course"), pk, request.user, "change")
    body = training_exports.export_enrolments(request.user, session, request=request)
    response = HttpResponse(body, content_type=XLSX)
    name = f"training-session-{session.pk}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def feedback(request: HttpRequest, pk: int) -> HttpResponse:
    """A participant answers the session's questionnaire."""
    enrolment = _get(Enrolment.objects.select_related("session__course"), pk, request.user)
    if enrolment.person_id != request.user.pk:
        raise Http404(_("Not found."))
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        comment = data.pop("comment", "")
        try:
            training.submit_feedback(enrolment, request.user, data, comment, request=request)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Thank you for your feedback."))
            return redirect("talent:training:mine")
    title = _("Feedback on %(session)s") % {"session": enrolment.session}
    return render(request, "talent/training/form.html", {"form": form, "title": title})


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    """The person's enrolments, certificates and training hours."""
    enrolments = (
        Enrolment.objects.restrict(request.user, "view")
        .filter(person=request.user)
        .select_related("session__course", "feedback", "certificate")
        .order_by("-session__starts_at")
    )
    certs = Certificate.objects.restrict(request.user, "view").filter(holder=request.user)
    context = {
        "enrolments": enrolments,
        "certificates": certs,
        "hours": training.training_hours(request.user),
    }
    return render(request, "talent/training/mine.html", context)


@login_required
@require_GET
def certificate_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The certificate as PDF (its holder and the office)."""
    cert = _get(Certificate.objects, pk, request.user)
    body = certificates.certificate_pdf(cert, request.build_absolute_uri("/"))
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{cert.number}.pdf"'
    return response


@login_required
@require_POST
def certificate_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """The office revokes a certificate with a reason (audited)."""
    cert = _get(Certificate.objects.select_related("enrolment"), pk, request.user, "change")
    form = ReasonForm(request.POST)
    try:
        certificates.revoke_certificate(
            request.user, cert, form.data.get("reason", ""), request=request
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Certificate %(number)s revoked.") % {"number": cert.number})
    return redirect(cert.enrolment.session)


@require_GET
@ratelimit("certificate_verify", methods=("GET",))
def verify(request: HttpRequest, code: str = "") -> HttpResponse:
    """Anyone checks a certificate: number, masked name, course, hours, date, revoked or valid."""
    code = code or request.GET.get("code", "")
    normalized = certificates.normalize_code(code)
    if code and normalized and normalized != code:
        return redirect(reverse("talent:training:verify", args=[normalized]))
    cert, intact = certificates.verify_certificate(code) if code else (None, False)
    context = {
        "code": code,
        "cert": cert,
        "intact": intact,
        "searched": bool(code),
        "masked_name": certificates.mask_name(cert.holder_name) if cert else "",
    }
    return render(request, "talent/training/verify.html", context)
