"""Models of notifications: the message centre, preferences, webhooks and their outbox."""

from notifications.models.notifications import (
    EventPreference,
    Notification,
    NotificationQuerySet,
    Preference,
)
from notifications.models.webhooks import Webhook, WebhookDelivery

__all__ = [
    "EventPreference",
    "Notification",
    "NotificationQuerySet",
    "Preference",
    "Webhook",
    "WebhookDelivery",
]
