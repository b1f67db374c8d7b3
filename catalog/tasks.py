"""Background tasks of the catalogue (Huey: SQLite-backed embedded, Redis at scale)."""

from django.utils.translation import gettext_lazy as _
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from catalog.services.imports import IMPORT_JOB
from catalog.services.lifecycle import activate_due_standards
from jobs.services import JobContext, job_task

IMPORT_UPLOAD = IMPORT_JOB


@db_periodic_task(crontab(hour="0", minute="5"))
def activate_due_standards_daily() -> int:
    """Every night, let upcoming standards whose effective date has come take effect."""
    return activate_due_standards()


def _import_summary(job) -> dict:
    from catalog.models import ImportRun

    return {"run": ImportRun.objects.filter(job=job).first()}


@job_task(
    IMPORT_UPLOAD,
    label=_("Catalogue import"),
    summary_template="catalog/partials/import_summary.html",
    summary=_import_summary,
)
def import_upload_job(
    job: JobContext, stored_name: str, fmt: str, source_slug: str, filename: str
) -> None:
    """Import an uploaded catalogue file, reporting records read as progress."""
    from catalog.services.web_imports import run_uploaded_import

    report = run_uploaded_import(job, stored_name, fmt, source_slug, filename)
    job.log(report.summary())
