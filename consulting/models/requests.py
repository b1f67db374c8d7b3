"""A consulting request from an enterprise, moved through triage, assignment and answer."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from bodies.querysets import BodyScopedQuerySet
from workflows.models import StatefulModel
from workflows.processes import Actor, Permission, Process, Transition, register_process


class Kind(models.TextChoices):
    """What the enterprise asks for."""

    NOVELTY = "novelty", _("Standards novelty check")
    ADVICE = "advice", _("Standards advice")
    DRAFTING = "drafting", _("Coaching in drafting and revising standards")
    VERIFICATION = "verification", _("Verification commission")
    TRAINING = "training", _("Training need")


class TargetReport:
    """Who may: the target a request was forwarded to, reporting it declined (see progress)."""

    def name(self) -> str:
        return str(_("the centre the request was forwarded to"))

    def allows(self, user, obj) -> bool:
        return bool(getattr(obj, "_reported_by_target", False))


STAFF = Permission("change")
REQUESTER = Actor("requester", _("the requester"))
ASSIGNEE = Actor("assignee", _("the assignee"))

REQUEST_PROCESS = register_process(
    Process(
        code="consulting.request",
        label=_("Consulting request"),
        states={
            "submitted": _("Submitted"),
            "triaged": _("Triaged"),
            "assigned": _("Assigned"),
            "answered": _("Answered"),
            "closed": _("Closed"),
        },
        initial="submitted",
        transitions=[
            Transition("triage", _("Triage"), ("submitted",), "triaged", allowed=(STAFF,)),
            Transition(
                "assign",
                pgettext_lazy("consulting", "Assign"),
                ("submitted", "triaged", "assigned"),
                "assigned",
                allowed=(STAFF,),
            ),
            Transition(
                "return",
                _("Back to triage"),
                ("triaged", "assigned"),
                "submitted",
                allowed=(TargetReport(),),
                comment_required=True,
            ),
            Transition("answer", _("Answer"), ("assigned",), "answered", allowed=(STAFF, ASSIGNEE)),
            Transition(
                "reopen",
                _("Reopen"),
                ("answered",),
                "assigned",
                allowed=(REQUESTER,),
                comment_required=True,
            ),
            Transition(
                "close",
                pgettext_lazy("consulting", "Close"),
                ("submitted", "triaged", "assigned", "answered"),
                "closed",
                allowed=(STAFF, REQUESTER),
            ),
        ],
    )
)

OPEN_STATES = ("submitted", "triaged", "assigned")


class RequestQuerySet(BodyScopedQuerySet):
    """The requester and the assignee see a request; the centre's staff and the desk see all."""

    body_path = "centre"

    def object_filter(self, user, action: str) -> models.Q | None:
        if action == "view":
            return models.Q(requester=user) | models.Q(assignee=user)
        if action == "change":
            return models.Q(assignee=user)
        return None

    def open(self) -> RequestQuerySet:
        """Requests still waiting for an answer."""
        return self.filter(state__in=OPEN_STATES)


class ServiceRequest(StatefulModel):
    """One request to the service desk (标准查新, 标准咨询, 制修订辅导, 验证委托, 培训需求)."""

    process = REQUEST_PROCESS

    number = models.CharField(_("number"), max_length=20, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, db_index=True)
    title = models.CharField(_("subject"), max_length=200)
    question = models.TextField(pgettext_lazy("consulting", "request"))
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="service_requests",
        verbose_name=_("requester"),
    )
    organization = models.ForeignKey(
        "accounts.Organization",
        models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("organisation"),
    )
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    centre = models.ForeignKey(
        "bodies.Body",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="service_requests",
        verbose_name=pgettext_lazy("consulting", "centre"),
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_service_requests",
        verbose_name=_("assignee"),
    )
    priority = models.PositiveSmallIntegerField(_("priority"), default=2)
    response_due_at = models.DateTimeField(_("first response due"))
    due_at = models.DateTimeField(_("answer due"), db_index=True)
    first_response_at = models.DateTimeField(_("first response"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    closed_at = models.DateTimeField(pgettext_lazy("consulting", "closed"), null=True, blank=True)
    warned_at = models.DateTimeField(null=True, blank=True)
    overdue_notified_at = models.DateTimeField(null=True, blank=True)
    novelty = models.JSONField(_("novelty check"), default=list, blank=True)
    rating = models.PositiveSmallIntegerField(_("satisfaction"), null=True, blank=True)
    rating_comment = models.TextField(_("comment on the service"), blank=True)
    allow_publish = models.BooleanField(_("may be published in the FAQ"), default=False)
    faq_question = models.TextField(_("FAQ question"), blank=True)
    faq_answer = models.TextField(_("FAQ answer"), blank=True)
    faq_published_at = models.DateTimeField(_("published in the FAQ"), null=True, blank=True)
    created_at = models.DateTimeField(_("submitted"), default=timezone.now, db_index=True)

    objects = RequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("consulting request")
        verbose_name_plural = _("consulting requests")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                name="consulting_rating_1_to_5",
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("consulting:detail", args=[self.number])

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def is_overdue(self) -> bool:
        return self.is_open and timezone.now() > self.due_at


class Message(models.Model):
    """One message of a request's thread; internal notes are seen by the desk only."""

    request = models.ForeignKey(ServiceRequest, models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, verbose_name=pgettext_lazy("consulting", "author")
    )
    body = models.TextField(_("message"))
    internal = models.BooleanField(_("internal note"), default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.request_id}: {self.body[:40]}"


def _attachment_path(instance, filename: str) -> str:
    return f"consulting/{instance.request_id}/{filename}"


class Attachment(models.Model):
    """A file attached to a request or to one message of its thread."""

    request = models.ForeignKey(ServiceRequest, models.CASCADE, related_name="attachments")
    message = models.ForeignKey(
        Message, models.CASCADE, null=True, blank=True, related_name="attachments"
    )
    file = models.FileField(upload_to=_attachment_path)
    filename = models.CharField(_("file name"), max_length=120)
    kind = models.CharField(max_length=8)
    size = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.filename


class SlaPolicy(models.Model):
    """Service levels of one request type: hours to the first response and to the answer."""

    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, unique=True)
    response_hours = models.PositiveIntegerField(_("first response within (hours)"))
    resolution_hours = models.PositiveIntegerField(_("answer within (hours)"))
    warn_hours = models.PositiveIntegerField(_("warn this many hours before"), default=8)

    class Meta:
        verbose_name = _("service level")
        verbose_name_plural = _("service levels")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.resolution_hours} h"
