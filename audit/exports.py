"""Export of audit entries to CSV and xlsx; every export is itself audited."""

from __future__ import annotations

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import log_action
from core.writers import Column, Sheet, write_csv, write_xlsx

MAX_EXPORT_ROWS = 100_000


def _rows(entries: QuerySet):
    zone = timezone.get_current_timezone()
    for e in entries.iterator(chunk_size=2000):
        yield [
            e.sequence,
            e.created_at.astimezone(zone).strftime("%Y-%m-%d %H:%M:%S"),
            e.actor_username,
            e.ip_address or "",
            e.action,
            e.object_repr,
            e.object_id,
            e.result,
            json.dumps(e.before, cls=DjangoJSONEncoder, ensure_ascii=False) if e.before else "",
            json.dumps(e.after, cls=DjangoJSONEncoder, ensure_ascii=False) if e.after else "",
            e.detail,
            e.entry_hash,
        ]


def _columns() -> list[Column]:
    return [Column(title) for title in _headers()]


def _headers() -> list[str]:
    return [
        _("Sequence"),
        _("Time"),
        _("Actor"),
        _("IP address"),
        _("Action"),
        _("Object"),
        _("Object ID"),
        _("Result"),
        _("Before"),
        _("After"),
        _("Detail"),
        _("Hash"),
    ]


def export_entries(entries: QuerySet, fmt: str, *, actor, request=None, filters: dict) -> bytes:
    """Render the entries as "csv" or "xlsx" bytes and record the export in the trail."""
    entries = entries.order_by("sequence")[:MAX_EXPORT_ROWS]
    count = entries.count()
    if fmt == "csv":
        data = write_csv(_headers(), _rows(entries))
    elif fmt == "xlsx":
        data = write_xlsx([Sheet(_("Audit trail"), _rows(entries), _columns())])
    else:
        raise ValueError(f"unknown export format {fmt!r}")
    log_action(
        "audit.entries.exported",
        actor=actor,
        after={"format": fmt, "rows": count, "filters": filters},
        request=request,
    )
    return data
