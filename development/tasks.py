"""Background work of standards development: daily deadlines, catalogue change impact."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task


@db_periodic_task(crontab(hour="6", minute="15"))
def development_daily_task() -> None:
    """Warnings before limit dates, cancellation after notice, review reminders."""
    from development.services.deadlines import run_daily

    run_daily()


@db_periodic_task(crontab(minute="*/5"))
def reference_impact_task() -> None:
    """Open action items for drafts citing standards the catalogue replaced or withdrew."""
    from development.services.impact import process_catalog_events

    process_catalog_events()


from development.tasks_review import ballots_due_task  # noqa: E402,F401
