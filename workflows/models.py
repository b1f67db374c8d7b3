"""Objects that carry a process state, and the immutable events of their transitions."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from workflows.processes import Process


class ProcessEventError(Exception):
    """Raised when code tries to change or delete a process event."""


class StatefulModel(models.Model):
    """Abstract: an object moved along `process` (a `workflows.processes.Process`).

    Subclasses set `process = MY_PROCESS`; the state is changed only through
    `workflows.services.transition`, which writes a `ProcessEvent` and an audit entry.
    """

    process: ClassVar[Process]

    state = models.CharField(_("state"), max_length=40, db_index=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.state:
            self.state = self.process.initial
        super().save(*args, **kwargs)

    @property
    def state_label(self) -> str:
        """The human-readable name of the current state."""
        return self.process.state_label(self.state)


class ProcessEventQuerySet(models.QuerySet):
    """Events are appended and read, never changed or deleted."""

    def update(self, **kwargs):
        raise ProcessEventError("process events cannot be changed")

    def delete(self):
        raise ProcessEventError("process events cannot be deleted")

    def for_object(self, obj: models.Model) -> ProcessEventQuerySet:
        """The events of one object, oldest first."""
        content_type = ContentType.objects.get_for_model(obj)
        return self.filter(content_type=content_type, object_id=str(obj.pk)).order_by("pk")


class ProcessEvent(models.Model):
    """One transition of one object: who, when, from, to, comment and optional data."""

    content_type = models.ForeignKey(
        ContentType, models.PROTECT, related_name="+", verbose_name=_("object type")
    )
    object_id = models.CharField(_("object ID"), max_length=64)
    subject = GenericForeignKey("content_type", "object_id")
    process = models.CharField(_("process"), max_length=100)
    transition = models.CharField(_("transition"), max_length=60)
    from_state = models.CharField(_("from"), max_length=40)
    to_state = models.CharField(_("to"), max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    actor_name = models.CharField(_("by (name kept)"), max_length=150, blank=True)
    occurred_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    comment = models.TextField(_("comment"), blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True)

    objects = ProcessEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("process event")
        verbose_name_plural = _("process events")
        ordering = ["pk"]
        default_permissions = ("view",)
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="workflows_event_subject"),
        ]

    def __str__(self) -> str:
        return f"{self.process}.{self.transition}: {self.from_state} → {self.to_state}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ProcessEventError("process events cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ProcessEventError("process events cannot be deleted")
