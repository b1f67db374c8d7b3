"""Change alerts: notifications, delivery preferences, webhooks and the event cursor."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.fields import EncryptedCharField
from core.querysets import RestrictedQuerySet


class OwnedQuerySet(RestrictedQuerySet):
    """Rows belong to one person."""

    owner_field = "owner"

    def object_filter(self, user, action: str) -> models.Q | None:
        return models.Q(**{self.owner_field: user})


class NotificationQuerySet(OwnedQuerySet):
    owner_field = "recipient"

    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)


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


class AlertPreference(models.Model):
    """How one person wants to receive alerts."""

    class Frequency(models.TextChoices):
        IMMEDIATE = "immediate", _("Immediately")
        DAILY = "daily", _("Daily digest")
        WEEKLY = "weekly", _("Weekly digest")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="alert_preference",
        verbose_name=_("user"),
    )
    email = models.BooleanField(_("send email"), default=True)
    frequency = models.CharField(
        _("frequency"), max_length=10, choices=Frequency.choices, default=Frequency.IMMEDIATE
    )
    significant_only = models.BooleanField(_("significant changes only"), default=False)
    last_digest_at = models.DateTimeField(_("last digest sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("alert preference")
        verbose_name_plural = _("alert preferences")

    def __str__(self) -> str:
        return f"{self.user} {self.frequency}"


class Notification(models.Model):
    """One message in a person's message centre, about one catalogue change."""

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
    event = models.ForeignKey(
        "catalog.CatalogEvent",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("catalogue event"),
    )
    standard = models.ForeignKey(
        "catalog.Standard",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("standard"),
    )
    watchlist = models.ForeignKey(
        "checks.WatchList",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("watch list"),
    )
    check_run = models.ForeignKey(
        "checks.Check",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("affected check"),
    )
    kind = models.CharField(_("kind"), max_length=24)
    significant = models.BooleanField(_("significant"), default=True)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("message"), blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
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
                fields=["event", "recipient"],
                name="checks_notification_once",
                violation_error_message=_("This change was already notified to this person."),
            ),
        ]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="checks_notif_unread"),
            models.Index(fields=["email_state"], name="checks_notif_email"),
        ]

    def __str__(self) -> str:
        return self.title


class WebhookQuerySet(OwnedQuerySet):
    pass


class Webhook(models.Model):
    """An HTTP endpoint that receives a person's alerts: signed JSON or a chat robot."""

    class Flavor(models.TextChoices):
        GENERIC = "generic", _("Generic JSON (HMAC-SHA256 signed)")
        WECOM = "wecom", _("WeChat Work robot")
        DINGTALK = "dingtalk", _("DingTalk robot")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="webhooks",
        verbose_name=_("owner"),
    )
    name = models.CharField(_("name"), max_length=100)
    url = models.URLField(_("URL"), max_length=500)
    flavor = models.CharField(
        _("format"), max_length=10, choices=Flavor.choices, default=Flavor.GENERIC
    )
    secret = EncryptedCharField(_("signing secret"), max_length=200, blank=True)
    active = models.BooleanField(_("active"), default=True)
    significant_only = models.BooleanField(_("significant changes only"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = WebhookQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")

    def __str__(self) -> str:
        return self.name


class DeliveryQuerySet(OwnedQuerySet):
    owner_field = "webhook__owner"


class WebhookDelivery(models.Model):
    """One notification sent to one webhook, with its attempts and the next retry."""

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        DELIVERED = "delivered", _("Delivered")
        RETRYING = "retrying", _("Failed, will retry")
        ABANDONED = "abandoned", _("Failed, given up")

    webhook = models.ForeignKey(
        Webhook, models.CASCADE, related_name="deliveries", verbose_name=_("webhook")
    )
    notification = models.ForeignKey(
        Notification, models.CASCADE, related_name="deliveries", verbose_name=_("notification")
    )
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    response_status = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["webhook", "notification"],
                name="checks_delivery_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.webhook} #{self.notification_id} {self.state}"
