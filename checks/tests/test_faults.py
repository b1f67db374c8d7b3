"""Fault: the worker running a background check dies mid-check; the check never stays running.

The first test kills a real worker process (SIGKILL, nothing of it can clean up) that runs
against its own SQLite database; the others stop the job at the same point in-process and
cover the give-up path, on whichever database the suite runs.
"""

from __future__ import annotations

import datetime
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.utils import timezone

from checks.models import Check
from checks.services import checking
from checks.services.checking import CheckRequest, create_check
from jobs.models import Job
from jobs.services import JobContext, recover_stale_jobs, stale_after

REFS = "；".join(f"GB/T {n}-2020" for n in range(1000, 1020))
BASE = Path(__file__).resolve().parents[2]

SETUP = f"""
from checks.services.checking import CheckRequest, create_check
from checks.tasks import RUN_CHECK
from checks.models import Check
from jobs.services import create_job
check = create_check(CheckRequest(text={REFS!r}))
job = create_job(RUN_CHECK, check.pk)
Check.objects.filter(pk=check.pk).update(job=job)
print(check.pk, job.pk)
"""

WORKER = """
import time
from checks.services import checking
from jobs.models import Job
from jobs.services import enqueue_job
checking.BATCH = 2
original = checking.resolve_references
def slow(*args, **kwargs):
    time.sleep(0.4)
    return original(*args, **kwargs)
checking.resolve_references = slow
enqueue_job(Job.objects.get(pk=JOB_ID))
"""

RECOVER = """
import datetime
from django.utils import timezone
from jobs.services import recover_stale_jobs
print(recover_stale_jobs(timezone.now() + datetime.timedelta(hours=1)))
"""


def _shell(env: dict, code: str, wait: bool = True):
    command = [sys.executable, str(BASE / "manage.py"), "shell", "-v0", "-c", code]
    if not wait:
        return subprocess.Popen(command, env=env, cwd=BASE)  # noqa: S603 - our own script
    result = subprocess.run(  # noqa: S603
        command, env=env, cwd=BASE, capture_output=True, text=True, timeout=300, check=True
    )
    return result.stdout.split()


def test_a_killed_worker_process_leaves_a_check_that_is_resumed_not_stuck(tmp_path):
    env = {
        "STDBASE_DATA_DIR": str(tmp_path),
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "stdbase.settings",
        "STDBASE_TASKS_IMMEDIATE": "true",
    }
    subprocess.run(  # noqa: S603
        [sys.executable, str(BASE / "manage.py"), "migrate", "-v0"],
        env=env,
        cwd=BASE,
        check=True,
        timeout=300,
    )
    check_id, job_id = (int(v) for v in _shell(env, SETUP))
    database = sqlite3.connect(tmp_path / "stdbase.sqlite3", timeout=20)

    def row(sql: str, key: int):
        return database.execute(sql, (key,)).fetchone()

    worker = _shell(env, WORKER.replace("JOB_ID", str(job_id)), wait=False)
    deadline = time.monotonic() + 120
    while (row("SELECT done FROM jobs_job WHERE id = ?", job_id) or (0,))[0] < 4:
        assert worker.poll() is None, "the worker finished before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.05)
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait(timeout=30)
    # What a dead worker leaves behind: both rows still say running, half done.
    state, done, total = row("SELECT state, done, total FROM jobs_job WHERE id = ?", job_id)
    assert (state, total) == ("running", 20) and 4 <= done < 20
    assert row("SELECT state FROM checks_check WHERE id = ?", check_id) == ("running",)
    # The periodic recovery sees no heartbeat for longer than the timeout: it runs it again.
    assert _shell(env, RECOVER) == ["1"]
    state, done, attempts = row("SELECT state, done, attempts FROM jobs_job WHERE id = ?", job_id)
    assert (state, done, attempts) == ("succeeded", 20, 2)
    assert row("SELECT state FROM checks_check WHERE id = ?", check_id) == ("succeeded",)
    items = row("SELECT COUNT(*) FROM checks_checkitem WHERE check_run_id = ?", check_id)
    assert items == (20,)  # started over cleanly: no duplicates from the first attempt
    database.close()


class WorkerKilled(BaseException):
    """Stands for the process dying: no handler of the job or the check runs."""


@pytest.fixture
def large_check(db, monkeypatch):
    monkeypatch.setattr(checking, "BACKGROUND_TEXT_CHARS", 10)
    monkeypatch.setattr(checking, "BATCH", 2)
    return create_check(CheckRequest(text=REFS))


def _die_after(monkeypatch, step: int, times: int) -> None:
    original = JobContext.progress
    deaths = []

    def dying(self, done, total=None):
        original(self, done, total)
        if done >= step and len(deaths) < times:
            deaths.append(done)
            raise WorkerKilled

    monkeypatch.setattr(JobContext, "progress", dying)


def _later() -> datetime.datetime:
    return timezone.now() + stale_after() + datetime.timedelta(seconds=1)


def test_a_check_whose_worker_died_is_resumed_once(large_check, monkeypatch):
    _die_after(monkeypatch, step=4, times=1)
    with pytest.raises(WorkerKilled):
        checking.start_check(large_check)
    large_check.refresh_from_db()
    assert large_check.state == Check.State.RUNNING and large_check.job.state == "running"
    assert recover_stale_jobs() == 0  # a fresh heartbeat: still considered alive
    assert recover_stale_jobs(_later()) == 1
    large_check.refresh_from_db()
    assert large_check.state == Check.State.SUCCEEDED and large_check.items.count() == 20
    assert large_check.job.attempts == 2
    assert any("再次排队" in entry["text"] for entry in large_check.job.log)


def test_a_check_whose_worker_keeps_dying_fails_visibly(large_check, monkeypatch, client):
    _die_after(monkeypatch, step=4, times=2)
    with pytest.raises(WorkerKilled):
        checking.start_check(large_check)
    with pytest.raises(WorkerKilled):
        recover_stale_jobs(_later())  # the second attempt dies too
    assert recover_stale_jobs(_later()) == 1  # attempts used up: failed, with a reason
    large_check.refresh_from_db()
    job = Job.objects.get(pk=large_check.job_id)
    assert (large_check.state, job.state) == (Check.State.FAILED, "failed")
    assert "工作进程" in large_check.error and large_check.error == job.error
    session = client.session
    session.save()
    Check.objects.filter(pk=large_check.pk).update(session_key=session.session_key)
    page = client.get(f"/checks/{large_check.pk}/").content.decode()
    assert "工作进程" in page and 'hx-trigger="every 1s"' not in page
