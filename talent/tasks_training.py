"""Periodic training task: remind participants of sessions starting within a day."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task


@db_periodic_task(crontab(minute="15"))
def remind_training_sessions() -> int:
    """Every hour: notify confirmed participants of sessions starting in the next 24 hours."""
    from talent.services.training_notices import send_session_reminders

    return send_session_reminders()
