"""A validity check (查新) of a list or document and the references found in it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from catalog.editions.verdicts import Verdict
from core.models import TimeStampedModel
from core.querysets import RestrictedQuerySet


class CheckQuerySet(RestrictedQuerySet):
    """People see their own checks; staff with the model permission see all."""

    def object_filter(self, user, action: str) -> models.Q | None:
        return models.Q(owner=user)


class Check(TimeStampedModel):
    """One run of a validity check over a pasted text or an uploaded file; re-runnable."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Finished")
        FAILED = "failed", _("Failed")

    class Source(models.TextChoices):
        WEB = "web", _("Web page")
        API = "api", _("API")
        CLI = "cli", _("Command line")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="checks",
        verbose_name=_("owner"),
    )
    # Visitors without an account keep their checks through their session.
    session_key = models.CharField(_("session"), max_length=64, blank=True, db_index=True)
    title = models.CharField(_("title"), max_length=200, blank=True)
    source = models.CharField(
        _("submitted through"), max_length=8, choices=Source.choices, default=Source.WEB
    )
    kind = models.CharField(_("input type"), max_length=8, default="txt")
    filename = models.CharField(_("file name"), max_length=255, blank=True)
    input_text = models.TextField(_("pasted text"), blank=True)
    input_file = models.FileField(_("uploaded file"), upload_to="checks/%Y/%m/", blank=True)
    list_key = models.CharField(_("list fingerprint"), max_length=64, db_index=True)
    previous = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("previous run of the same list"),
    )
    as_of = models.DateField(_("as of"), null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING, db_index=True
    )
    total = models.PositiveIntegerField(_("references found"), default=0)
    # A large check runs as a background job; its progress lives on the job.
    job = models.ForeignKey(
        "jobs.Job",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("background job"),
    )
    counts = models.JSONField(_("counts by verdict"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    catalogue_as_of = models.DateField(_("catalogue snapshot date"), null=True, blank=True)
    verification_code = models.CharField(
        _("verification code"), max_length=24, blank=True, db_index=True
    )
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    objects = CheckQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("validity check")
        verbose_name_plural = _("validity checks")
        constraints = [
            models.UniqueConstraint(
                fields=["verification_code"],
                condition=~models.Q(verification_code=""),
                name="checks_check_verification_code_unique",
                violation_error_message=_("This verification code is already in use."),
            ),
        ]

    def __str__(self) -> str:
        return self.title or self.filename or f"#{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("checks:detail", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.state in (self.State.SUCCEEDED, self.State.FAILED)

    @property
    def processed(self) -> int:
        """References resolved so far: all of them once finished, else the job's progress."""
        if self.state == self.State.SUCCEEDED:
            return self.total
        return self.job.done if self.job_id else 0

    @property
    def percent(self) -> int:
        if self.is_finished:
            return 100
        if self.job_id:
            return self.job.percent
        return 0


class CheckItem(models.Model):
    """One reference found by a check, with its verdict and the current editions."""

    check_run = models.ForeignKey(
        Check, models.CASCADE, related_name="items", verbose_name=_("check")
    )
    position = models.PositiveIntegerField(_("position"))
    input = models.CharField(_("as written"), max_length=300)
    designation = models.CharField(_("designation"), max_length=200, db_index=True)
    written_title = models.CharField(_("title as written"), max_length=200, blank=True)
    location = models.JSONField(_("location"), default=dict)
    status = models.CharField(_("verdict"), max_length=16, choices=Verdict.choices)
    standard = models.ForeignKey(
        "catalog.Standard",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("catalogue edition"),
    )
    matched = models.CharField(_("edition in the catalogue"), max_length=200, blank=True)
    standard_title = models.CharField(_("catalogue title"), max_length=500, blank=True)
    current = models.JSONField(_("current editions"), default=list, blank=True)
    candidates = models.JSONField(_("candidates"), default=list, blank=True)
    effective = models.DateField(_("effective"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["check_run", "position"]
        verbose_name = _("checked reference")
        verbose_name_plural = _("checked references")
        constraints = [
            models.UniqueConstraint(
                fields=["check_run", "position"], name="checks_item_unique_position"
            ),
        ]
        indexes = [models.Index(fields=["check_run", "status"], name="checks_item_status")]

    def __str__(self) -> str:
        return f"{self.designation} ({self.status})"
