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
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("by")
    )
    created_at = models.DateTimeField(pgettext_lazy("consulting", "created"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("service link")
        verbose_name_plural = _("service links")
        constraints = [
            models.UniqueConstraint(
                fields=["request", "service"], name="consulting_link_once_per_service"
            )
        ]

    def __str__(self) -> str:
        return f"{self.request_id} → {self.label}"
