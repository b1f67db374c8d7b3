"""Background tasks of the talent centre: invitation timeouts, term ends and training reminders."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from talent.tasks_training import remind_training_sessions  # noqa: F401


@db_periodic_task(crontab(minute="*/5"))
def time_out_invitations() -> None:
    from talent.services.invitations import time_out_invitations as run

    run()


@db_periodic_task(crontab(hour="1", minute="15"))
def expire_expert_terms() -> None:
    from talent.services.experts import expire_terms

    expire_terms()
