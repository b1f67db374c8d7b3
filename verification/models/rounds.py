"""Inter-laboratory rounds: precision experiments (ISO 5725-2) and proficiency tests."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bodies.querysets import BodyScopedQuerySet
from core.models import TimeStampedModel

__all__ = ["PrecisionRound", "RoundMeasurement"]


class RoundQuerySet(BodyScopedQuerySet):
    """A round belongs to its organising centre; its author always sees it."""

    body_path = "centre__body"

    def object_filter(self, user, action: str) -> models.Q | None:
        return models.Q(created_by=user)


class PrecisionRound(TimeStampedModel):
    """One inter-laboratory round: the same levels measured by several laboratories."""

    class Kind(models.TextChoices):
        PRECISION = "precision", _("Precision experiment (ISO 5725-2)")
        PROFICIENCY = "proficiency", _("Proficiency test (ISO 13528)")

    centre = models.ForeignKey(
        "verification.VerificationCentre", models.PROTECT, related_name="rounds",
        verbose_name=_("organising centre"),
    )  # fmt: skip
    request = models.ForeignKey(
        "verification.VerificationRequest", models.SET_NULL, null=True, blank=True,
        related_name="rounds", verbose_name=_("verification request"),
    )  # fmt: skip
    title = models.CharField(_("title"), max_length=200)
    method = models.CharField(_("test method"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.PRECISION)
    result = models.JSONField(_("result"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("created by")
    )

    objects = RoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("inter-laboratory round")
        verbose_name_plural = _("inter-laboratory rounds")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("verification:round", args=[self.pk])


class RoundMeasurement(models.Model):
    """One replicate of one laboratory at one level of a round."""

    round = models.ForeignKey(
        PrecisionRound, models.CASCADE, related_name="measurements", verbose_name=_("round")
    )
    level = models.CharField(_("level"), max_length=60)
    lab = models.CharField(_("laboratory"), max_length=60)
    replicate = models.PositiveSmallIntegerField(_("replicate"))
    value = models.FloatField(_("value"))

    class Meta:
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        ordering = ["round", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "level", "lab", "replicate"],
                name="verification_measurement_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.level} {self.lab} #{self.replicate}: {self.value:g}"
