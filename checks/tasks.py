"""Background jobs of the checks app: thin wrappers that take primary keys."""

from __future__ import annotations

import contextlib

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from checks.services import alerts, delivery


@db_task()
def run_check_task(check_id: int) -> None:
    """Run a large check; progress is written to the Check row that the page polls."""
    from checks.services.checking import CheckError, run_check

    # A failure and its reason are stored on the check, where the page shows them.
    with contextlib.suppress(CheckError):
        run_check(check_id)


@db_periodic_task(crontab(minute="*"))
def process_catalog_events_task() -> None:
    """Turn new catalogue events into notifications and deliver the immediate ones."""
    alerts.process_catalog_events()
    delivery.deliver_pending()


@db_periodic_task(crontab(minute="*"))
def retry_webhooks_task() -> None:
    """Retry failed webhook deliveries whose backoff has elapsed."""
    delivery.retry_webhooks()


@db_periodic_task(crontab(minute="0", hour="8"))
def send_digests_task() -> None:
    """Send the daily digests every morning and the weekly ones on Mondays."""
    delivery.send_digests()
