"""Coaching in drafting standards (标准制修订辅导) the consulting desk forwarded to an alliance."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from forwarding.models import ForwardedQuerySet, ForwardedRecord


class CoachingRequestQuerySet(ForwardedQuerySet):
    body_path = "body"


class CoachingRequest(ForwardedRecord):
    """An enterprise asks a body for coaching in drafting a standard; its secretariat answers."""

    class State(models.TextChoices):
        RECEIVED = "received", pgettext_lazy("coaching", "Received")
        ACCEPTED = "accepted", pgettext_lazy("coaching", "Accepted")
        DECLINED = "declined", pgettext_lazy("coaching", "Declined")
        COMPLETED = "completed", pgettext_lazy("coaching", "Coached")

    state = models.CharField(
        pgettext_lazy("forwarded", "state"), max_length=12, choices=State.choices,
        default=State.RECEIVED,
    )  # fmt: skip
    response = models.TextField(_("answer of the secretariat"), blank=True)

    body = models.ForeignKey(
        "bodies.Body",
        models.PROTECT,
        related_name="coaching_requests",
        verbose_name=pgettext_lazy("coaching", "body"),
    )

    objects = CoachingRequestQuerySet.as_manager()

    class Meta(ForwardedRecord.Meta):
        verbose_name = _("coaching")
        verbose_name_plural = _("coaching requests")
        constraints = [
            models.UniqueConstraint(
                fields=["source_reference"], name="development_coaching_once_per_request"
            )
        ]

    def get_absolute_url(self) -> str:
        return reverse("development:coaching", args=[self.pk])
