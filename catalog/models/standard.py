"""The published standard, its classifications and its replacement links."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel
from core.querysets import RestrictedQuerySet


class Tier(models.TextChoices):
    """Who issues a standard (标准层级)."""

    NATIONAL = "national", _("National")
    INDUSTRY = "industry", _("Industry")
    LOCAL = "local", _("Local")
    GROUP = "group", _("Group")
    ENTERPRISE = "enterprise", _("Enterprise")
    INTERNATIONAL = "international", _("International")


class Mandate(models.TextChoices):
    """Legal force of a Chinese standard: GB, GB/T, GB/Z."""

    MANDATORY = "mandatory", _("Mandatory")
    RECOMMENDED = "recommended", _("Recommended")
    GUIDANCE = "guidance", _("Guidance")
    NONE = "", _("Not applicable")


class Status(models.TextChoices):
    """Life-cycle status as shown on public platforms."""

    CURRENT = "current", _("Current")
    UPCOMING = "upcoming", _("Upcoming")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    REPLACED = "replaced", _("Replaced")


class AdoptionDegree(models.TextChoices):
    """Degree of correspondence with an international standard."""

    IDT = "IDT", _("Identical (IDT)")
    MOD = "MOD", _("Modified (MOD)")
    NEQ = "NEQ", _("Not equivalent (NEQ)")
    NONE = "", _("None")


class Publisher(models.Model):
    """An organisation that publishes standards (ISO, 国家市场监督管理总局, ...)."""

    code = models.CharField(_("code"), max_length=60, unique=True)
    name_zh = models.CharField(_("Chinese name"), max_length=200, blank=True)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("publisher")
        verbose_name_plural = _("publishers")

    def __str__(self) -> str:
        return self.name_zh or self.name_en or self.code


class StandardQuerySet(RestrictedQuerySet):
    """Query helpers for standards; published standards are public to view."""

    public_actions = frozenset({"view"})

    def current(self) -> StandardQuerySet:
        return self.filter(status=Status.CURRENT)

    def series(self, series_key: str) -> StandardQuerySet:
        return self.filter(series_key=series_key)


class Standard(TimeStampedModel):
    """One edition of a published standard, identified by its canonical designation."""

    designation = models.CharField(_("designation"), max_length=200, unique=True)
    series_key = models.CharField(_("undated designation"), max_length=180, db_index=True)
    prefix = models.CharField(_("prefix"), max_length=40, db_index=True)
    body = models.CharField(_("issuing body code"), max_length=40, blank=True)
    number = models.CharField(_("number"), max_length=40)
    part = models.CharField(_("part"), max_length=40, blank=True)
    main_number = models.CharField(_("main number"), max_length=20, db_index=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True, db_index=True)
    tier = models.CharField(_("tier"), max_length=16, choices=Tier.choices, db_index=True)
    mandate = models.CharField(
        _("mandate"), max_length=16, choices=Mandate.choices, blank=True, default=""
    )
    title_zh = models.CharField(_("Chinese title"), max_length=500, blank=True)
    title_en = models.CharField(_("English title"), max_length=1000, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.CURRENT, db_index=True
    )
    issued = models.DateField(_("issued"), null=True, blank=True)
    effective = models.DateField(_("effective"), null=True, blank=True)
    withdrawn = models.DateField(_("withdrawn"), null=True, blank=True)
    committee = models.CharField(_("committee"), max_length=200, blank=True)
    publisher = models.ForeignKey(
        Publisher,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="standards",
        verbose_name=_("publisher"),
    )
    adopted_designation = models.CharField(
        _("adopted international standard"), max_length=200, blank=True
    )
    adoption_degree = models.CharField(
        _("degree of correspondence"),
        max_length=3,
        choices=AdoptionDegree.choices,
        blank=True,
        default="",
    )
    edition = models.CharField(_("edition"), max_length=20, blank=True)
    url = models.URLField(_("source link"), max_length=500, blank=True)
    source = models.ForeignKey(
        "catalog.DataSource",
        models.PROTECT,
        related_name="standards",
        verbose_name=_("data source"),
    )
    source_ref = models.CharField(_("source reference"), max_length=300, blank=True)
    as_of = models.DateField(_("as of"), null=True, blank=True)
    # Denormalised first-level classifications: cheap facet counts in SQL.
    ics_root = models.CharField(_("ICS field"), max_length=2, blank=True, db_index=True)
    ccs_root = models.CharField(_("CCS category"), max_length=1, blank=True, db_index=True)
    ics = models.ManyToManyField(
        "catalog.IcsCode",
        through="catalog.StandardIcs",
        related_name="standards",
        verbose_name=_("ICS"),
        blank=True,
    )
    ccs = models.ManyToManyField(
        "catalog.CcsCode",
        through="catalog.StandardCcs",
        related_name="standards",
        verbose_name=_("CCS"),
        blank=True,
    )
    extra = models.JSONField(_("other fields"), default=dict, blank=True)

    objects = StandardQuerySet.as_manager()

    class Meta:
        ordering = ["designation"]
        verbose_name = _("standard")
        verbose_name_plural = _("standards")
        indexes = [
            models.Index(fields=["series_key", "year"], name="catalog_std_series_year"),
            models.Index(fields=["issued"], name="catalog_std_issued"),
        ]

    def __str__(self) -> str:
        return self.designation

    def get_absolute_url(self) -> str:
        return reverse("catalog:standard-detail", args=[self.designation])

    @property
    def title(self) -> str:
        return self.title_zh or self.title_en

    @property
    def is_in_force(self) -> bool:
        return self.status == Status.CURRENT


class StandardIcs(models.Model):
    """A standard's ICS classification; the first one is the primary."""

    standard = models.ForeignKey(Standard, models.CASCADE, related_name="ics_links")
    code = models.ForeignKey("catalog.IcsCode", models.PROTECT, related_name="standard_links")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["standard", "code"], name="catalog_std_ics_unique")
        ]

    def __str__(self) -> str:
        return f"{self.standard_id} {self.code_id}"


class StandardCcs(models.Model):
    """A standard's CCS classification; the first one is the primary."""

    standard = models.ForeignKey(Standard, models.CASCADE, related_name="ccs_links")
    code = models.ForeignKey("catalog.CcsCode", models.PROTECT, related_name="standard_links")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["standard", "code"], name="catalog_std_ccs_unique")
        ]

    def __str__(self) -> str:
        return f"{self.standard_id} {self.code_id}"


class Replacement(models.Model):
    """'successor replaces predecessor', fully or partly.

    Both ends are kept as canonical designations so that a link can be recorded before
    the other edition is in the catalogue; the foreign keys are filled in when it is.
    """

    predecessor_designation = models.CharField(_("replaced standard"), max_length=200)
    successor_designation = models.CharField(_("replacing standard"), max_length=200)
    predecessor = models.ForeignKey(
        Standard,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="replaced_by_links",
        verbose_name=_("replaced standard"),
    )
    successor = models.ForeignKey(
        Standard,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="replaces_links",
        verbose_name=_("replacing standard"),
    )
    partial = models.BooleanField(_("partial replacement"), default=False)
    source = models.ForeignKey(
        "catalog.DataSource",
        models.PROTECT,
        related_name="replacements",
        verbose_name=_("data source"),
    )

    class Meta:
        verbose_name = _("replacement")
        verbose_name_plural = _("replacements")
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor_designation", "successor_designation"],
                name="catalog_replacement_unique",
                violation_error_message=_("This replacement is already recorded."),
            ),
            models.CheckConstraint(
                condition=~models.Q(predecessor_designation=models.F("successor_designation")),
                name="catalog_replacement_not_self",
                violation_error_message=_("A standard cannot replace itself."),
            ),
        ]
        indexes = [
            models.Index(fields=["successor_designation"], name="catalog_repl_successor"),
        ]

    def __str__(self) -> str:
        return f"{self.successor_designation} → {self.predecessor_designation}"
