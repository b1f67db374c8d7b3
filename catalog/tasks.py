"""Background tasks of the catalogue (Huey: SQLite-backed embedded, Redis at scale)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from catalog.services.lifecycle import activate_due_standards


@db_periodic_task(crontab(hour="0", minute="5"))
def activate_due_standards_daily() -> int:
    """Every night, let upcoming standards whose effective date has come take effect."""
    return activate_due_standards()
