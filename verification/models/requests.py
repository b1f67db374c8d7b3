"""Verification of a draft's clauses and indicators, requested by a project's secretariat."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bodies.querysets import BodyScopedQuerySet
from core.models import TimeStampedModel
from verification.models.conformity import Verdict
from workflows.models import StatefulModel
from workflows.processes import Actor, Condition, Process, Roles, Transition, register_process

__all__ = ["REQUEST", "ItemMethod", "VerificationItem", "VerificationRequest"]

CENTRE_ROLES = Roles("verification_engineer", "centre_staff")


def _planned(req, data) -> bool:
    return bool(req.samples.strip() and req.planned_start and req.planned_end)


def _all_judged(req, data) -> bool:
    return req.items.exists() and not req.items.filter(verdict="").exists()


def _feed_project(req, event) -> None:
    from verification.services.requests import feed_project

    feed_project(req, event)


def _notify(req, event) -> None:
    from verification.services.notices import request_changed

    request_changed(req, event)


REQUEST = register_process(
    Process(
        code="verification.request",
        label=_("Verification request"),
        states={
            "requested": _("Requested"),
            "accepted": _("Accepted"),
            "planned": _("Planned"),
            "reported": _("Reported"),
            "declined": _("Declined"),
            "withdrawn": _("Withdrawn"),
        },
        initial="requested",
        transitions=[
            Transition("accept", _("Accept"), sources=("requested",), target="accepted",
                       allowed=(CENTRE_ROLES,), effects=(_notify,)),
            Transition("decline", _("Decline"), sources=("requested",), target="declined",
                       allowed=(CENTRE_ROLES,), comment_required=True, effects=(_notify,)),
            Transition("plan", _("Plan"), sources=("accepted", "planned"), target="planned",
                       allowed=(CENTRE_ROLES,),
                       conditions=(Condition(_("samples and dates are planned"), _planned),),
                       effects=(_notify,)),
            Transition("report", _("Issue the report"), sources=("planned",), target="reported",
                       allowed=(CENTRE_ROLES,),
                       conditions=(Condition(_("every item has a result"), _all_judged),),
                       effects=(_feed_project, _notify)),
            Transition("withdraw", _("Withdraw"), sources=("requested", "accepted", "planned"),
                       target="withdrawn", allowed=(Actor("requested_by", _("the requester")),),
                       comment_required=True, effects=(_notify,)),
        ],
    )
)  # fmt: skip


class ItemMethod(models.TextChoices):
    REVIEW = "review", _("Document review")
    EXPERIMENT = "experiment", _("Experiment")
    TRIAL = "trial", _("On-site trial")


class RequestQuerySet(BodyScopedQuerySet):
    """A request belongs to its centre; the requesting project's secretariat sees it too."""

    body_path = "centre__body"

    def object_filter(self, user, action: str) -> models.Q | None:
        if action != "view":
            return models.Q(requested_by=user) if action == "change" else None
        from bodies.scopes import bodies_with_permission

        bodies = bodies_with_permission(user, "development.change_project")
        return models.Q(requested_by=user) | models.Q(project__body__in=sorted(bodies))


class VerificationRequest(StatefulModel, TimeStampedModel):
    """A request to verify selected clauses of a draft at a verification centre."""

    process = REQUEST

    project = models.ForeignKey(
        "development.Project", models.PROTECT, related_name="verification_requests",
        verbose_name=_("project"),
    )  # fmt: skip
    draft = models.ForeignKey(
        "development.Draft", models.PROTECT, related_name="verification_requests",
        verbose_name=_("draft"),
    )  # fmt: skip
    centre = models.ForeignKey(
        "verification.VerificationCentre", models.PROTECT, related_name="requests",
        verbose_name=_("verification centre"),
    )  # fmt: skip
    title = models.CharField(_("title"), max_length=200)
    purpose = models.TextField(_("purpose"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("requested by")
    )
    samples = models.TextField(_("samples"), blank=True)
    labs = models.CharField(_("laboratories"), max_length=300, blank=True)
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    engineer = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("responsible engineer"),
    )  # fmt: skip
    report_number = models.CharField(_("report number"), max_length=40, blank=True)
    verification_code = models.CharField(_("verification code"), max_length=16, blank=True)
    report_file = models.FileField(_("report"), upload_to="verification/reports/", blank=True)
    reported_at = models.DateTimeField(_("reported at"), null=True, blank=True)

    objects = RequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("verification request")
        verbose_name_plural = _("verification requests")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["verification_code"], condition=~models.Q(verification_code=""),
                name="verification_request_code_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(planned_end__isnull=True) | models.Q(planned_start__isnull=True)
                | models.Q(planned_end__gte=models.F("planned_start")),
                name="verification_request_plan_dates",
                violation_error_message=_("The planned end is before the start."),
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("verification:request", args=[self.pk])


class VerificationItem(models.Model):
    """One clause/indicator of a draft to verify: requirement, method, value and verdict."""

    request = models.ForeignKey(
        VerificationRequest, models.CASCADE, related_name="items", verbose_name=_("request")
    )
    position = models.PositiveIntegerField(_("position"))
    clause = models.CharField(_("clause"), max_length=40)
    indicator = models.CharField(_("indicator"), max_length=200)
    requirement = models.CharField(_("requirement"), max_length=300)
    method = models.CharField(
        _("verification method"), max_length=12, choices=ItemMethod.choices,
        default=ItemMethod.EXPERIMENT,
    )  # fmt: skip
    comparison = models.CharField(_("comparison method"), max_length=10, blank=True)
    value = models.CharField(_("measured value"), max_length=100, blank=True)
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    verdict = models.CharField(
        _("verdict"), max_length=12, choices=Verdict.choices, blank=True, db_index=True
    )
    rule = models.TextField(_("rule"), blank=True)
    measured_at = models.DateTimeField(_("measured at"), null=True, blank=True)
    comment = models.ForeignKey(
        "development.Comment", models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("comment on the draft"),
    )  # fmt: skip

    class Meta:
        verbose_name = _("verification item")
        verbose_name_plural = _("verification items")
        ordering = ["request", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "position"], name="verification_item_position_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.clause} {self.indicator}"
