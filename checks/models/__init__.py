"""Models of validity checks, watch lists and change alerts."""

from checks.models.alerts import (
    AlertCursor,
    AlertPreference,
    Notification,
    Webhook,
    WebhookDelivery,
)
from checks.models.checks import Check, CheckItem, Verdict
from checks.models.watching import WatchItem, WatchList, WatchRule

__all__ = [
    "AlertCursor",
    "AlertPreference",
    "Check",
    "CheckItem",
    "Notification",
    "Verdict",
    "WatchItem",
    "WatchList",
    "WatchRule",
    "Webhook",
    "WebhookDelivery",
]
