"""Scheduled work of the review slice: ballots closed at their date, voters reminded."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task


@db_periodic_task(crontab(minute="*/10"))
def ballots_due_task() -> None:
    """Remind voters before ballots close and close the ballots past their date."""
    from development.services.voting import close_due_ballots, remind_voters

    remind_voters()
    close_due_ballots()
