"""Import a catalogue file uploaded on the web page, as a background job with progress."""

from __future__ import annotations

from pathlib import Path

from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import log_action
from catalog.services.formats import FORMATS, ImportFileError, detect_format, import_file
from catalog.services.imports import ImportReport
from core.uploads import safe_filename, validate_upload

# Formats whose files the shared upload check can recognise (xlsx and CSV by content).
WEB_FORMATS = ("spreadsheet", "construction-csv")
UPLOAD_KINDS = {"xlsx", "csv"}
IMPORT_PERMISSION = "catalog.add_standard"


def may_import(user) -> bool:
    """Whether a person may import catalogue files: staff with the import permission."""
    return bool(getattr(user, "is_staff", False) and user.has_perm(IMPORT_PERMISSION))


def queue_uploaded_import(upload, *, user, fmt: str = "", source_slug: str = "", request=None):
    """Check and store an uploaded catalogue file and queue its import; returns the job."""
    from catalog.tasks import IMPORT_UPLOAD
    from jobs.services import create_job, enqueue_job

    if not may_import(user):
        raise ImportFileError(_("You may not import catalogue records."), code="forbidden")
    kind = validate_upload(upload, UPLOAD_KINDS)
    name = safe_filename(getattr(upload, "name", "") or "catalogue", kind)
    key = fmt or detect_format(Path(name))
    if key not in WEB_FORMATS:
        raise ImportFileError(_("Unknown format: %(fmt)s") % {"fmt": key})
    upload.seek(0)
    stored = default_storage.save(f"imports/{timezone.localdate():%Y/%m}/{name}", upload)
    job = create_job(
        IMPORT_UPLOAD,
        stored,
        key,
        source_slug or "",
        name,
        started_by=user,
        title=_("Import %(name)s") % {"name": name},
    )
    log_action(
        "catalog.import.queued",
        actor=user,
        obj=job,
        request=request,
        after={"file": name, "format": key, "source": source_slug or FORMATS[key].default_source},
    )
    return enqueue_job(job)


def run_uploaded_import(job, stored_name: str, fmt: str, source_slug: str, filename: str):
    """The body of the import job: read the stored file and import it with progress."""
    read = 0

    def progress(count: int) -> None:
        nonlocal read
        read += count
        job.progress(read)

    row = job.job
    report: ImportReport = import_file(
        Path(default_storage.path(stored_name)),
        fmt=fmt,
        source_slug=source_slug or None,
        user=row.started_by,
        filename=filename,
        progress=progress,
        job=row,
    )
    job.progress(report.processed, report.processed)
    job.set_result(url=reverse("catalog:import") + f"?job={row.pk}")
    return report
