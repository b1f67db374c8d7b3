"""Training needs (培训需求) an enterprise sent to the consulting desk, forwarded to a centre."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from bodies.querysets import BodyScopedQuerySet


class TrainingNeedQuerySet(BodyScopedQuerySet):
    """A need belongs to its centre; the enterprise and the desk member who sent it see it."""

    body_path = "centre"

    def object_filter(self, user, action: str) -> models.Q | None:
        if action == "view":
            return models.Q(requester=user) | models.Q(forwarded_by=user)
        return None


class TrainingNeed(models.Model):
    """What an enterprise wants to learn; the centre accepts it, plans it, or declines it."""

    class State(models.TextChoices):
        RECEIVED = "received", pgettext_lazy("training need", "Received")
        ACCEPTED = "accepted", pgettext_lazy("training need", "Accepted")
        DECLINED = "declined", pgettext_lazy("training need", "Declined")
        COMPLETED = "completed", pgettext_lazy("training need", "Met")

    centre = models.ForeignKey(
        "bodies.Body",
        models.PROTECT,
        related_name="training_needs",
        verbose_name=pgettext_lazy("training need", "centre"),
    )
    title = models.CharField(pgettext_lazy("training", "title"), max_length=200)
    description = models.TextField(pgettext_lazy("training", "description"), blank=True)
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        related_name="+",
        verbose_name=_("enterprise contact"),
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
        pgettext_lazy("training need", "state"), max_length=12, choices=State.choices,
        default=State.RECEIVED,
    )  # fmt: skip
    response = models.TextField(_("answer of the centre"), blank=True)
    created_at = models.DateTimeField(
        pgettext_lazy("training need", "received"), default=timezone.now
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = TrainingNeedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("training need")
        verbose_name_plural = _("training needs")
        constraints = [
            models.UniqueConstraint(
                fields=["source_reference"], name="talent_training_need_once_per_request"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("talent:training:need", args=[self.pk])
