"""Verification commissions (验证委托) forwarded to a centre by the consulting desk."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bodies.querysets import BodyScopedQuerySet
from core.models import TimeStampedModel

__all__ = ["Commission"]


class CommissionQuerySet(BodyScopedQuerySet):
    """A commission belongs to its centre; the client and the desk member who sent it see it."""

    body_path = "centre__body"

    def object_filter(self, user, action: str) -> models.Q | None:
        if action == "view":
            return models.Q(client=user) | models.Q(forwarded_by=user)
        return None


class Commission(TimeStampedModel):
    """An enterprise's verification commission, received from the consulting desk."""

    class State(models.TextChoices):
        RECEIVED = "received", _("Received")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        COMPLETED = "completed", _("Completed")

    centre = models.ForeignKey(
        "verification.VerificationCentre", models.PROTECT, related_name="commissions",
        verbose_name=_("verification centre"),
    )  # fmt: skip
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    client = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("client")
    )
    organization = models.CharField(_("organisation"), max_length=200, blank=True)
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    note = models.TextField(_("note from the desk"), blank=True)
    forwarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("forwarded by")
    )
    source_reference = models.CharField(_("consulting request"), max_length=40)
    source_url = models.CharField(_("consulting request address"), max_length=300, blank=True)
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.RECEIVED
    )

    objects = CommissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("verification commission")
        verbose_name_plural = _("verification commissions")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["source_reference"], name="verification_commission_once_per_request"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("verification:commission", args=[self.pk])
