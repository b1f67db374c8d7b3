"""`stdbase process_alerts`: run the change-alert job once (cron, or without a task worker)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from checks.services import alerts
from notifications.services import delivery


class Command(BaseCommand):
    help = "Turn new catalogue events into notifications, send emails and webhooks."

    def add_arguments(self, parser):
        parser.add_argument(
            "--digests",
            action="store_true",
            help="also send the daily (and on Mondays weekly) digests",
        )

    def handle(self, *args, digests: bool, **options):
        events = alerts.process_catalog_events()
        delivery.deliver_pending()
        retried = delivery.retry_webhooks()
        sent = delivery.send_digests() if digests else 0
        self.stdout.write(
            f"events {events}, webhook retries delivered {retried}, digest emails {sent}"
        )
