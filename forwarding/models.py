"""The abstract record a body receives when the consulting desk forwards a request to it.

A concrete model (`talent.TrainingNeed`, `development.CoachingRequest`) declares its own
foreign key to `bodies.Body` and its `Meta`; the columns below are the same for all of them.
Where its words differ it redeclares the field (Django lets a subclass override a field of
an abstract base): `state` with its own `State` labels, `response` with its own label.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from bodies.querysets import BodyScopedQuerySet


class ForwardedQuerySet(BodyScopedQuerySet):
    """A record belongs to its body; the enterprise and the desk member who sent it see it.

    Subclass it with the `body_path` of the concrete model's foreign key.
    """

    def object_filter(self, user, action: str) -> models.Q | None:
        if action == "view":
            return models.Q(requester=user) | models.Q(forwarded_by=user)
        return None


class ForwardedState(models.TextChoices):
    RECEIVED = "received", pgettext_lazy("forwarded", "Received")
    ACCEPTED = "accepted", pgettext_lazy("forwarded", "Accepted")
    DECLINED = "declined", pgettext_lazy("forwarded", "Declined")
    COMPLETED = "completed", pgettext_lazy("forwarded", "Completed")


class ForwardedRecord(models.Model):
    """What an enterprise asked the desk for, now at a body whose staff answer it."""

    State = ForwardedState

    title = models.CharField(pgettext_lazy("forwarded", "title"), max_length=200)
    description = models.TextField(pgettext_lazy("forwarded", "description"), blank=True)
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
        pgettext_lazy("forwarded", "state"),
        max_length=12,
        choices=ForwardedState.choices,
        default=ForwardedState.RECEIVED,
    )
    response = models.TextField(pgettext_lazy("forwarded", "answer"), blank=True)
    created_at = models.DateTimeField(pgettext_lazy("forwarded", "received"), default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title
