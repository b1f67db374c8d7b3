"""The abstract record a body receives when the consulting desk forwards a request to it.

A concrete model (`talent.TrainingNeed`, `development.CoachingRequest`) declares its own
foreign key to `bodies.Body`, its `State` choices, the labels of its fields (`field_labels`)
and its `Meta`; the columns below are the same for all of them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.signals import class_prepared
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
    #: field name → verbose name, set on the concrete model's fields (their migrations say so)
    field_labels: dict = {}

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


def _label_fields(sender, **kwargs) -> None:
    """Give a concrete record its own labels and state choices (same columns, own words)."""
    if not issubclass(sender, ForwardedRecord) or sender._meta.abstract:
        return
    for name, label in sender.field_labels.items():
        field = sender._meta.get_field(name)
        field.verbose_name = field._verbose_name = label  # _verbose_name: what migrations see
    sender._meta.get_field("state").choices = sender.State.choices


class_prepared.connect(_label_fields)
