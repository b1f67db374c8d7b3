"""Contracts with builder units: tasks, budget lines, payment milestones, change requests."""

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

CONTRACT = register_process(
    Process(
        code="governance.contract",
        label=_("Contract"),
        states={"draft": _("Draft"), "signed": _("In force"), "closed": _("Closed")},
        initial="draft",
        transitions=[
            Transition("sign", _("Sign"), sources=("draft",), target="signed", allowed=_MANAGE),
            Transition(
                "close",
                pgettext_lazy("governance", "Close"),
                sources=("signed",),
                target="closed",
                allowed=_MANAGE,
            ),
        ],
    )
)

CHANGE_REQUEST = register_process(
    Process(
        code="governance.change_request",
        label=_("Contract change request"),
        states={
            "requested": pgettext_lazy("governance", "Requested"),
            "approved": _("Approved"),
            "rejected": _("Rejected"),
        },
        initial="requested",
        transitions=[
            Transition(
                "approve",
                _("Approve"),
                sources=("requested",),
                target="approved",
                allowed=_MANAGE,
            ),  # fmt: skip
            Transition(
                "reject",
                _("Reject"),
                sources=("requested",),
                target="rejected",
                allowed=_MANAGE,
                comment_required=True,
            ),  # fmt: skip
        ],
    )
)


class UnitReadableQuerySet(BaseScopedQuerySet):
    """Base rows; the members of the builder unit also see their own contract's rows."""

    body_path = "contract__base__body"
    unit_path = "contract__builder"

    def object_filter(self, user, action: str) -> models.Q | None:
        if action != "view":
            return None
        return models.Q(**{f"{self.unit_path}__memberships__user": user})


class ContractQuerySet(UnitReadableQuerySet):
    body_path = "base__body"
    unit_path = "builder"


class Contract(StatefulModel, TimeStampedModel):
    """A construction contract (建设任务书) between a base and the builder unit of a centre."""

    process = CONTRACT

    base = models.ForeignKey(
        "governance.Base", models.PROTECT, related_name="contracts", verbose_name=_("base")
    )
    centre = models.ForeignKey(
        "bodies.Body", models.PROTECT, related_name="+", verbose_name=_("centre or platform")
    )
    builder = models.ForeignKey(
        "accounts.Organization", models.PROTECT, related_name="+", verbose_name=_("builder unit")
    )
    number = models.CharField(pgettext_lazy("governance", "number"), max_length=40, unique=True)
    title = models.CharField(pgettext_lazy("governance", "title"), max_length=200)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    # How much of a milestone's amount is released for its assessed completion (funding.py).
    funding_rule = models.JSONField(_("funding rule"), default=dict)
    notes = models.TextField(pgettext_lazy("governance", "notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("created by")
    )

    objects = ContractQuerySet.as_manager()

    class Meta:
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")
        ordering = ["base", "number"]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("governance:contract", args=[self.pk])


class TaskStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("governance", "Open")
    SUBMITTED = "submitted", _("Submitted for acceptance")
    ACCEPTED = "accepted", pgettext_lazy("governance", "Accepted")


class ContractTask(models.Model):
    """A task of a contract with its deliverable and deadline, and its assessed completion."""

    contract = models.ForeignKey(
        Contract, models.CASCADE, related_name="tasks", verbose_name=_("contract")
    )
    position = models.PositiveIntegerField(pgettext_lazy("governance", "position"), default=0)
    title = models.CharField(_("task"), max_length=300)
    deliverable = models.CharField(_("deliverable"), max_length=300, blank=True)
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=12, choices=TaskStatus.choices, default=TaskStatus.OPEN
    )
    completion = models.DecimalField(
        _("assessed completion (%)"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True)
    evidence = models.ForeignKey(
        "governance.Document", models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("evidence"),
    )  # fmt: skip

    objects = UnitReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("contract task")
        verbose_name_plural = _("contract tasks")
        ordering = ["contract", "position", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def base_id(self) -> int:
        return self.contract.base_id


class BudgetLine(models.Model):
    """One line of a contract's budget (万元)."""

    contract = models.ForeignKey(
        Contract, models.CASCADE, related_name="budget_lines", verbose_name=_("contract")
    )
    name = models.CharField(_("budget line"), max_length=200)
    amount = models.DecimalField(_("amount (万元)"), max_digits=14, decimal_places=2)

    objects = UnitReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["contract", "pk"]

    def __str__(self) -> str:
        return self.name


class PaymentMilestone(models.Model):
    """A payment of a contract, released by the contract's rule once its tasks are verified."""

    contract = models.ForeignKey(
        Contract, models.CASCADE, related_name="milestones", verbose_name=_("contract")
    )
    title = models.CharField(_("milestone"), max_length=200)
    amount = models.DecimalField(_("amount (万元)"), max_digits=14, decimal_places=2)
    due_on = models.DateField(_("due on"))
    tasks = models.ManyToManyField(
        ContractTask, related_name="milestones", blank=True, verbose_name=_("tasks")
    )
    completion = models.DecimalField(
        _("verified completion (%)"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    released = models.DecimalField(
        _("released amount (万元)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    verified_on = models.DateField(_("verified on"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("verified by"),
    )  # fmt: skip
    paid_on = models.DateField(_("paid on"), null=True, blank=True)

    objects = UnitReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("payment milestone")
        verbose_name_plural = _("payment milestones")
        ordering = ["contract", "due_on", "pk"]

    def __str__(self) -> str:
        return self.title


class ChangeRequest(StatefulModel, TimeStampedModel):
    """A request to change a task (deadline, wording, deliverable) or an amount (a budget line,
    a payment milestone), decided by the office and applied on approval."""

    process = CHANGE_REQUEST

    contract = models.ForeignKey(
        Contract, models.CASCADE, related_name="change_requests", verbose_name=_("contract")
    )
    task = models.ForeignKey(
        ContractTask, models.CASCADE, null=True, blank=True, related_name="+",
        verbose_name=_("task"),
    )  # fmt: skip
    new_due_on = models.DateField(_("new deadline"), null=True, blank=True)
    new_title = models.CharField(_("new task wording"), max_length=300, blank=True)
    new_deliverable = models.CharField(_("new deliverable"), max_length=300, blank=True)
    budget_line = models.ForeignKey(
        BudgetLine, models.CASCADE, null=True, blank=True, related_name="+",
        verbose_name=_("budget line"),
    )  # fmt: skip
    milestone = models.ForeignKey(
        PaymentMilestone, models.CASCADE, null=True, blank=True, related_name="+",
        verbose_name=_("payment milestone"),
    )  # fmt: skip
    new_amount = models.DecimalField(
        _("new amount (万元)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    # What the changed fields held before the change was applied (for the history).
    previous = models.JSONField(_("previous values"), default=dict, blank=True)
    reason = models.TextField(pgettext_lazy("governance", "reason"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("requested by")
    )

    objects = UnitReadableQuerySet.as_manager()

    class Meta:
        verbose_name = _("change request")
        verbose_name_plural = _("change requests")
        ordering = ["contract", "-created_at"]

    def __str__(self) -> str:
        return f"{self.contract.number}: {self.reason[:40]}"
