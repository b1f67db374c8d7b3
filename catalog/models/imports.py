"""Where catalogue records come from, each import run, and the changes it caused."""

from __future__ import annotations

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
    """The report of one import: what it read and what it created, updated or rejected.

    Its state, progress, timing, starter and error live on its job (`jobs.Job`), as for
    every long piece of work; a console import runs under an inline job.
    """

    source = models.ForeignKey(
        DataSource, models.PROTECT, related_name="runs", verbose_name=_("data source")
    )
    fmt = models.CharField(_("format"), max_length=40)
    filename = models.CharField(_("file"), max_length=500, blank=True)
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    rejected = models.PositiveIntegerField(_("rejected"), default=0)
    rejections = models.JSONField(_("rejected rows"), default=list, blank=True)
    job = models.ForeignKey(
        "jobs.Job",
        models.PROTECT,
        related_name="+",
        verbose_name=_("background job"),
    )

    class Meta:
        ordering = ["-id"]
        verbose_name = _("import run")
        verbose_name_plural = _("import runs")

    def __str__(self) -> str:
        return f"{self.source} {self.filename} ({self.job.get_state_display()})"

    @property
    def state(self) -> str:
        return self.job.state

    @property
    def processed(self) -> int:
        """Records read so far (the job's progress)."""
        return self.job.done

    @property
    def started_at(self):
        return self.job.started_at or self.job.created_at

    @property
    def finished_at(self):
        return self.job.finished_at

    @property
    def user(self):
        return self.job.started_by


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
