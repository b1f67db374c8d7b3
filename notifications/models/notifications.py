"""A person's notifications, their delivery preferences and their choices per event type."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.querysets import OwnedQuerySet


class NotificationQuerySet(OwnedQuerySet):
    owner_field = "recipient"

    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)


class Preference(models.Model):
    """How one person wants to receive notifications by e-mail: at all, now or as a digest."""

    class Frequency(models.TextChoices):
        IMMEDIATE = "immediate", _("Immediately")
        DAILY = "daily", _("Daily digest")
        WEEKLY = "weekly", _("Weekly digest")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="notification_preference",
        verbose_name=_("user"),
    )
    email = models.BooleanField(_("send email"), default=True)
    frequency = models.CharField(
        _("frequency"), max_length=10, choices=Frequency.choices, default=Frequency.IMMEDIATE
    )
    significant_only = models.BooleanField(_("significant changes only"), default=False)
    last_digest_at = models.DateTimeField(_("last digest sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return f"{self.user} {self.frequency}"


class EventPreference(models.Model):
    """The channels one person chose for one event type (absent: the type's defaults)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="event_preferences",
        verbose_name=_("user"),
    )
    event_type = models.CharField(_("event type"), max_length=60)
    channels = models.JSONField(_("channels"), default=list, blank=True)

    class Meta:
        verbose_name = _("event type preference")
        verbose_name_plural = _("event type preferences")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "event_type"], name="notifications_eventpref_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.event_type} {self.channels}"


class Notification(models.Model):
    """One message in a person's message centre, about one object of any app."""

    class EmailState(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        SKIPPED = "skipped", _("Not emailed")
        FAILED = "failed", _("Failed")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    event_type = models.CharField(_("event type"), max_length=60, db_index=True)
    kind = models.CharField(_("kind"), max_length=24, blank=True)
    subject_type = models.ForeignKey(
        ContentType, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    subject_id = models.PositiveBigIntegerField(null=True, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")
    significant = models.BooleanField(_("significant"), default=True)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("message"), blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)
    # Exactly once: the same key is never notified twice to the same person.
    dedupe_key = models.CharField(_("de-duplication key"), max_length=120, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    email_state = models.CharField(
        _("email"), max_length=8, choices=EmailState.choices, default=EmailState.PENDING
    )

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "dedupe_key"],
                condition=~models.Q(dedupe_key=""),
                name="notifications_once",
                violation_error_message=_("This was already notified to this person."),
            ),
        ]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notifications_unread"),
            models.Index(fields=["email_state"], name="notifications_email"),
        ]

    def __str__(self) -> str:
        return self.title

    # Links an app stored in `data` (the watch list or check that caused a notification).
    @property
    def watchlist_id(self) -> int | None:
        return self.data.get("watchlist")

    @property
    def check_run_id(self) -> int | None:
        return self.data.get("check")
