"""Where catalogue records come from, each import run, and the changes it caused."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DataSource(models.Model):
    """A source of catalogue records (a Relaton archive, a spreadsheet, a platform export)."""

    slug = models.SlugField(_("key"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    url = models.URLField(_("link"), blank=True)
    licence = models.CharField(_("licence"), max_length=200, blank=True)
    as_of = models.DateField(_("snapshot date"), null=True, blank=True)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("data source")
        verbose_name_plural = _("data sources")

    def __str__(self) -> str:
        return self.name


class ImportRun(models.Model):
    """One run of an importer: what it read, its progress and its report."""

    class State(models.TextChoices):
        RUNNING = "running", _("Running")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")

    source = models.ForeignKey(
        DataSource, models.PROTECT, related_name="runs", verbose_name=_("data source")
    )
    fmt = models.CharField(_("format"), max_length=40)
    filename = models.CharField(_("file"), max_length=500, blank=True)
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.RUNNING
    )
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    processed = models.PositiveIntegerField(_("processed"), default=0)
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    rejected = models.PositiveIntegerField(_("rejected"), default=0)
    rejections = models.JSONField(_("rejected rows"), default=list, blank=True)
    error = models.TextField(_("error"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    # An import started from the web runs as a background job: progress, log, cancel.
    job = models.ForeignKey(
        "jobs.Job",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("background job"),
    )

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("import run")
        verbose_name_plural = _("import runs")

    def __str__(self) -> str:
        return f"{self.source} {self.filename} ({self.get_state_display()})"


class CatalogEvent(models.Model):
    """An immutable record of a change to a standard caused by an import.

    Change alerts read these rows in id order; they are never edited.
    """

    class Kind(models.TextChoices):
        PUBLISHED = "published", _("New edition published")
        STATUS_CHANGED = "status_changed", _("Status changed")
        REPLACED = "replaced", _("Replaced")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        DATES_CHANGED = "dates_changed", _("Dates changed")
        TITLE_CHANGED = "title_changed", _("Title changed")
        REPLACEMENT_ADDED = "replacement_added", _("Replacement link added")

    standard = models.ForeignKey(
        "catalog.Standard", models.CASCADE, related_name="events", verbose_name=_("standard")
    )
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices, db_index=True)
    before = models.JSONField(_("before"), default=dict, blank=True)
    after = models.JSONField(_("after"), default=dict, blank=True)
    run = models.ForeignKey(
        ImportRun,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("import run"),
    )
    occurred_at = models.DateTimeField(_("recorded at"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("catalogue event")
        verbose_name_plural = _("catalogue events")

    def __str__(self) -> str:
        return f"{self.standard} {self.get_kind_display()}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            raise ValueError("Catalogue events are immutable")
        super().save(*args, **kwargs)
