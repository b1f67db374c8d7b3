"""Every import runs under a job: state, progress, timing and failure live on the job row."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from catalog.importers.records import StandardRecord
from catalog.models import ImportRun, Standard
from catalog.services.imports import import_records
from jobs.models import Job

pytestmark = pytest.mark.django_db


def records(count: int):
    for number in range(1, count + 1):
        yield StandardRecord(
            designation=f"GB/T {number}-2020", title_zh=f"标准{number}", line=number
        )


def test_a_console_import_is_a_finished_job_with_its_progress(admin_user):
    report = import_records(
        records(3), source_slug="spreadsheet", fmt="spreadsheet", filename="a.csv", user=admin_user
    )
    run = ImportRun.objects.select_related("job").get(pk=report.run_id)
    job = run.job
    assert (job.kind, job.state, job.done, job.started_by) == (
        "catalog.import",
        "succeeded",
        3,
        admin_user,
    )
    assert "a.csv" in job.title and job.started_at <= job.finished_at
    assert (run.state, run.processed, run.user, run.created) == ("succeeded", 3, admin_user, 3)


def test_a_console_import_that_breaks_fails_its_job_and_raises():
    def broken():
        yield StandardRecord(designation="GB/T 1-2020", title_zh="标准", line=1)
        raise OSError("disk went away")

    with pytest.raises(OSError, match="disk went away"):
        import_records(broken(), source_slug="spreadsheet", fmt="spreadsheet", batch_size=1)
    job = Job.objects.get(kind="catalog.import")
    assert job.state == "failed" and "disk went away" in job.error
    assert any(entry["level"] == "error" for entry in job.log)
    # The batch written before the failure stays; the run's report says so.
    assert ImportRun.objects.get(job=job).created == 1
    assert Standard.objects.filter(designation="GB/T 1-2020").exists()
    assert not Job.objects.filter(state__in=Job.ACTIVE_STATES).exists()


def test_a_reimport_is_recognised_only_after_a_successful_run():
    def broken():
        raise OSError("unreadable")
        yield  # pragma: no cover - makes this a generator

    with pytest.raises(OSError):
        import_records(broken(), source_slug="samr", fmt="test")
    import_records(records(1), source_slug="samr", fmt="test")
    # The first successful import writes no change events; a second one would.
    from catalog.models import CatalogEvent

    assert not CatalogEvent.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_every_older_run_a_job_with_its_state():
    executor = MigrationExecutor(connection)
    before = [("catalog", "0004_import_run_job")]
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(before)
    try:
        apps = executor.loader.project_state(before).apps
        source = apps.get_model("catalog", "DataSource").objects.create(slug="old", name="Old")
        OldRun = apps.get_model("catalog", "ImportRun")
        started = timezone.now() - timezone.timedelta(days=3)
        done = OldRun.objects.create(
            source=source,
            fmt="csv",
            filename="done.csv",
            state="succeeded",
            processed=7,
            created=7,
            finished_at=started,
        )
        stuck = OldRun.objects.create(source=source, fmt="csv", filename="stuck.csv", processed=2)
        OldRun.objects.filter(pk__in=[done.pk, stuck.pk]).update(started_at=started)
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        # Forward to every app's latest migration: going back to catalog 0004 also unapplied
        # the migrations of other apps that depend on later catalog ones.
        executor.migrate(latest)
    done_run = ImportRun.objects.select_related("job").get(filename="done.csv")
    assert (done_run.state, done_run.processed, done_run.created) == ("succeeded", 7, 7)
    assert done_run.job.created_at == started
    stuck_run = ImportRun.objects.select_related("job").get(filename="stuck.csv")
    assert stuck_run.state == "failed" and stuck_run.job.error == "interrupted"
