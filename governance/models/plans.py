"""Annual work plans: the year's tasks with responsible units, and their progress reports."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.models import TimeStampedModel
from governance.models.common import BaseScopedQuerySet
from workflows.models import StatefulModel
from workflows.processes import Permission, Process, Transition, register_process

_MANAGE = (Permission("change"),)

ANNUAL_PLAN = register_process(
    Process(
        code="governance.plan",
        label=_("Annual work plan"),
        states={"draft": _("Draft"), "approved": _("Approved"), "closed": _("Closed")},
        initial="draft",
        transitions=[
            Transition(
                "approve", _("Approve"), sources=("draft",), target="approved", allowed=_MANAGE
            ),
            Transition(
                "close",
                pgettext_lazy("governance", "Close"),
                sources=("approved",),
                target="closed",
                allowed=_MANAGE,
            ),  # fmt: skip
        ],
    )
)


class ReportingPeriod(models.TextChoices):
    """How often the responsible units report progress on a plan's tasks."""

    MONTHLY = "monthly", pgettext_lazy("governance", "Monthly")
    QUARTERLY = "quarterly", pgettext_lazy("governance", "Quarterly")


class AnnualPlan(StatefulModel, TimeStampedModel):
    """A base's annual work plan (年度工作计划): the year's targets decomposed into tasks."""

    process = ANNUAL_PLAN

    base = models.ForeignKey(
        "governance.Base", models.PROTECT, related_name="plans", verbose_name=_("base")
    )
    year = models.PositiveSmallIntegerField(pgettext_lazy("governance", "year"))
    title = models.CharField(pgettext_lazy("governance", "title"), max_length=200)
    targets = models.TextField(_("targets of the year"), blank=True)
    reporting = models.CharField(
        _("progress reporting"),
        max_length=10,
        choices=ReportingPeriod.choices,
        default=ReportingPeriod.MONTHLY,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("created by")
    )

    objects = BaseScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("annual plan")
        verbose_name_plural = _("annual plans")
        ordering = ["base", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["base", "year"], name="governance_plan_year_unique")
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("governance:plan", args=[self.pk])


class PlanTaskQuerySet(BaseScopedQuerySet):
    """Plan tasks of a base; the members of the responsible unit see and report on theirs."""

    body_path = "plan__base__body"

    def object_filter(self, user, action: str) -> models.Q | None:
        if action not in ("view", "change"):
            return None
        return models.Q(unit__memberships__user=user)

    def overdue(self, today) -> PlanTaskQuerySet:
        """Tasks past their date and not done."""
        return self.filter(due_on__lt=today, completed_on__isnull=True)


class PlanTask(models.Model):
    """One task of an annual plan: who does it, between which dates, how far it is."""

    plan = models.ForeignKey(
        AnnualPlan, models.CASCADE, related_name="tasks", verbose_name=_("annual plan")
    )
    contract_task = models.ForeignKey(
        "governance.ContractTask", models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("contract task"),
    )  # fmt: skip
    title = models.CharField(_("task"), max_length=300)
    centre = models.ForeignKey(
        "bodies.Body", models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("centre or platform"),
    )  # fmt: skip
    unit = models.ForeignKey(
        "accounts.Organization", models.PROTECT, related_name="+",
        verbose_name=_("responsible unit"),
    )  # fmt: skip
    starts_on = models.DateField(_("starts on"))
    due_on = models.DateField(_("due on"), db_index=True)
    progress = models.DecimalField(_("progress (%)"), max_digits=5, decimal_places=1, default=0)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    warned_on = models.DateField(_("last overdue warning"), null=True, blank=True)

    objects = PlanTaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("plan task")
        verbose_name_plural = _("plan tasks")
        ordering = ["plan", "due_on", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("governance:task", args=[self.pk])


class ProgressReportQuerySet(BaseScopedQuerySet):
    body_path = "task__plan__base__body"

    def object_filter(self, user, action: str) -> models.Q | None:
        if action != "view":
            return None
        return models.Q(task__unit__memberships__user=user)


class ProgressReport(models.Model):
    """A unit's report on one task for one period, with its evidence; never changed."""

    task = models.ForeignKey(
        PlanTask, models.CASCADE, related_name="reports", verbose_name=_("task")
    )
    # The first day of the reported month, or of the quarter on a quarterly plan.
    period = models.DateField(_("period (month)"))
    percent = models.DecimalField(_("progress (%)"), max_digits=5, decimal_places=1)
    text = models.TextField(_("what was done"))
    evidence = models.ForeignKey(
        "governance.Document", models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("evidence"),
    )  # fmt: skip
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("reported by")
    )
    reported_at = models.DateTimeField(
        pgettext_lazy("governance", "reported at"), auto_now_add=True
    )

    objects = ProgressReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["task", "-period", "-pk"]

    def __str__(self) -> str:
        return f"{self.task_id} {self.period:%Y-%m} {self.percent}%"
