"""Change alerts: how far the watch-list alert job has read the catalogue event stream.

The notifications themselves, preferences, webhooks and their outbox live in the
`notifications` app; the alert job (`checks.services.alerts`) is one of its clients.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AlertCursor(models.Model):
    """How far a consumer has read the catalogue event stream (ids are increasing)."""

    name = models.CharField(_("consumer"), max_length=60, unique=True)
    position = models.BigIntegerField(_("last event id"), default=0)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("event cursor")
        verbose_name_plural = _("event cursors")

    def __str__(self) -> str:
        return f"{self.name}@{self.position}"
