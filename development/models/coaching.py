"""Coaching in drafting standards (标准制修订辅导) the consulting desk forwarded to an alliance."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from bodies.querysets import BodyScopedQuerySet


class CoachingRequestQuerySet(BodyScopedQuerySet):
    """A request belongs to its body; the enterprise and the desk member who sent it see it."""

    body_path = "body"

    def object_filter(self, user, action: str) -> models.Q | None:
        if action == "view":
            return models.Q(requester=user) | models.Q(forwarded_by=user)
        return None


class CoachingRequest(models.Model):
    """An enterprise asks a body for coaching in drafting a standard; its secretariat answers."""

    class State(models.TextChoices):
        RECEIVED = "received", pgettext_lazy("coaching", "Received")
        ACCEPTED = "accepted", pgettext_lazy("coaching", "Accepted")
        DECLINED = "declined", pgettext_lazy("coaching", "Declined")
        COMPLETED = "completed", pgettext_lazy("coaching", "Coached")

    body = models.ForeignKey(
        "bodies.Body",
        models.PROTECT,
        related_name="coaching_requests",
        verbose_name=pgettext_lazy("coaching", "body"),
    )
    title = models.CharField(pgettext_lazy("coaching", "title"), max_length=200)
    description = models.TextField(pgettext_lazy("coaching", "description"), blank=True)
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
        pgettext_lazy("coaching", "state"), max_length=12, choices=State.choices,
        default=State.RECEIVED,
    )  # fmt: skip
    response = models.TextField(_("answer of the secretariat"), blank=True)
    created_at = models.DateTimeField(pgettext_lazy("coaching", "received"), default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CoachingRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("coaching")
        verbose_name_plural = _("coaching requests")
        constraints = [
            models.UniqueConstraint(
                fields=["source_reference"], name="development_coaching_once_per_request"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("development:coaching", args=[self.pk])
