"""Create, run and re-run validity checks (标准查新) of pasted texts and uploaded files."""

from __future__ import annotations

import datetime
import hashlib
import logging
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import log_action
from catalog.api.designation_errors import designation_error_message
from catalog.editions import resolve_references
from catalog.extraction import (
    Document,
    ExtractionError,
    Reference,
    extract_from_segments,
    read_document,
    read_text,
)
from catalog.extraction.messages import read_error_message
from catalog.models import DataSource, ImportRun
from checks.models import Check, CheckItem, Verdict
from checks.services.verification import verification_code
from core.exceptions import DomainError
from core.uploads import safe_filename, validate_upload
from jobs.models import Job

logger = logging.getLogger("stdbase.checks")

ALLOWED_KINDS = {"txt", "md", "csv", "xlsx", "docx", "pdf"}
MAX_TEXT_CHARS = 5_000_000
# Inputs above these sizes run as a background job with visible progress.
BACKGROUND_TEXT_CHARS = 200_000
BACKGROUND_FILE_BYTES = 1_000_000
# References resolved per batch: one progress update per batch.
BATCH = 2500


class CheckError(DomainError):
    """A check cannot be created or run (bad input, unreadable file)."""

    code = "check_invalid"


@dataclass
class CheckRequest:
    """What a person submits for checking: a text or a file, and an optional date."""

    text: str = ""
    upload: object | None = None  # a Django UploadedFile or File
    as_of: datetime.date | None = None
    title: str = ""
    source: str = Check.Source.WEB


def _fingerprint(kind: str, data: bytes) -> str:
    return hashlib.sha256(kind.encode() + b"\0" + data).hexdigest()


def _owner_filter(owner, session_key: str) -> dict:
    if owner is not None and owner.is_authenticated:
        return {"owner": owner}
    return {"owner__isnull": True, "session_key": session_key} if session_key else {"pk": None}


def create_check(
    request: CheckRequest, *, owner=None, session_key: str = "", http_request=None
) -> Check:
    """Store a check of a text or an uploaded file, linked to the last run of the same list."""
    if owner is not None and not owner.is_authenticated:
        owner = None
    check = Check(
        owner=owner,
        session_key="" if owner else session_key,
        title=request.title.strip()[:200],
        source=request.source,
        as_of=request.as_of,
    )
    if request.upload is not None:
        kind = validate_upload(request.upload, ALLOWED_KINDS)
        request.upload.seek(0)
        data = request.upload.read()
        name = safe_filename(getattr(request.upload, "name", "") or "upload", kind)
        check.kind, check.filename = kind, name
        check.list_key = _fingerprint(kind, data)
        check.input_file.save(name, ContentFile(data), save=False)
    else:
        text = (request.text or "").strip()
        if not text:
            raise CheckError(_("Paste a text or choose a file to check."))
        if len(text) > MAX_TEXT_CHARS:
            raise CheckError(_("The text is too long to check."))
        check.kind, check.input_text = "txt", text
        check.list_key = _fingerprint("txt", text.encode())
    check.previous = (
        Check.objects.filter(
            list_key=check.list_key,
            state=Check.State.SUCCEEDED,
            **_owner_filter(owner, session_key),
        )
        .order_by("-created_at", "-id")
        .first()
    )
    check.save()
    log_action(
        "checks.check.created",
        actor=owner,
        obj=check,
        request=http_request,
        after={
            "kind": check.kind,
            "filename": check.filename,
            "as_of": check.as_of.isoformat() if check.as_of else None,
        },
    )
    return check


def rerun_check(check: Check, *, owner=None, http_request=None) -> Check:
    """A new run of the same list against today's catalogue; it remembers the earlier run."""
    if not check.is_finished:
        raise CheckError(_("This check is still running."))
    new = Check.objects.create(
        owner=check.owner,
        session_key=check.session_key,
        title=check.title,
        source=check.source,
        kind=check.kind,
        filename=check.filename,
        input_text=check.input_text,
        input_file=check.input_file.name or "",
        list_key=check.list_key,
        previous=check,
        as_of=check.as_of,
    )
    log_action(
        "checks.check.rerun",
        actor=owner,
        obj=new,
        request=http_request,
        after={"previous": check.pk},
    )
    return new


def is_large(check: Check) -> bool:
    """Whether a check should run as a background job rather than within the request."""
    if check.input_file:
        return check.input_file.size > BACKGROUND_FILE_BYTES
    return len(check.input_text) > BACKGROUND_TEXT_CHARS


def load_document(check: Check) -> Document:
    """Read the stored input of a check into segments; raises CheckError when unreadable."""
    try:
        if check.input_file:
            with check.input_file.open("rb") as handle:
                data = handle.read()
            return read_document(data, check.filename, check.kind)
        return read_text(check.input_text)
    except ExtractionError as exc:
        raise CheckError(read_error_message(exc.code, exc.params)) from exc
    except OSError as exc:
        raise CheckError(_("The stored file cannot be opened.")) from exc


def catalogue_snapshot_date() -> datetime.date | None:
    """The date of the newest catalogue data: the latest source snapshot or import."""
    as_of = DataSource.objects.aggregate(d=Max("as_of"))["d"]
    if as_of:
        return as_of
    finished = ImportRun.objects.filter(job__state=Job.State.SUCCEEDED).aggregate(
        d=Max("job__finished_at")
    )["d"]
    return timezone.localtime(finished).date() if finished else None


@dataclass(slots=True)
class ItemRow:
    """A checked reference before it is stored (lighter than a CheckItem instance)."""

    position: int
    input: str
    designation: str
    written_title: str
    location: dict
    status: str
    standard_id: int | None
    matched: str
    standard_title: str
    current: list[str]
    candidates: list[str]
    effective: datetime.date | None
    note: str


_COLUMNS = tuple(f.name for f in ItemRow.__dataclass_fields__.values())


def _items(check: Check, refs: list[Reference], progress=None) -> list[ItemRow]:
    items: list[ItemRow] = []
    resolutions: dict = {}
    for start in range(0, len(refs), BATCH):
        batch = refs[start : start + BATCH]
        todo = [r.parsed for r in batch if r.recognised and r.designation not in resolutions]
        resolutions.update(resolve_references(todo, check.as_of))
        for offset, ref in enumerate(batch):
            if not ref.recognised:
                items.append(_unrecognised_row(start + offset + 1, ref))
                continue
            res = resolutions[ref.designation]
            items.append(
                ItemRow(
                    start + offset + 1,
                    ref.input[:300],
                    ref.designation[:200],
                    ref.title[:200],
                    ref.location,
                    res.verdict,
                    res.standard.id if res.standard else None,
                    res.matched,
                    res.title[:500],
                    res.use_instead,
                    res.candidates,
                    res.effective,
                    res.explanation[:300],
                )
            )
        if progress:
            progress(min(len(refs), start + len(batch)), len(refs))
    return items


def _unrecognised_row(position: int, ref: Reference) -> ItemRow:
    """The row of a list item that looks like a designation but cannot be read as one."""
    note = designation_error_message(ref.input, ref.reason)
    return ItemRow(
        position,
        ref.input[:300],
        "",
        "",
        ref.location,
        Verdict.UNRECOGNISED,
        None,
        "",
        "",
        [],
        [],
        None,
        note[:300],
    )


def reads_as_list(check: Check) -> bool:
    """Whether every line or cell of the input is an item: a pasted list, CSV or xlsx.

    In such inputs an item that looks like a designation but cannot be read comes back
    as an unrecognised row; running prose (PDF, Word, text files) is not split so.
    """
    return not check.input_file or check.kind in ("csv", "xlsx")


def _store_items(check: Check, items: list[ItemRow]) -> None:
    """Insert the rows with one prepared statement: bulk_create spends seconds on 10,000."""
    fields = [(name, CheckItem._meta.get_field(name)) for name in _COLUMNS]
    ops = connection.ops
    adapters = {
        name: (lambda v: ops.adapt_json_value(v, None))
        if f.get_internal_type() == "JSONField"
        else ops.adapt_datefield_value
        for name, f in fields
        if f.get_internal_type() in ("JSONField", "DateField")
    }
    columns = ["check_run_id", *(f.column for _name, f in fields)]
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 - names from model metadata
        ops.quote_name(CheckItem._meta.db_table),
        ", ".join(ops.quote_name(c) for c in columns),
        ", ".join(["%s"] * len(columns)),
    )
    rows = []
    for item in items:
        values = [check.pk]
        for name, _field in fields:
            value = getattr(item, name)
            adapt = adapters.get(name)
            values.append(adapt(value) if adapt else value)
        rows.append(values)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 5000):
            cursor.executemany(sql, rows[start : start + 5000])


def run_check(check_id: int, progress=None) -> Check:
    """Extract the references of a stored check, resolve them and store the verdicts.

    `progress(done, total)` is called after every batch (a job's progress when it runs in
    the background). Running it again after a crash starts over: the items are replaced.
    """
    check = Check.objects.get(pk=check_id)
    if check.state == Check.State.SUCCEEDED:
        return check
    Check.objects.filter(pk=check.pk).update(state=Check.State.RUNNING, error="")
    try:
        refs = extract_from_segments(load_document(check).segments, reads_as_list(check))
        Check.objects.filter(pk=check.pk).update(total=len(refs))
        check.total = len(refs)
        if progress:
            progress(0, len(refs))
        items = _items(check, refs, progress)
        counts = dict.fromkeys(Verdict.values, 0)
        for item in items:
            counts[item.status] += 1
        with transaction.atomic():
            CheckItem.objects.filter(check_run=check).delete()
            _store_items(check, items)
            check.counts = counts
            check.catalogue_as_of = catalogue_snapshot_date()
            check.state = Check.State.SUCCEEDED
            check.finished_at = timezone.now()
            check.verification_code = verification_code(check, items)
            check.save()
    except DomainError as exc:
        _fail(check, exc.message)
        raise
    except Exception as exc:
        logger.exception("check %s failed", check.pk)
        _fail(check, _("The check failed unexpectedly."))
        raise CheckError(_("The check failed unexpectedly.")) from exc
    log_action(
        "checks.check.finished",
        actor=check.owner,
        obj=check,
        after={"references": check.total, "counts": counts},
    )
    return check


def _fail(check: Check, message: str) -> None:
    changed = (
        Check.objects.filter(pk=check.pk)
        .exclude(state=Check.State.FAILED)
        .update(state=Check.State.FAILED, error=message, finished_at=timezone.now())
    )
    if not changed:
        return  # already failed and audited
    log_action(
        "checks.check.finished", actor=check.owner, obj=check, result="failure", detail=message
    )


def fail_check(check_id: int, message: str) -> None:
    """Mark a check failed with a reason (its background job failed or was cancelled)."""
    check = Check.objects.filter(pk=check_id).exclude(state=Check.State.SUCCEEDED).first()
    if check is not None:
        _fail(check, message)


def start_check(check: Check) -> Check:
    """Run a check now, or queue it as a background job when its input is large."""
    if is_large(check):
        from checks.tasks import RUN_CHECK
        from jobs.services import create_job, enqueue_job

        job = create_job(
            RUN_CHECK, check.pk, started_by=check.owner, title=_("Check %(name)s") % {"name": check}
        )
        Check.objects.filter(pk=check.pk).update(job=job)
        enqueue_job(job)
        check.refresh_from_db()
        return check
    try:
        return run_check(check.pk)
    except CheckError:
        check.refresh_from_db()
        return check
