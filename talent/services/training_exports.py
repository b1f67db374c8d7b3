"""Training exports: the enrolment and attendance list of a session as xlsx (audited)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from audit.services import log_action
from core.writers import Column, Sheet, safe_cell, write_xlsx
from talent.models import TrainingSession
from talent.services.training import _require_change, display_name


def export_enrolments(actor, session: TrainingSession, *, request=None) -> bytes:
    """Every enrolment of the session with attendance, score and result (formula-safe cells)."""
    _require_change(actor, session)
    rows = session.enrolments.select_related("person", "organization", "session__course")
    rows = rows.order_by("status", "queued_at", "pk")
    yes, no = _("yes"), _("no")
    data = [
        [
            safe_cell(display_name(e.person)),
            safe_cell(e.person.email),
            safe_cell(e.organization.name if e.organization else ""),
            safe_cell(e.get_status_display()),
            timezone.localtime(e.created_at).strftime("%Y-%m-%d %H:%M"),
            "" if e.attended is None else (yes if e.attended else no),
            "" if e.exam_score is None else float(e.exam_score),
            yes if e.passed else no,
        ]
        for e in rows
    ]
    columns = [
        Column(pgettext("person", "Name"), 18),
        Column(_("Email"), 28),
        Column(_("Organisation"), 28),
        Column(_("Status"), 14),
        Column(_("Enrolled at"), 18),
        Column(_("Attended"), 10),
        Column(_("Exam score"), 10),
        Column(_("Passed"), 10),
    ]
    body = write_xlsx([Sheet(_("Enrolments"), data, columns)])
    log_action(
        "talent.session.exported",
        actor=actor,
        obj=session,
        after={"rows": len(data), "format": "xlsx"},
        request=request,
    )
    return body
