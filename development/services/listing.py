"""Lists of projects: filters of the work programme and its spreadsheet export."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from core.writers import Column, Sheet, write_xlsx
from development import stages


def filter_projects(rows: QuerySet, params) -> QuerySet:
    """Narrow a project list by body, stage, track, state ("active", "overdue") and text."""
    if body := params.get("body"):
        rows = rows.filter(body_id=body) if str(body).isdigit() else rows.none()
    if stage := params.get("stage"):
        rows = rows.filter(stage_main=stage)
    if track := params.get("track"):
        rows = rows.filter(track=track)
    status = params.get("status")
    if status == "active":
        rows = rows.in_progress()
    elif status == "overdue":
        rows = rows.overdue()
    elif status == "published":
        rows = rows.filter(standard__isnull=False)
    if text := (params.get("q") or "").strip():
        rows = rows.filter(
            Q(title__icontains=text) | Q(number__icontains=text) | Q(designation__icontains=text)
        )
    return rows


def project_rows_xlsx(rows: QuerySet) -> bytes:
    """The projects as an xlsx workbook (through the shared safe-cell writer)."""
    today = timezone.localdate()
    columns = [
        Column(_("Project number"), 18),
        Column(_("Title"), 50),
        Column(_("Body"), 30),
        Column(_("Track"), 14),
        Column(_("Stage"), 10),
        Column(_("Stage name"), 24),
        Column(_("Target date"), 12),
        Column(_("Limit date"), 12),
        Column(_("Overdue"), 8),
        Column(_("Designation"), 22),
        Column(_("Published on"), 12),
    ]

    def lines():
        for p in rows.select_related("body").iterator(chunk_size=1000):
            yield [
                p.number,
                p.title,
                str(p.body),
                p.get_track_display(),
                p.state,
                p.state_label,
                p.target_date,
                p.limit_date,
                _("yes")
                if (stages.is_active(p.state) and p.target_date and p.target_date < today)
                else "",
                p.designation,
                p.published_on,
            ]

    return write_xlsx([Sheet(_("Projects"), lines(), columns)])
