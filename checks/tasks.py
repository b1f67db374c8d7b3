"""Background jobs of the checks app: thin wrappers that take primary keys."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from checks.services import alerts
from jobs.services import JobContext, job_task
from notifications.services import delivery

RUN_CHECK = "checks.check"


def _check_job_failed(job) -> None:
    from checks.services.checking import fail_check

    fail_check(job.params["args"][0], job.error)


@job_task(
    RUN_CHECK,
    label=_("Validity check"),
    resumable=True,
    max_attempts=2,
    on_failure=_check_job_failed,
)
def run_check_job(job: JobContext, check_id: int) -> None:
    """Run a large check under its job: progress per batch, a crash re-runs it once."""
    from checks.services.checking import run_check

    check = run_check(check_id, progress=job.progress)
    job.set_result(check)


@db_periodic_task(crontab(minute="*"))
def process_catalog_events_task() -> None:
    """Turn new catalogue events into notifications and deliver the immediate ones."""
    alerts.process_catalog_events()
    delivery.deliver_pending()
