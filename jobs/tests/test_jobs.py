"""Background jobs: state, progress, readable failures, cancel, stale workers, page and API."""

from __future__ import annotations

import datetime
import logging

import pytest
from django.utils import timezone

from core.exceptions import DomainError
from jobs.models import Job
from jobs.services import (
    JobError,
    cancel_job,
    create_job,
    enqueue_job,
    job_task,
    recover_stale_jobs,
    start_job,
)

pytestmark = pytest.mark.django_db
CALLS: list = []


@job_task("tests.count", label="Count")
def count_job(job, upto: int, fail: str = "") -> int:
    for done in range(1, upto + 1):
        job.progress(done, upto)
        CALLS.append(done)
        if fail == "domain" and done == 2:
            raise DomainError("第二步不能继续。")
        if fail == "bug" and done == 2:
            raise ZeroDivisionError("division by zero")
    job.log("counted")
    job.set_result(url="/result/")
    return upto


@job_task("tests.resumable", label="Resumable", resumable=True, max_attempts=2)
def resumable_job(job) -> None:
    job.progress(1, 1)


@pytest.fixture(autouse=True)
def _reset():
    CALLS.clear()


@pytest.fixture
def alice(django_user_model):
    return django_user_model.objects.create_user("alice", password="x")


def test_a_job_records_progress_log_and_result(alice):
    job = start_job("tests.count", 3, started_by=alice, title="数三下")
    assert (job.state, job.done, job.total, job.percent) == ("succeeded", 3, 3, 100)
    assert job.result_url == "/result/" and job.started_by == alice and job.attempts == 1
    assert [e["text"] for e in job.log] == ["counted"]
    assert job.started_at <= job.finished_at and job.heartbeat_at


def test_a_readable_failure_is_shown_on_the_row(alice):
    job = start_job("tests.count", 5, "domain", started_by=alice)
    assert (job.state, job.error, job.done) == ("failed", "第二步不能继续。", 2)
    assert CALLS == [1, 2]


def test_an_unexpected_failure_keeps_its_traceback_in_the_log(alice, caplog):
    with caplog.at_level(logging.ERROR, logger="stdbase.jobs"):
        job = start_job("tests.count", 5, "bug", started_by=alice)
    assert job.state == "failed"
    assert "任务意外失败" in job.error and "ZeroDivisionError" not in job.error
    assert any("ZeroDivisionError" in e["text"] and "Traceback" in e["text"] for e in job.log)
    assert any(r.exc_info and r.exc_info[0] is ZeroDivisionError for r in caplog.records)


def test_a_queued_job_cancelled_never_runs(alice):
    job = create_job("tests.count", 3, started_by=alice)
    job = cancel_job(job, alice)
    assert job.state == "cancelled"
    assert enqueue_job(job).state == "cancelled" and CALLS == []
    with pytest.raises(JobError):
        cancel_job(job, alice)


def test_a_running_job_stops_at_its_next_progress_step(alice, monkeypatch):
    job = create_job("tests.count", 5, started_by=alice)
    original = Job.objects.filter

    def cancel_after_two(*args, **kwargs):
        if len(CALLS) == 2:
            original(pk=job.pk).update(cancel_requested=True)
        return original(*args, **kwargs)

    monkeypatch.setattr(Job.objects, "filter", cancel_after_two)
    job = enqueue_job(job)
    assert job.state == "cancelled" and CALLS == [1, 2]


def test_other_people_cannot_cancel(alice, django_user_model):
    bob = django_user_model.objects.create_user("bob", password="x")
    job = create_job("tests.count", 3, started_by=alice)
    with pytest.raises(JobError):
        cancel_job(job, bob)


def _stale(code: str, attempts: int = 1) -> Job:
    job = create_job(code)
    old = timezone.now() - datetime.timedelta(hours=1)
    Job.objects.filter(pk=job.pk).update(
        state="running", heartbeat_at=old, started_at=old, attempts=attempts
    )
    return job


def test_a_job_without_heartbeat_fails_visibly():
    job = _stale("tests.count")
    assert recover_stale_jobs() == 1
    job.refresh_from_db()
    assert job.state == "failed" and "工作进程" in job.error and job.finished_at


def test_a_resumable_job_is_queued_again_once_then_fails():
    job = _stale("tests.resumable")
    recover_stale_jobs()
    job.refresh_from_db()
    assert (job.state, job.attempts) == ("succeeded", 2)
    assert any("再次排队" in e["text"] for e in job.log)
    again = _stale("tests.resumable", attempts=2)
    recover_stale_jobs()
    again.refresh_from_db()
    assert again.state == "failed"


def _lost(age: datetime.timedelta) -> Job:
    """A queued job whose task message never reached a worker."""
    job = create_job("tests.count", 2)
    then = timezone.now() - age
    Job.objects.filter(pk=job.pk).update(created_at=then, heartbeat_at=then)
    return job


def test_a_queued_job_no_worker_started_is_handed_to_the_queue_again():
    job = _lost(datetime.timedelta(hours=1))
    assert recover_stale_jobs() == 1
    job.refresh_from_db()
    # The embedded queue runs it at once; a worker would claim it the same way.
    assert (job.state, job.done) == ("succeeded", 2)
    assert any("再次交给队列" in e["text"] for e in job.log)


def test_a_job_queued_too_long_is_given_up_visibly(settings):
    settings.JOB_QUEUE_MAX_SECONDS = 6 * 3600
    job = _lost(datetime.timedelta(hours=7))
    assert recover_stale_jobs() == 1
    job.refresh_from_db()
    assert job.state == "failed" and "7" in job.error and job.finished_at
    assert CALLS == []


def test_a_freshly_queued_job_is_left_alone():
    job = create_job("tests.count", 2)
    assert recover_stale_jobs() == 0
    job.refresh_from_db()
    assert job.state == "queued" and CALLS == []


def test_a_fresh_running_job_is_left_alone():
    job = create_job("tests.count")
    Job.objects.filter(pk=job.pk).update(state="running", heartbeat_at=timezone.now())
    assert recover_stale_jobs() == 0


def test_progress_fragment_polls_until_finished(client, alice):
    job = create_job("tests.count", 3, started_by=alice)
    Job.objects.filter(pk=job.pk).update(state="running", done=1, total=4)
    client.force_login(alice)
    html = client.get(f"/jobs/{job.pk}/progress/").content.decode()
    assert 'hx-trigger="every 1s"' in html and 'value="25"' in html and "1 / 4" in html
    Job.objects.filter(pk=job.pk).update(state="failed", error="坏了")
    html = client.get(f"/jobs/{job.pk}/").content.decode()
    assert f"/jobs/{job.pk}/progress/" not in html and "坏了" in html


def test_api_reads_and_cancels_only_own_jobs(client, alice, django_user_model):
    job = create_job("tests.count", 3, started_by=alice)
    bob = django_user_model.objects.create_user("bob", password="x")
    client.force_login(bob)
    assert client.get(f"/api/v1/jobs/{job.pk}/").status_code == 404
    assert client.post(f"/api/v1/jobs/{job.pk}/cancel/").status_code == 404
    client.force_login(alice)
    body = client.get(f"/api/v1/jobs/{job.pk}/").json()
    assert (body["state"], body["total"], body["percent"]) == ("queued", 0, 0)
    body = client.post(f"/api/v1/jobs/{job.pk}/cancel/").json()
    assert body["state"] == "cancelled"
    answer = client.post(f"/api/v1/jobs/{job.pk}/cancel/")
    assert answer.status_code == 400 and answer.json()["detail"]
