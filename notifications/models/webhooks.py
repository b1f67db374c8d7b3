"""A person's webhooks and the outbox of deliveries to them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.fields import EncryptedCharField
from core.querysets import OwnedQuerySet


class Webhook(models.Model):
    """An HTTP endpoint that receives a person's notifications: signed JSON or a chat robot."""

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

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")

    def __str__(self) -> str:
        return self.name


class DeliveryQuerySet(OwnedQuerySet):
    owner_field = "webhook__owner"


class WebhookDelivery(models.Model):
    """One notification sent to one webhook (the outbox row), with attempts and next retry."""

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        DELIVERED = "delivered", _("Delivered")
        RETRYING = "retrying", _("Failed, will retry")
        ABANDONED = "abandoned", _("Failed, given up")

    webhook = models.ForeignKey(
        Webhook, models.CASCADE, related_name="deliveries", verbose_name=_("webhook")
    )
    notification = models.ForeignKey(
        "notifications.Notification",
        models.CASCADE,
        related_name="deliveries",
        verbose_name=_("notification"),
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
                fields=["webhook", "notification"], name="notifications_delivery_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.webhook} #{self.notification_id} {self.state}"
