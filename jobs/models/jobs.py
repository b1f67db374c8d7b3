"""One row per long piece of work (an import, a large check, a report): state and progress."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.querysets import RestrictedQuerySet


class JobQuerySet(RestrictedQuerySet):
    """People see the jobs they started; staff with the model permission see all."""

    def object_filter(self, user, action: str) -> models.Q | None:
        return models.Q(started_by=user)

    def active(self) -> JobQuerySet:
        return self.filter(state__in=Job.ACTIVE_STATES)


class Job(models.Model):
    """A background job: what it is, who started it, its state, progress, log and result."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    ACTIVE_STATES = (State.QUEUED, State.RUNNING)

    kind = models.CharField(_("kind"), max_length=60, db_index=True)
    title = models.CharField(_("title"), max_length=200, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.QUEUED, db_index=True
    )
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), default=0)
    params = models.JSONField(_("arguments"), default=dict, blank=True)
    log = models.JSONField(_("messages"), default=list, blank=True)
    error = models.TextField(_("error"), blank=True)
    result_url = models.CharField(_("result link"), max_length=300, blank=True)
    result_type = models.ForeignKey(
        ContentType, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    result_id = models.PositiveBigIntegerField(null=True, blank=True)
    result = GenericForeignKey("result_type", "result_id")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="jobs",
        verbose_name=_("started by"),
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    cancel_requested = models.BooleanField(_("cancel requested"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        indexes = [models.Index(fields=["state", "heartbeat_at"], name="jobs_job_stale")]

    def __str__(self) -> str:
        return self.title or f"{self.kind} #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("jobs:detail", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.state not in self.ACTIVE_STATES

    @property
    def percent(self) -> int:
        if self.total:
            return min(100, int(self.done * 100 / self.total))
        return 100 if self.state == self.State.SUCCEEDED else 0
