"""What a consulting request became elsewhere: a 查新 run, a commission at a centre."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from consulting.models.requests import ServiceRequest


class ServiceLink(models.Model):
    """A record another app created for a request through a registered consulting service.

    One link per request and service: forwarding the same request twice to the same service
    (a double submit) finds the first link instead of creating a second record.
    """

    request = models.ForeignKey(
        ServiceRequest,
        models.CASCADE,
        related_name="links",
        verbose_name=pgettext_lazy("consulting", "request"),
    )
    service = models.CharField(_("service"), max_length=40)
    label = models.CharField(_("record"), max_length=200)
    url = models.CharField(_("address"), max_length=300, blank=True)
    target = models.CharField(_("target"), max_length=40, blank=True)
    target_label = models.CharField(_("sent to"), max_length=200, blank=True)
    forwarded = models.BooleanField(_("forwarded by the desk"), default=False)
    # The record it points to (`verification.commission`, its pk), to find the link again
    # when the target reports a state change through `core.registry.report_service_progress`.
    record_model = models.CharField(_("record type"), max_length=100, blank=True)
    record_id = models.CharField(_("record id"), max_length=40, blank=True)
    state = models.CharField(_("state at the target"), max_length=40, blank=True)
    state_label = models.CharField(_("state at the target (as shown)"), max_length=100, blank=True)
    state_note = models.TextField(_("note from the target"), blank=True)
    outcome = models.CharField(_("outcome"), max_length=12, blank=True)
    state_at = models.DateTimeField(_("state updated"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("by")
    )
    created_at = models.DateTimeField(pgettext_lazy("consulting", "created"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["record_model", "record_id"], name="consulting_link_record")
        ]
        verbose_name = _("service link")
        verbose_name_plural = _("service links")
        constraints = [
            models.UniqueConstraint(
                fields=["request", "service"], name="consulting_link_once_per_service"
            )
        ]

    def __str__(self) -> str:
        return f"{self.request_id} → {self.label}"

    @property
    def current_state_label(self) -> str:
        """The record's state in the reader's language (the service's own label for it), else
        the label stored when it was reported."""
        from core.registry import consulting_service

        service = consulting_service(self.service)
        label = service.state_label(self.state) if service else None
        return str(label) if label else self.state_label

    @property
    def is_declined(self) -> bool:
        """The target refused the record: the desk may forward the request again."""
        return self.outcome == "declined"

    @property
    def is_done(self) -> bool:
        return self.outcome == "done"
