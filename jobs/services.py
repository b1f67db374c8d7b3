"""Run long work as background jobs: one row per job, one wrapper over Huey tasks.

An app declares a job function with `@job_task("app.kind", label=...)`; the function gets a
`JobContext` first (progress, log, result, cancel). `start_job` creates the row and queues
it; `run_job` claims the row, runs the function and records the outcome: success, a readable
failure (the traceback goes to the job's log and the server log), or a cancel. A job whose
worker died stops sending heartbeats; `recover_stale_jobs` re-queues it (when its kind is
resumable and attempts remain) or fails it visibly, so nothing stays "running" for ever.
"""

from __future__ import annotations

import datetime
import logging
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext as _

from audit.services import log_action
from core.exceptions import DomainError
from jobs.models import Job

logger = logging.getLogger("stdbase.jobs")

LOG_LIMIT = 200
State = Job.State


class JobError(DomainError):
    """A job cannot be started or changed as asked."""

    code = "job_invalid"


class JobCancelled(BaseException):  # noqa: N818 - a signal, not an error
    """Raised inside a job function when someone asked to cancel it.

    A BaseException, so that the job function's own `except Exception` cannot swallow it.
    """


@dataclass(frozen=True)
class JobKind:
    """A registered kind of job: its function, Huey task and what happens after a crash."""

    code: str
    label: str
    func: Callable
    task: Callable
    resumable: bool = False
    max_attempts: int = 1
    on_failure: Callable[[Job], None] | None = None
    # What the progress fragment shows below the bar: a template and its context.
    summary_template: str = ""
    summary: Callable[[Job], dict] | None = None


KINDS: dict[str, JobKind] = {}


def stale_after() -> datetime.timedelta:
    """How long a running job may go without a heartbeat before it counts as dead."""
    return datetime.timedelta(seconds=getattr(settings, "JOB_STALE_SECONDS", 300))


def _entry(text: str, level: str = "info") -> dict:
    return {"at": timezone.now().isoformat(), "level": level, "text": str(text)}


class JobContext:
    """What a job function may do with its row: report progress, log, set its result."""

    def __init__(self, job: Job) -> None:
        self.job = job

    def progress(self, done: int, total: int | None = None) -> None:
        """Store progress and a heartbeat; raises JobCancelled when a cancel was asked for."""
        values = {"done": done, "heartbeat_at": timezone.now()}
        if total is not None:
            values["total"] = total
        Job.objects.filter(pk=self.job.pk).update(**values)
        for key, value in values.items():
            setattr(self.job, key, value)
        self.check_cancelled()

    def check_cancelled(self) -> None:
        """Raise JobCancelled when someone asked to cancel this job."""
        if Job.objects.filter(pk=self.job.pk, cancel_requested=True).exists():
            raise JobCancelled

    def log(self, text: str, level: str = "info") -> None:
        """Append one message to the job's log (kept to the last LOG_LIMIT messages)."""
        append_log(self.job, text, level)

    def set_result(self, obj: models.Model | None = None, url: str = "") -> None:
        """Point the job at what it produced (an object and/or a link)."""
        job = self.job
        if obj is not None:
            job.result_type = ContentType.objects.get_for_model(obj)
            job.result_id = obj.pk
            url = url or getattr(obj, "get_absolute_url", lambda: "")()
        job.result_url = url[:300]
        job.save(update_fields=["result_type", "result_id", "result_url"])


def append_log(job: Job, text: str, level: str = "info") -> None:
    """Add a message to a job's log."""
    job.refresh_from_db(fields=["log"])
    job.log = [*job.log, _entry(text, level)][-LOG_LIMIT:]
    Job.objects.filter(pk=job.pk).update(log=job.log)


def register(kind: JobKind) -> JobKind:
    """Add a kind of job to the registry (done by the `job_task` decorator)."""
    KINDS[kind.code] = kind
    return kind


def kind_of(code: str) -> JobKind:
    """The registered kind of job; task modules are imported on first need."""
    if code not in KINDS:
        autodiscover_modules("tasks")
    if code not in KINDS:
        raise JobError(_("Unknown kind of job: %(kind)s") % {"kind": code})
    return KINDS[code]


def job_task(
    code: str,
    *,
    label: str,
    resumable: bool = False,
    max_attempts: int = 1,
    on_failure: Callable[[Job], None] | None = None,
    summary_template: str = "",
    summary: Callable[[Job], dict] | None = None,
) -> Callable[[Callable], Callable]:
    """Decorator: register a job function and the Huey task that runs it under its row."""
    from huey.contrib.djhuey import db_task

    def decorate(func: Callable) -> Callable:
        def runner(job_id: int, *args, **kwargs):
            return run_job(job_id, func, *args, **kwargs)

        runner.__name__ = runner.__qualname__ = "job_" + code.replace(".", "_")
        task = db_task(name=f"jobs.{code}")(runner)
        register(
            JobKind(
                code,
                label,
                func,
                task,
                resumable,
                max(1, max_attempts),
                on_failure,
                summary_template,
                summary,
            )
        )
        return func

    return decorate


def create_job(code: str, *args, started_by=None, title: str = "", total: int = 0, **kwargs) -> Job:
    """A queued job row of a registered kind with the arguments it will run with."""
    kind = kind_of(code)
    user = started_by if getattr(started_by, "is_authenticated", False) else None
    return Job.objects.create(
        kind=code,
        title=(title or str(kind.label))[:200],
        started_by=user,
        total=total,
        params={"args": list(args), "kwargs": kwargs},
    )


def enqueue_job(job: Job) -> Job:
    """Hand a queued job to the task queue (runs at once in the embedded immediate mode)."""
    kind = kind_of(job.kind)
    # For a queued job the heartbeat is when it was last handed to the queue.
    Job.objects.filter(pk=job.pk, state=State.QUEUED).update(heartbeat_at=timezone.now())
    kind.task(job.pk, *job.params.get("args", ()), **job.params.get("kwargs", {}))
    job.refresh_from_db()
    return job


def start_job(code: str, *args, started_by=None, title: str = "", **kwargs) -> Job:
    """Create and queue a job; returns the row (already finished in immediate mode)."""
    return enqueue_job(create_job(code, *args, started_by=started_by, title=title, **kwargs))


def run_job(job_id: int, func: Callable, *args, **kwargs):
    """Claim a queued job, run its function and record the outcome on the row."""
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, state=State.QUEUED).update(
        state=State.RUNNING,
        started_at=now,
        heartbeat_at=now,
        attempts=F("attempts") + 1,
        error="",
    )
    if not claimed:
        logger.info("job %s not queued any more; skipped", job_id)
        return None
    job = Job.objects.get(pk=job_id)
    context = JobContext(job)
    try:
        context.check_cancelled()
        result = func(context, *args, **kwargs)
    except JobCancelled:
        _finish(job, State.CANCELLED, _("Cancelled."))
        return None
    except DomainError as exc:
        if exc.__cause__ is not None:
            logger.error("job %s (%s) failed", job_id, job.kind, exc_info=exc.__cause__)
        _fail(job, exc.message, traceback.format_exc())
        return None
    except Exception:
        logger.exception("job %s (%s) failed", job_id, job.kind)
        message = _(
            "The job failed unexpectedly (job %(id)s). An administrator can read the details "
            "in its log."
        ) % {"id": job_id}
        _fail(job, message, traceback.format_exc())
        return None
    _finish(job, State.SUCCEEDED)
    return result


@contextmanager
def inline_job(
    code: str, *, started_by=None, title: str = "", total: int = 0
) -> Iterator[JobContext]:
    """Run work in the caller's process under a job row (a console import, a data load).

    The row is running from the start and ends succeeded, cancelled or failed like a queued
    job's; unlike a queued job the caller's exception propagates after it is recorded.
    """
    job = create_job(code, started_by=started_by, title=title, total=total)
    now = timezone.now()
    Job.objects.filter(pk=job.pk).update(
        state=State.RUNNING, started_at=now, heartbeat_at=now, attempts=1
    )
    job.refresh_from_db()
    try:
        yield JobContext(job)
    except JobCancelled:
        _finish(job, State.CANCELLED, _("Cancelled."))
        raise
    except BaseException as exc:
        message = exc.message if isinstance(exc, DomainError) else str(exc) or type(exc).__name__
        _fail(job, message[:2000], traceback.format_exc())
        raise
    _finish(job, State.SUCCEEDED)


def _finish(job: Job, state: str, error: str = "") -> bool:
    """Move a running job to a final state; False when it was not running any more."""
    values = {"state": state, "finished_at": timezone.now(), "error": error}
    if state == State.SUCCEEDED:
        job.refresh_from_db(fields=["done", "total"])
        values["done"] = max(job.done, job.total)
    changed = Job.objects.filter(pk=job.pk, state=State.RUNNING).update(**values)
    job.refresh_from_db()
    if changed and state != State.SUCCEEDED:
        _after_failure(job)
    return bool(changed)


def _fail(job: Job, message: str, trace: str = "") -> None:
    if trace:
        append_log(job, trace, "error")
    append_log(job, message, "error")
    _finish(job, State.FAILED, message)


def _after_failure(job: Job) -> None:
    kind = KINDS.get(job.kind)
    if kind and kind.on_failure:
        try:
            kind.on_failure(job)
        except Exception:  # noqa: BLE001 - the job row already tells the failure
            logger.exception("failure hook of job %s failed", job.pk)


def cancel_job(job: Job, user, request=None) -> Job:
    """Cancel a queued job at once, or ask a running one to stop at its next progress step."""
    if job.started_by_id != getattr(user, "pk", None) and not user.has_perm("jobs.change_job"):
        raise JobError(_("You cannot cancel this job."), code="forbidden")
    if job.is_finished:
        raise JobError(_("This job has already finished."))
    now = timezone.now()
    Job.objects.filter(pk=job.pk, state=State.QUEUED).update(
        state=State.CANCELLED, finished_at=now, error=_("Cancelled."), cancel_requested=True
    )
    Job.objects.filter(pk=job.pk, state=State.RUNNING).update(cancel_requested=True)
    job.refresh_from_db()
    if job.state == State.CANCELLED:
        _after_failure(job)
    log_action(
        "jobs.job.cancelled", actor=user, obj=job, request=request, after={"state": job.state}
    )
    return job


def recover_stale_jobs(now: datetime.datetime | None = None) -> int:
    """Re-queue or fail running jobs without a heartbeat for too long; returns how many.

    Queued jobs that no worker started (a task message lost with a flushed or restarted
    queue) are handed to the queue again, and failed visibly after JOB_QUEUE_MAX_SECONDS.
    """
    now = now or timezone.now()
    limit = now - stale_after()
    recovered = _recover_lost_queued(now, limit)
    stale = list(Job.objects.filter(state=State.RUNNING, heartbeat_at__lt=limit))
    for job in stale:
        try:
            kind = kind_of(job.kind)
        except JobError:
            kind = None
        if kind and kind.resumable and job.attempts < kind.max_attempts:
            requeued = Job.objects.filter(
                pk=job.pk, state=State.RUNNING, heartbeat_at=job.heartbeat_at
            ).update(state=State.QUEUED)
            if requeued:
                append_log(job, _("The worker stopped; the job was queued again."), "warning")
                logger.warning("job %s had no heartbeat since %s; re-queued", job.pk, limit)
                enqueue_job(job)
            continue
        message = _(
            "The worker running this job stopped (no sign of life since %(time)s); "
            "the job did not finish. Start it again."
        ) % {"time": timezone.localtime(job.heartbeat_at).strftime("%Y-%m-%d %H:%M:%S")}
        logger.error("job %s had no heartbeat since %s; failed", job.pk, job.heartbeat_at)
        append_log(job, message, "error")
        _finish(job, State.FAILED, message)
    return recovered + len(stale)


def _recover_lost_queued(now: datetime.datetime, limit: datetime.datetime) -> int:
    """Re-queue queued jobs untouched since ``limit``; fail those queued for too long."""
    too_old = now - datetime.timedelta(seconds=getattr(settings, "JOB_QUEUE_MAX_SECONDS", 86400))
    waiting = Job.objects.filter(state=State.QUEUED, created_at__lt=limit).filter(
        models.Q(heartbeat_at__lt=limit) | models.Q(heartbeat_at__isnull=True)
    )
    count = 0
    for job in waiting:
        if job.created_at < too_old:
            message = _(
                "No worker started this job within %(hours)s hours of queueing it; it was "
                "given up. Start it again, and ask an administrator to check the workers."
            ) % {"hours": round((now - job.created_at).total_seconds() / 3600)}
            given_up = Job.objects.filter(pk=job.pk, state=State.QUEUED).update(
                state=State.FAILED, finished_at=now, error=message
            )
            if given_up:
                logger.error("job %s queued since %s never started; failed", job.pk, job.created_at)
                append_log(job, message, "error")
                job.refresh_from_db()
                _after_failure(job)
                count += 1
            continue
        try:
            kind_of(job.kind)
        except JobError:
            continue  # its kind is gone; the age limit above fails it in time
        append_log(
            job, _("No worker had started the job; it was handed to the queue again."), "warning"
        )
        logger.warning("job %s queued since %s not started; re-queued", job.pk, job.created_at)
        enqueue_job(job)
        count += 1
    return count


def job_summary(job: Job) -> tuple[str, dict]:
    """The summary template and context a kind of job shows with its progress."""
    try:
        kind = kind_of(job.kind)
    except JobError:
        return "", {}
    if not kind.summary_template:
        return "", {}
    return kind.summary_template, (kind.summary(job) if kind.summary else {})
