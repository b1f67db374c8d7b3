"""Background jobs of the research centre: the analytics aggregates follow catalogue imports."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from jobs.services import JobContext, job_task
from research.services.refresh import REFRESH_JOB, refresh_aggregates, refresh_if_changed


@job_task(REFRESH_JOB, label=_("Analytics aggregates"), resumable=True, max_attempts=2)
def refresh_aggregates_job(job: JobContext) -> None:
    """Recompute the precomputed analytics (cube, gaps, outdated adoptions)."""
    state = refresh_aggregates(progress=job.progress)
    job.log(f"{state.cells} cells in {state.seconds:.1f} s")


@db_periodic_task(crontab(minute="*"))
def refresh_after_catalogue_changes() -> None:
    """Every minute: an import (or any edit) bumped the index version, so refresh once."""
    refresh_if_changed()
