"""Periodic task of the jobs app: find jobs whose worker died."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from jobs.services import recover_stale_jobs


@db_periodic_task(crontab(minute="*"))
def recover_stale_jobs_task() -> int:
    """Every minute, re-queue or fail running jobs that stopped sending heartbeats."""
    return recover_stale_jobs()
