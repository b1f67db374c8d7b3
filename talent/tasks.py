"""Background tasks of the talent centre: invitation timeouts, term ends and training reminders."""

from django.utils.translation import gettext_lazy as _
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from jobs.services import JobContext, job_task, start_job
from talent.tasks_training import remind_training_sessions  # noqa: F401

TIMEOUT_JOB = "talent.invitation_timeouts"


@job_task(TIMEOUT_JOB, label=_("Expert invitations past their deadline"))
def invitation_timeout_job(job: JobContext) -> None:
    """Count every overdue invitation as declined and invite the next alternates."""
    from talent.services.invitations import time_out_invitations

    done = time_out_invitations()
    job.log(f"{done} invitation(s) timed out")


@db_periodic_task(crontab(minute="*/5"))
def time_out_invitations() -> None:
    """Every five minutes: a job row for the timeouts, when some invitation is overdue."""
    from talent.services.invitations import overdue_invitations

    if overdue_invitations().exists():
        start_job(TIMEOUT_JOB, title=str(_("Expert invitations past their deadline")))


@db_periodic_task(crontab(hour="1", minute="15"))
def expire_expert_terms() -> None:
    from talent.services.experts import expire_terms

    expire_terms()
