"""The KPI tree (一级/二级/三级 indicators) and the monthly values of its leaves."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from governance.models.common import BaseScopedQuerySet


class Indicator(models.Model):
    """One indicator of a base's KPI tree: weight among its siblings, target, data source."""

    base = models.ForeignKey(
        "governance.Base", models.CASCADE, related_name="indicators", verbose_name=_("base")
    )
    parent = models.ForeignKey(
        "self", models.CASCADE, null=True, blank=True, related_name="children",
        verbose_name=_("parent indicator"),
    )  # fmt: skip
    level = models.PositiveSmallIntegerField(pgettext_lazy("governance", "level"), default=1)
    code = models.CharField(pgettext_lazy("governance", "code"), max_length=20)
    name = models.CharField(pgettext_lazy("governance", "name"), max_length=200)
    weight = models.DecimalField(_("weight"), max_digits=6, decimal_places=2, default=1)
    target = models.DecimalField(
        _("target"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    unit = models.CharField(
        pgettext_lazy("governance", "unit of measure"), max_length=20, blank=True
    )
    # The code of a registered data source (sources.py), or "manual".
    source = models.CharField(
        pgettext_lazy("governance", "data source"), max_length=60, default="manual"
    )
    params = models.JSONField(_("source parameters"), default=dict, blank=True)
    centre = models.ForeignKey(
        "bodies.Body", models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("centre or unit"),
    )  # fmt: skip
    position = models.PositiveIntegerField(pgettext_lazy("governance", "position"), default=0)

    objects = BaseScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["base", "code"]
        constraints = [
            models.UniqueConstraint(fields=["base", "code"], name="governance_indicator_code"),
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=3), name="governance_indicator_level"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("governance:indicator", args=[self.pk])

    @property
    def is_leaf(self) -> bool:
        return self.level == 3 or not self.children.exists()


class KpiValueQuerySet(BaseScopedQuerySet):
    body_path = "indicator__base__body"


class KpiValue(models.Model):
    """The value of a leaf indicator at the end of one month, and how it was obtained."""

    indicator = models.ForeignKey(
        Indicator, models.CASCADE, related_name="values", verbose_name=_("indicator")
    )
    period = models.DateField(_("month"))
    value = models.DecimalField(
        pgettext_lazy("governance", "value"), max_digits=16, decimal_places=2
    )
    computed = models.BooleanField(_("computed from the platform"), default=False)
    method = models.TextField(_("how it was obtained"), blank=True)
    # Links to the counted records: [{"label": ..., "url": ...}] (the first ones).
    records = models.JSONField(_("records"), default=list, blank=True)
    evidence = models.ForeignKey(
        "governance.Document", models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("evidence"),
    )  # fmt: skip
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("entered by"),
    )  # fmt: skip
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    objects = KpiValueQuerySet.as_manager()

    class Meta:
        verbose_name = _("KPI value")
        verbose_name_plural = _("KPI values")
        ordering = ["indicator", "period"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period"], name="governance_kpi_period")
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.period:%Y-%m}: {self.value}"
