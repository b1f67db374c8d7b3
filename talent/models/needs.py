"""Training needs (培训需求) an enterprise sent to the consulting desk, forwarded to a centre."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from forwarding.models import ForwardedQuerySet, ForwardedRecord


class TrainingNeedQuerySet(ForwardedQuerySet):
    body_path = "centre"


class TrainingNeed(ForwardedRecord):
    """What an enterprise wants to learn; the centre accepts it, plans it, or declines it."""

    class State(models.TextChoices):
        RECEIVED = "received", pgettext_lazy("training need", "Received")
        ACCEPTED = "accepted", pgettext_lazy("training need", "Accepted")
        DECLINED = "declined", pgettext_lazy("training need", "Declined")
        COMPLETED = "completed", pgettext_lazy("training need", "Met")

    state = models.CharField(
        pgettext_lazy("forwarded", "state"), max_length=12, choices=State.choices,
        default=State.RECEIVED,
    )  # fmt: skip
    response = models.TextField(_("answer of the centre"), blank=True)

    centre = models.ForeignKey(
        "bodies.Body",
        models.PROTECT,
        related_name="training_needs",
        verbose_name=pgettext_lazy("training need", "centre"),
    )

    objects = TrainingNeedQuerySet.as_manager()

    class Meta(ForwardedRecord.Meta):
        verbose_name = _("training need")
        verbose_name_plural = _("training needs")
        constraints = [
            models.UniqueConstraint(
                fields=["source_reference"], name="talent_training_need_once_per_request"
            )
        ]

    def get_absolute_url(self) -> str:
        return reverse("talent:training:need", args=[self.pk])
