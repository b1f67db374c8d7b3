"""Precomputed catalogue aggregates, rebuilt by a job after every change of the search index."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AdoptionClass(models.TextChoices):
    """How a standard relates to an ISO/IEC standard (采标): its degree, or none."""

    IDT = "IDT", _("Identical (IDT)")
    MOD = "MOD", _("Modified (MOD)")
    NEQ = "NEQ", _("Not equivalent (NEQ)")
    UNSTATED = "UNK", _("Adopted, degree not stated")
    NONE = "", _("No ISO/IEC adoption")


class AggregateCell(models.Model):
    """One cell of a cuboid: the number of standards sharing the values of its dimensions.

    `mask` names the dimensions the cuboid keeps (bits of `research.services.cube.DIMS`);
    the columns of the other dimensions are blank. The column names are those of
    `catalog_searchdoc`, so the search filters apply to a cuboid unchanged.
    """

    mask = models.PositiveSmallIntegerField(db_index=True)
    tier = models.CharField(max_length=16, blank=True)
    status = models.CharField(max_length=16, blank=True)
    status_rank = models.SmallIntegerField(null=True)
    mandate = models.CharField(max_length=16, blank=True)
    publisher_id = models.IntegerField(null=True)
    year = models.IntegerField(null=True)
    ics_root = models.CharField(max_length=2, blank=True)
    ccs_root = models.CharField(max_length=1, blank=True)
    adoption = models.CharField(max_length=3, blank=True)
    n = models.IntegerField()

    class Meta:
        db_table = "research_cubecell"
        # The full cuboid (queries grouping and filtering more than four facets) holds about
        # half the cells; these let such a query seek to its filtered values.
        indexes = [
            models.Index(fields=["mask", "tier", "status_rank"], name="research_cube_tier"),
            models.Index(fields=["mask", "publisher_id"], name="research_cube_publisher"),
            models.Index(fields=["mask", "year"], name="research_cube_year"),
            models.Index(fields=["mask", "ics_root"], name="research_cube_ics"),
        ]

    def __str__(self) -> str:
        return f"{self.mask}: {self.n}"


class GapField(models.Model):
    """An ICS field (second level) with its current ISO/IEC standards and how many are adopted."""

    ics_code = models.CharField(max_length=12, unique=True)
    ics_root = models.CharField(max_length=2, db_index=True)
    international = models.IntegerField()
    adopted = models.IntegerField()

    class Meta:
        ordering = ["ics_code"]

    def __str__(self) -> str:
        return f"{self.ics_code} {self.adopted}/{self.international}"


class OutdatedAdoption(models.Model):
    """A national standard in force whose adopted ISO/IEC edition has been replaced or withdrawn.

    The facet columns copy `catalog_searchdoc` so that the search filters apply.
    """

    standard_id = models.IntegerField(db_index=True)
    designation = models.CharField(max_length=200)
    title = models.CharField(max_length=500, blank=True)
    adopted_designation = models.CharField(max_length=200)
    verdict = models.CharField(max_length=20)
    latest = models.CharField(max_length=400, blank=True)
    tier = models.CharField(max_length=16)
    status = models.CharField(max_length=16)
    status_rank = models.SmallIntegerField()
    mandate = models.CharField(max_length=16, blank=True)
    publisher_id = models.IntegerField(null=True)
    year = models.IntegerField(null=True)
    ics_root = models.CharField(max_length=2, blank=True)
    ccs_root = models.CharField(max_length=1, blank=True)

    class Meta:
        db_table = "research_outdatedadoption"
        ordering = ["designation"]

    def __str__(self) -> str:
        return f"{self.designation} → {self.adopted_designation}"


class AggregateState(models.Model):
    """The one row saying when the aggregates were computed and from which index version."""

    index_version = models.BigIntegerField(default=-1)
    refreshed_at = models.DateTimeField(null=True)
    standards = models.IntegerField(default=0)
    cells = models.IntegerField(default=0)
    seconds = models.FloatField(default=0)

    class Meta:
        verbose_name = _("analytics aggregates")
        permissions = [("refresh_aggregates", _("Can refresh the analytics aggregates"))]

    def __str__(self) -> str:
        return f"{self.refreshed_at} (v{self.index_version})"
