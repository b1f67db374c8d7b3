"""Periodic tasks of notifications: webhook retries and the e-mail digests."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from notifications.services import delivery


@db_periodic_task(crontab(minute="*"))
def deliver_notifications_task() -> None:
    """Send immediate e-mails and new webhook deliveries of every app."""
    delivery.deliver_pending()


@db_periodic_task(crontab(minute="*"))
def retry_webhooks_task() -> None:
    """Retry failed webhook deliveries whose backoff has elapsed."""
    delivery.retry_webhooks()


@db_periodic_task(crontab(minute="0", hour="8"))
def send_digests_task() -> None:
    """Send the daily digests every morning and the weekly ones on Mondays."""
    delivery.send_digests()
