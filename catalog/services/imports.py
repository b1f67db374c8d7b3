"""Load catalogue records into the database: idempotent, atomic per batch, with a report.

Every source format is parsed elsewhere (catalog.importers) into StandardRecord objects;
this module is the one place that turns them into Standard rows, replacement links and
catalogue events.
"""

from __future__ import annotations

import datetime
import itertools
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import log_action
from catalog.designations import Designation, DesignationError, parse, try_parse
from catalog.importers.records import RecordError, StandardRecord
from catalog.models import (
    CatalogEvent,
    CcsCode,
    DataSource,
    IcsCode,
    ImportRun,
    Publisher,
    Replacement,
    Standard,
    StandardCcs,
    StandardIcs,
    Status,
)
from catalog.services.sources import source_defaults
from core.db import insert_rows
from jobs.models import Job

# Fields copied from a record onto Standard and compared to decide "unchanged".
COMPARED_FIELDS = (
    "series_key",
    "prefix",
    "body",
    "number",
    "part",
    "main_number",
    "year",
    "tier",
    "mandate",
    "title_zh",
    "title_en",
    "status",
    "issued",
    "effective",
    "withdrawn",
    "committee",
    "publisher_id",
    "adopted_designation",
    "adoption_degree",
    "edition",
    "url",
    "source_id",
    "source_ref",
    "as_of",
    "ics_root",
    "ccs_root",
    "extra",
)
DATE_FIELDS = ("issued", "effective", "withdrawn")
# The job kind every import runs under (queued from the web, inline from the console).
IMPORT_JOB = "catalog.import"
# Rejected rows stored on the ImportRun row; the report (and its report file) keeps all.
MAX_REJECTIONS_KEPT = 1000


class RejectKind:
    """Why a row was rejected, as a stable code (summaries count rejections per kind)."""

    UNREADABLE = "unreadable"  # the parser could not turn the row into a record
    DESIGNATION = "designation"  # the designation does not parse
    STATUS = "status"  # an unknown status word


@dataclass
class ImportReport:
    """What an import did: counts, rejected rows with reasons, events written."""

    run_id: int | None = None
    processed: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    events: int = 0
    rejections: list[dict] = field(default_factory=list)

    def reject(
        self,
        line: int | None,
        designation: str,
        reason: str,
        *,
        kind: str = RejectKind.UNREADABLE,
        source_ref: str = "",
    ) -> None:
        self.rejected += 1
        self.rejections.append(
            {
                # 1-based position in the input: the location when the source has no lines.
                "index": self.processed,
                "line": line,
                "designation": designation,
                "reason": reason,
                "kind": kind,
                "source_ref": source_ref,
            }
        )

    @property
    def rejected_by_kind(self) -> dict[str, int]:
        """How many rows were rejected for each kind of reason, most frequent first."""
        return dict(Counter(row["kind"] for row in self.rejections).most_common())

    def summary(self) -> str:
        return _(
            "created %(created)d, updated %(updated)d, unchanged %(unchanged)d, "
            "rejected %(rejected)d"
        ) % {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
        }


@dataclass
class _Prepared:
    """A record validated and converted into Standard field values."""

    record: StandardRecord
    values: dict
    ics: list[str]
    ccs: list[str]


class _Caches:
    """Per-import lookups that would otherwise cost a query per row."""

    def __init__(self) -> None:
        self.publishers: dict[str, int] = dict(Publisher.objects.values_list("code", "id"))
        self.ics: dict[str, int] = dict(IcsCode.objects.values_list("code", "id"))
        self.ccs: dict[str, int] = dict(CcsCode.objects.values_list("code", "id"))
        self.sources: dict[str, DataSource] = {}

    def source(self, slug: str) -> DataSource:
        if slug not in self.sources:
            self.sources[slug] = get_source(slug)
        return self.sources[slug]

    def publisher_id(self, code: str) -> int | None:
        code = code.strip()
        if not code:
            return None
        if code not in self.publishers:
            self.publishers[code] = Publisher.objects.get_or_create(code=code[:60])[0].id
        return self.publishers[code]

    def ics_id(self, code: str) -> int:
        if code not in self.ics:
            parent = self.ics.get(code.rsplit(".", 1)[0]) if "." in code else None
            self.ics[code] = IcsCode.objects.get_or_create(
                code=code,
                defaults={"name_en": "", "level": code.count(".") + 1, "parent_id": parent},
            )[0].id
        return self.ics[code]

    def ccs_id(self, code: str) -> int:
        if code not in self.ccs:
            self.ccs[code] = CcsCode.objects.get_or_create(
                code=code, defaults={"name_zh": "", "level": 3}
            )[0].id
        return self.ccs[code]


def designation_columns(parsed: Designation) -> dict[str, object]:
    """The Standard fields that come from its parsed designation."""
    return {
        "designation": parsed.canonical,
        "series_key": parsed.series_key,
        "prefix": parsed.prefix,
        "body": parsed.body,
        "number": parsed.number,
        "part": parsed.part,
        "main_number": parsed.main_number,
        "year": parsed.year,
        "tier": parsed.tier,
        "mandate": parsed.mandate,
    }


def _default_status(record: StandardRecord, today: datetime.date) -> str:
    if record.status:
        return record.status
    if record.withdrawn and record.withdrawn <= today:
        return Status.WITHDRAWN
    if record.effective and record.effective > today:
        return Status.UPCOMING
    return Status.CURRENT


def _prepare(
    record: StandardRecord, caches: _Caches, default_source: DataSource, today: datetime.date
) -> _Prepared:
    """Validate a record and compute the Standard values; raises RecordError."""
    source = caches.source(record.source) if record.source else default_source
    try:
        parsed = parse(record.designation)
    except DesignationError as exc:
        raise RecordError(
            record.line,
            _("Unrecognised designation: %(reason)s") % {"reason": exc.message},
            kind=RejectKind.DESIGNATION,
        ) from exc
    status = _default_status(record, today)
    if status not in Status.values:
        raise RecordError(
            record.line,
            _("Unknown status: %(status)s") % {"status": status},
            kind=RejectKind.STATUS,
        )
    adopted = ""
    if record.adoption is not None:
        adoption = try_parse(record.adoption.designation)
        adopted = adoption.canonical if adoption else record.adoption.designation.strip()
    elif parsed.adopted is not None:
        adopted = parsed.adopted.canonical
    ics = [c.strip() for c in record.ics if c and c.strip()]
    ccs = [c.strip().upper() for c in record.ccs if c and c.strip()]
    values = {
        **designation_columns(parsed),
        "title_zh": record.title_zh.strip()[:500],
        "title_en": record.title_en.strip()[:1000],
        "status": status,
        "issued": record.issued,
        "effective": record.effective,
        "withdrawn": record.withdrawn,
        "committee": record.committee.strip()[:200],
        "publisher_id": caches.publisher_id(record.publisher),
        "adopted_designation": adopted[:200],
        "adoption_degree": (record.adoption_degree or "").upper(),
        "edition": str(record.edition or "")[:20],
        "url": (record.url or "")[:500],
        "source_id": source.id,
        "source_ref": (record.source_ref or "")[:300],
        "as_of": record.as_of or source.as_of,
        "ics_root": ics[0][:2] if ics else "",
        "ccs_root": ccs[0][:1] if ccs else "",
        "extra": dict(record.extra or {}),
    }
    return _Prepared(record=record, values=values, ics=ics, ccs=ccs)


def _events_for_change(std: Standard, old: dict, new: dict) -> list[tuple[str, dict, dict]]:
    """The catalogue events that a change of field values means."""
    events: list[tuple[str, dict, dict]] = []
    if old["status"] != new["status"]:
        kind = {
            Status.REPLACED: CatalogEvent.Kind.REPLACED,
            Status.WITHDRAWN: CatalogEvent.Kind.WITHDRAWN,
        }.get(new["status"], CatalogEvent.Kind.STATUS_CHANGED)
        events.append((kind, {"status": old["status"]}, {"status": new["status"]}))
    changed_dates = [f for f in DATE_FIELDS if old[f] != new[f]]
    if changed_dates:
        events.append(
            (
                CatalogEvent.Kind.DATES_CHANGED,
                {f: _iso(old[f]) for f in changed_dates},
                {f: _iso(new[f]) for f in changed_dates},
            )
        )
    if old["title_zh"] != new["title_zh"] or old["title_en"] != new["title_en"]:
        events.append(
            (
                CatalogEvent.Kind.TITLE_CHANGED,
                {"title_zh": old["title_zh"], "title_en": old["title_en"]},
                {"title_zh": new["title_zh"], "title_en": new["title_en"]},
            )
        )
    return events


def _iso(value):
    return value.isoformat() if isinstance(value, datetime.date) else value


def _sync_links(
    model, field_name: str, standard_ids: list[int], wanted: dict[int, list[int]]
) -> None:
    """Make the ordered ICS/CCS links of these standards exactly `wanted`."""
    existing: dict[int, list[int]] = {}
    for sid, code_id in (
        model.objects.filter(standard_id__in=standard_ids)
        .order_by("standard_id", "position")
        .values_list("standard_id", f"{field_name}_id")
    ):
        existing.setdefault(sid, []).append(code_id)
    stale = [sid for sid in standard_ids if existing.get(sid, []) != wanted.get(sid, [])]
    if not stale:
        return
    model.objects.filter(standard_id__in=stale).delete()
    model.objects.bulk_create(
        [
            model(standard_id=sid, position=pos, **{f"{field_name}_id": code_id})
            for sid in stale
            for pos, code_id in enumerate(dict.fromkeys(wanted.get(sid, [])))
        ]
    )


def _canonical_or_none(designation: str) -> str | None:
    parsed = try_parse(designation)
    return parsed.canonical if parsed else None


def _sync_replacements(prepared: list[_Prepared], source: DataSource) -> list[Replacement]:
    """Record the replacement links the records state; returns the links that are new."""
    wanted: dict[tuple[str, str], bool] = {}
    for item in prepared:
        own = item.values["designation"]
        for ref in item.record.replaces:
            other = _canonical_or_none(ref.designation)
            if other and other != own:
                wanted[(other, own)] = bool(ref.partial)
        for ref in item.record.replaced_by:
            other = _canonical_or_none(ref.designation)
            if other and other != own:
                wanted[(own, other)] = bool(ref.partial)
    if not wanted:
        return []
    preds = {p for p, _ in wanted}
    existing = {
        (r.predecessor_designation, r.successor_designation): r
        for r in Replacement.objects.filter(predecessor_designation__in=preds)
    }
    new_links = [
        Replacement(
            predecessor_designation=p, successor_designation=s, partial=partial, source=source
        )
        for (p, s), partial in wanted.items()
        if (p, s) not in existing
    ]
    changed = [
        link for key, link in existing.items() if key in wanted and link.partial != wanted[key]
    ]
    for link in changed:
        link.partial = wanted[(link.predecessor_designation, link.successor_designation)]
    Replacement.objects.bulk_create(new_links, ignore_conflicts=True)
    if changed:
        Replacement.objects.bulk_update(changed, ["partial"])
    return new_links


def resolve_replacement_links() -> int:
    """Fill the foreign keys of replacement links whose editions are now catalogued.

    Two set-based UPDATE statements, whatever the number of links.
    """
    fixed = 0
    for end in ("predecessor", "successor"):
        same = Standard.objects.filter(designation=OuterRef(f"{end}_designation")).values("id")
        pending = Replacement.objects.filter(
            **{f"{end}__isnull": True},
            **{f"{end}_designation__in": Standard.objects.values("designation")},
        )
        fixed += pending.update(**{end: Subquery(same[:1])})
    return fixed


def _batches(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def get_source(slug: str) -> DataSource:
    """The DataSource for a slug, created with its known name and licence."""
    source, _created = DataSource.objects.get_or_create(slug=slug, defaults=source_defaults(slug))
    return source


def import_records(
    records: Iterable[StandardRecord | RecordError],
    *,
    source_slug: str,
    fmt: str,
    filename: str = "",
    user=None,
    batch_size: int = 2000,
    progress: Callable[[int], None] | None = None,
    as_of: datetime.date | None = None,
    job=None,
) -> ImportReport:
    """Import records from one source; idempotent, atomic per batch, with a report.

    Re-importing a newer snapshot writes catalogue events for what changed (status,
    dates, titles, new replacement links, new editions); the first import of a source
    writes none, since nothing changed from a subscriber's point of view.
    """
    source = get_source(source_slug)
    if as_of and source.as_of != as_of:
        source.as_of = as_of
        source.save(update_fields=["as_of"])
    is_reimport = source.runs.filter(job__state=Job.State.SUCCEEDED).exists()
    if job is not None:
        return _import_under(
            job, records, source, fmt, filename, user, batch_size, progress, is_reimport
        )
    from jobs.services import inline_job

    title = _("Catalogue import %(file)s") % {"file": filename or source.name}
    with inline_job(IMPORT_JOB, started_by=user, title=title[:200]) as context:
        return _import_under(
            context.job, records, source, fmt, filename, user, batch_size, progress, is_reimport
        )


def _import_under(job, records, source, fmt, filename, user, batch_size, progress, is_reimport):
    """The import itself, its state and progress on ``job`` (running while this runs)."""
    from catalog.search import index_standards, signals_paused

    run = ImportRun.objects.create(source=source, fmt=fmt, filename=filename[:500], job=job)
    report = ImportReport(run_id=run.id)
    caches = _Caches()
    today = timezone.localdate()
    with signals_paused():
        for batch in _batches(records, batch_size):
            with transaction.atomic():
                touched = _import_batch(batch, source, run, caches, today, report, is_reimport)
            index_standards(touched)
            _save_progress(run, report)
            if progress:
                progress(len(batch))
    resolve_replacement_links()
    _audit(run, report, user)
    return report


def _save_progress(run: ImportRun, report: ImportReport) -> None:
    run.created, run.updated = report.created, report.updated
    run.unchanged, run.rejected = report.unchanged, report.rejected
    run.rejections = report.rejections[:MAX_REJECTIONS_KEPT]
    run.save(update_fields=["created", "updated", "unchanged", "rejected", "rejections"])
    Job.objects.filter(pk=run.job_id, done__lt=report.processed).update(
        done=report.processed, heartbeat_at=timezone.now()
    )


def _audit(run: ImportRun, report: ImportReport, user) -> None:
    log_action(
        "catalog.import.finished",
        actor=user,
        obj=run,
        after={
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
            "rejected": report.rejected,
            "events": report.events,
        },
    )


def _import_batch(batch, source, run, caches, today, report, is_reimport) -> list[int]:
    """Write one batch; returns the ids of created or changed standards."""
    prepared: dict[str, _Prepared] = {}
    for item in batch:
        report.processed += 1
        if isinstance(item, RecordError):
            report.reject(item.line, "", item.reason, source_ref=item.source_ref)
            continue
        try:
            ready = _prepare(item, caches, source, today)
        except RecordError as exc:
            report.reject(
                exc.line if exc.line is not None else item.line,
                item.designation,
                exc.reason,
                kind=exc.kind,
                source_ref=item.source_ref,
            )
            continue
        # The same edition twice in one file: the later row wins.
        prepared[ready.values["designation"]] = ready
    existing = {s.designation: s for s in Standard.objects.filter(designation__in=prepared)}
    creates, updates, events = [], [], []
    for designation, item in prepared.items():
        std = existing.get(designation)
        if std is None:
            creates.append(Standard(**item.values))
            continue
        old = {f: getattr(std, f) for f in COMPARED_FIELDS}
        new = {f: item.values[f] for f in COMPARED_FIELDS}
        if old == new:
            report.unchanged += 1
            continue
        for f, value in new.items():
            setattr(std, f, value)
        updates.append(std)
        events.extend((std, kind, b, a) for kind, b, a in _events_for_change(std, old, new))
    now = timezone.now()
    for std in creates:
        std.created_at = std.updated_at = now
    for std in updates:  # bulk_update bypasses auto_now: the timestamp is set here.
        std.updated_at = now
    insert_rows(Standard, creates)
    ids = dict(
        Standard.objects.filter(designation__in=[s.designation for s in creates]).values_list(
            "designation", "id"
        )
    )
    for std in creates:
        std.pk = ids[std.designation]
        std._state.adding = False
    if updates:
        Standard.objects.bulk_update(updates, [*COMPARED_FIELDS, "updated_at"], batch_size=500)
    report.created += len(creates)
    report.updated += len(updates)
    if is_reimport:
        events.extend(
            (std, CatalogEvent.Kind.PUBLISHED, {}, {"designation": std.designation})
            for std in creates
        )
    all_std = {s.designation: s for s in [*existing.values(), *creates]}
    ids = [all_std[d].id for d in prepared]
    _sync_links(
        StandardIcs,
        "code",
        ids,
        {all_std[d].id: [caches.ics_id(c) for c in item.ics] for d, item in prepared.items()},
    )
    _sync_links(
        StandardCcs,
        "code",
        ids,
        {all_std[d].id: [caches.ccs_id(c) for c in item.ccs] for d, item in prepared.items()},
    )
    new_links = _sync_replacements(list(prepared.values()), source)
    if is_reimport:
        for link in new_links:
            pred = (
                all_std.get(link.predecessor_designation)
                or Standard.objects.filter(designation=link.predecessor_designation).first()
            )
            if pred is not None:
                events.append(
                    (
                        pred,
                        CatalogEvent.Kind.REPLACEMENT_ADDED,
                        {},
                        {"successor": link.successor_designation, "partial": link.partial},
                    )
                )
    CatalogEvent.objects.bulk_create(
        [
            CatalogEvent(standard=std, kind=kind, before=b, after=a, run=run)
            for std, kind, b, a in events
        ]
    )
    report.events += len(events)
    return [s.id for s in creates] + [s.id for s in updates]


def record_manual_change(
    before: Standard | None, after: Standard, *, user=None, request=None
) -> int:
    """Write catalogue events, re-index once and write one audit entry for an edit by hand."""
    with transaction.atomic():
        return _record_manual_change(before, after, user=user, request=request)


def _record_manual_change(before: Standard | None, after: Standard, *, user, request) -> int:
    from catalog.search import index_standards

    events = []
    if before is None:
        events.append((CatalogEvent.Kind.PUBLISHED, {}, {"designation": after.designation}))
    else:
        old = {f: getattr(before, f) for f in COMPARED_FIELDS}
        new = {f: getattr(after, f) for f in COMPARED_FIELDS}
        events = _events_for_change(after, old, new)
    CatalogEvent.objects.bulk_create(
        [CatalogEvent(standard=after, kind=k, before=b, after=a) for k, b, a in events]
    )
    index_standards([after.id])
    changed = [
        f for f in COMPARED_FIELDS if before is None or getattr(before, f) != getattr(after, f)
    ]
    log_action(
        "catalog.standard.created" if before is None else "catalog.standard.updated",
        actor=user,
        obj=after,
        before={f: str(getattr(before, f)) for f in changed} if before else None,
        after={f: str(getattr(after, f)) for f in changed},
        request=request,
    )
    return len(events)
