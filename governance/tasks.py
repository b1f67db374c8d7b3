"""Background work of base governance: the daily overdue and missing-report warnings."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task


@db_periodic_task(crontab(hour="7", minute="30"))
def governance_daily_task() -> None:
    """Warn the responsible units of plan tasks past due, and of progress reports missing."""
    from governance.services.plans import warn_late_reports, warn_overdue

    warn_overdue()
    warn_late_reports()
