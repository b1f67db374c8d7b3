"""Training: courses, sessions with capacity and waitlist, enrolments, feedback, certificates."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from bodies.querysets import BodyScopedQuerySet
from workflows.models import StatefulModel
from workflows.processes import Condition, Permission, Process, Transition, register_process


def _has_places(session, data: dict) -> bool:
    return session.capacity > 0


def _tell_participants(session, event) -> None:
    from talent.services.training_notices import notify_session_cancelled

    notify_session_cancelled(session, event)


SESSION = register_process(
    Process(
        code="talent.training_session",
        label=_("Training session"),
        states={
            "draft": _("Draft"),
            "open": _("Open for enrolment"),
            "closed": _("Enrolment closed"),
            "finished": pgettext_lazy("training", "Finished"),
            "cancelled": _("Cancelled"),
        },
        initial="draft",
        transitions=[
            Transition(
                "publish",
                _("Open enrolment"),
                sources=("draft", "closed"),
                target="open",
                allowed=(Permission("change"),),
                conditions=(Condition(_("the session has places"), _has_places),),
            ),
            Transition(
                "close",
                _("Close enrolment"),
                sources=("open",),
                target="closed",
                allowed=(Permission("change"),),
            ),
            Transition(
                "finish",
                _("Mark as held"),
                sources=("open", "closed"),
                target="finished",
                allowed=(Permission("change"),),
            ),
            Transition(
                "cancel",
                _("Cancel the session"),
                sources=("draft", "open", "closed"),
                target="cancelled",
                allowed=(Permission("change"),),
                comment_required=True,
                effects=(_tell_participants,),
            ),
        ],
    )
)


class Level(models.TextChoices):
    """How far a course goes."""

    BASIC = "basic", _("Introductory")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")


class CourseQuerySet(BodyScopedQuerySet):
    """Anyone reads courses; the centre that runs one manages it."""

    body_path = "centre"
    public_actions = frozenset({"view"})


class Course(models.Model):
    """A training course of a centre: level, ICS topics, hours and an optional exam."""

    centre = models.ForeignKey("bodies.Body", models.PROTECT, related_name="courses")
    code = models.CharField(_("course code"), max_length=40, unique=True)
    title = models.CharField(pgettext_lazy("training", "title"), max_length=200)
    level = models.CharField(
        pgettext_lazy("training", "level"), max_length=20, choices=Level.choices
    )
    ics_codes = models.JSONField(_("ICS topics"), default=list, blank=True)
    hours = models.DecimalField(
        _("hours"),
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("999"))],
    )
    description = models.TextField(pgettext_lazy("training", "description"), blank=True)
    pass_mark = models.PositiveSmallIntegerField(
        _("exam pass mark"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=_("Out of 100; leave empty for a course without an exam."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CourseQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("talent:training:course", args=[self.pk])

    @property
    def has_exam(self) -> bool:
        """Whether the course ends with an exam."""
        return self.pass_mark is not None


class SessionQuerySet(BodyScopedQuerySet):
    """Anyone reads sessions (pages show the published ones); the centre manages them."""

    body_path = "course__centre"
    public_actions = frozenset({"view"})

    def published(self) -> SessionQuerySet:
        """Sessions visitors see: everything but drafts."""
        return self.exclude(state="draft")


class TrainingSession(StatefulModel):
    """One run of a course: dates, place or online link, and how many people it seats."""

    process = SESSION

    course = models.ForeignKey(Course, models.PROTECT, related_name="sessions")
    title = models.CharField(_("session name"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), max_length=500, blank=True)
    capacity = models.PositiveIntegerField(_("places"))
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")

    def __str__(self) -> str:
        return f"{self.course.title} {self.title or self.starts_at:%Y-%m-%d}".strip()

    def get_absolute_url(self) -> str:
        return reverse("talent:training:session", args=[self.pk])


class EnrolmentStatus(models.TextChoices):
    """Where an enrolment stands: a place, on the waitlist, or given up."""

    CONFIRMED = "confirmed", _("Place confirmed")
    WAITLISTED = "waitlisted", _("On the waitlist")
    CANCELLED = "cancelled", _("Cancelled")


ACTIVE_STATUSES = (EnrolmentStatus.CONFIRMED, EnrolmentStatus.WAITLISTED)


class EnrolmentQuerySet(BodyScopedQuerySet):
    """The person sees their own enrolments, the organisation admin those it made."""

    body_path = "session__course__centre"

    def object_filter(self, user, action: str) -> models.Q | None:
        own = models.Q(person=user)
        if action == "view":
            return own | models.Q(
                organization__memberships__user=user,
                organization__memberships__role="admin",
            )
        return own if action == "change" else None


class Enrolment(models.Model):
    """A person's place (or waitlist position) in a session, their attendance and exam."""

    session = models.ForeignKey(TrainingSession, models.PROTECT, related_name="enrolments")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="training_enrolments"
    )
    organization = models.ForeignKey(
        "accounts.Organization",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="training_enrolments",
        verbose_name=_("enrolled by organisation"),
    )
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", null=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=EnrolmentStatus.choices, db_index=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    #: When the person joined the queue they are in now (waitlist order: oldest first).
    queued_at = models.DateTimeField()
    cancelled_at = models.DateTimeField(null=True, blank=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    exam_score = models.DecimalField(
        _("exam score"), max_digits=5, decimal_places=1, null=True, blank=True
    )

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        ordering = ["session", "queued_at", "pk"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "person"],
                condition=models.Q(status__in=["confirmed", "waitlisted"]),
                name="talent_enrolment_one_active_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} @ {self.session}"

    @property
    def passed(self) -> bool:
        """Attended, and passed the exam when the course has one."""
        if self.status != EnrolmentStatus.CONFIRMED or not self.attended:
            return False
        mark = self.session.course.pass_mark
        return mark is None or (self.exam_score is not None and self.exam_score >= mark)


class FeedbackQuerySet(BodyScopedQuerySet):
    """The respondent sees their own answers; the centre sees all of its sessions'."""

    body_path = "enrolment__session__course__centre"

    def object_filter(self, user, action: str) -> models.Q | None:
        return models.Q(enrolment__person=user) if action == "view" else None


class Feedback(models.Model):
    """One participant's answers to the session's questionnaire (ratings 1–5 and a comment)."""

    enrolment = models.OneToOneField(Enrolment, models.CASCADE, related_name="feedback")
    ratings = models.JSONField(default=dict)
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")

    def __str__(self) -> str:
        return f"{self.enrolment}"


class CertificateQuerySet(BodyScopedQuerySet):
    """The holder sees their certificates; the centre sees those it issued."""

    body_path = "enrolment__session__course__centre"

    def object_filter(self, user, action: str) -> models.Q | None:
        return models.Q(holder=user) if action == "view" else None

    def valid(self) -> CertificateQuerySet:
        """Certificates not revoked."""
        return self.filter(revoked_at__isnull=True)


class Certificate(models.Model):
    """A training certificate: what it states is frozen at issue; it can only be revoked."""

    enrolment = models.OneToOneField(Enrolment, models.PROTECT, related_name="certificate")
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="training_certificates"
    )
    number = models.CharField(_("certificate number"), max_length=30, unique=True)
    code = models.CharField(_("verification code"), max_length=23, unique=True)
    holder_name = models.CharField(pgettext_lazy("person", "name"), max_length=150)
    course_title = models.CharField(_("course"), max_length=200)
    course_code = models.CharField(_("course code"), max_length=40)
    level = models.CharField(
        pgettext_lazy("training", "level"), max_length=20, choices=Level.choices
    )
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1)
    held_on = models.DateField(_("training date"))
    issued_on = models.DateField(_("issue date"))
    exam_score = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", null=True, blank=True
    )
    revocation_reason = models.TextField(_("reason for revocation"), blank=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_on", "-pk"]
        verbose_name = _("training certificate")
        verbose_name_plural = _("training certificates")

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("talent:training:verify", args=[self.code])

    @property
    def revoked(self) -> bool:
        """Whether the office revoked the certificate."""
        return self.revoked_at is not None
