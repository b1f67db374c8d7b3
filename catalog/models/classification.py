"""Classification vocabularies: ICS, CCS, industry codes and region codes."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class IcsCode(models.Model):
    """A node of the International Classification for Standards (edition 7)."""

    code = models.CharField(_("code"), max_length=12, unique=True)
    name_en = models.CharField(_("English name"), max_length=300)
    name_zh = models.CharField(_("Chinese name"), max_length=200, blank=True)
    parent = models.ForeignKey(
        "self",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )
    level = models.PositiveSmallIntegerField(_("level"), default=1)

    class Meta:
        ordering = ["code"]
        verbose_name = _("ICS code")
        verbose_name_plural = _("ICS codes")

    def __str__(self) -> str:
        return f"{self.code} {self.name_zh or self.name_en}"

    @property
    def name(self) -> str:
        return self.name_zh or self.name_en


class CcsCode(models.Model):
    """A node of the Chinese Classification for Standards (中国标准文献分类法)."""

    code = models.CharField(_("code"), max_length=12, unique=True)
    name_zh = models.CharField(_("Chinese name"), max_length=200)
    notes = models.TextField(_("notes"), blank=True)
    parent = models.ForeignKey(
        "self",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )
    level = models.PositiveSmallIntegerField(_("level"), default=1)

    class Meta:
        ordering = ["code"]
        verbose_name = _("CCS code")
        verbose_name_plural = _("CCS codes")

    def __str__(self) -> str:
        return f"{self.code} {self.name_zh}"

    @property
    def name(self) -> str:
        return self.name_zh


class IndustryCode(models.Model):
    """An industry standard code (行业标准代号) such as JB (machinery)."""

    code = models.CharField(_("code"), max_length=10, unique=True)
    name_zh = models.CharField(_("industry (Chinese)"), max_length=100)
    name_en = models.CharField(_("industry (English)"), max_length=100, blank=True)
    authority = models.CharField(_("authority"), max_length=100, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("industry code")
        verbose_name_plural = _("industry codes")

    def __str__(self) -> str:
        return f"{self.code} {self.name_zh}"


class RegionCode(models.Model):
    """An administrative division code used by local standards (DB41 = Henan)."""

    code = models.CharField(_("code"), max_length=6, unique=True)
    name_zh = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["code"]
        verbose_name = _("region code")
        verbose_name_plural = _("region codes")

    def __str__(self) -> str:
        return f"{self.code} {self.name_zh}"
