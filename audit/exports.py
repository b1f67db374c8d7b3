"""Export of audit entries to CSV and xlsx; every export is itself audited."""

from __future__ import annotations

import csv
import io
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from audit.services import log_action

MAX_EXPORT_ROWS = 100_000
# Cells starting with these are formulas in spreadsheet programs (CSV/formula injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe_cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


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
        buffer = io.StringIO()
        buffer.write("\ufeff")
        writer = csv.writer(buffer)
        writer.writerow(_headers())
        writer.writerows([_safe_cell(c) for c in row] for row in _rows(entries))
        data = buffer.getvalue().encode("utf-8")
    elif fmt == "xlsx":
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(_("Audit trail"))
        sheet.append(_headers())
        for row in _rows(entries):
            sheet.append([row[0], *(_safe_cell(c) for c in row[1:])])
        buffer = io.BytesIO()
        workbook.save(buffer)
        data = buffer.getvalue()
    else:
        raise ValueError(f"unknown export format {fmt!r}")
    log_action(
        "audit.entries.exported",
        actor=actor,
        after={"format": fmt, "rows": count, "filters": filters},
        request=request,
    )
    return data
