"""Every import run gets a job row holding its state, progress and timing (issue 10).

The schema change follows in 0006: PostgreSQL refuses to alter a table in the transaction
that wrote rows with deferred constraint checks to it.
"""

import django.db.models.deletion
from django.db import migrations, models

STATES = {"running": "failed", "succeeded": "succeeded", "failed": "failed"}


def give_every_run_a_job(apps, schema_editor):
    """A job row for each run imported before runs had one, with the run's own state."""
    ImportRun = apps.get_model("catalog", "ImportRun")
    Job = apps.get_model("jobs", "Job")
    for run in ImportRun.objects.filter(job__isnull=True).iterator():
        state = STATES.get(run.state, "failed")
        error = run.error
        if run.state == "running":  # nothing runs across a migration: it was interrupted
            error = error or "interrupted"
        job = Job.objects.create(
            kind="catalog.import",
            title=f"Catalogue import {run.filename}"[:200],
            state=state,
            done=run.processed,
            total=run.processed,
            started_by_id=run.user_id,
            attempts=1,
            error=error,
            started_at=run.started_at,
            finished_at=run.finished_at or run.started_at,
        )
        Job.objects.filter(pk=job.pk).update(created_at=run.started_at)
        run.job = job
        run.save(update_fields=["job"])
    # Runs already under a job: the job keeps the count of records read.
    for run in ImportRun.objects.filter(job__isnull=False, processed__gt=0).iterator():
        Job.objects.filter(pk=run.job_id, done__lt=run.processed).update(done=run.processed)


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0004_import_run_job"),
        ("jobs", "0001_jobs"),
    ]

    operations = [
        migrations.RunPython(give_every_run_a_job, migrations.RunPython.noop),
    ]
