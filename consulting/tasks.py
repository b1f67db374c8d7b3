"""Background work of the service desk: SLA warnings every ten minutes."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from consulting.services.sla import warn_due_requests


@db_periodic_task(crontab(minute="*/10"))
def warn_due_requests_task() -> None:
    """Warn about requests near or past their due time."""
    warn_due_requests()
