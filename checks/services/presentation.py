"""Human-readable pieces shared by pages, reports and the command line."""

from __future__ import annotations

from django.utils.translation import gettext as _

from checks.models import Verdict


def location_label(location: dict) -> str:
    """Where a reference was found, in words: page and line, sheet row and column, ..."""
    loc = location or {}
    if "page" in loc:
        return _("page %(page)s, line %(line)s") % {"page": loc["page"], "line": loc.get("line")}
    if "sheet" in loc:
        return _("sheet %(sheet)s, row %(row)s, column %(column)s") % loc
    if "table" in loc:
        return _("table %(table)s, row %(row)s, column %(column)s") % loc
    if "row" in loc:
        return _("row %(row)s, column %(column)s") % loc
    if "paragraph" in loc:
        return _("paragraph %(paragraph)s") % loc
    if "line" in loc:
        return _("line %(line)s") % loc
    return ""


def verdict_label(status: str) -> str:
    """The translated name of a verdict."""
    return str(Verdict(status).label) if status in Verdict.values else status


def item_summary(item) -> str:
    """One line on what to do about a reference: its replacement, date or candidates.

    The explanation of edition resolution is that line wherever a check is shown (page,
    API, command line, reports); the fallbacks serve rows stored before it existed.
    """
    if item.note:
        return item.note
    if item.status == Verdict.REPLACED and item.current:
        return _("Replaced by %(list)s") % {"list": "、".join(item.current)}
    if item.status == Verdict.UPCOMING and item.effective:
        return _("Takes effect on %(date)s") % {"date": item.effective.isoformat()}
    if item.status == Verdict.AMBIGUOUS and item.candidates:
        return _("Candidates: %(list)s") % {"list": "、".join(item.candidates)}
    if item.status == Verdict.NOT_FOUND and item.candidates:
        return _("Editions in the catalogue: %(list)s") % {"list": "、".join(item.candidates)}
    return item.note


def item_as_dict(item) -> dict:
    """The JSON form of a checked reference (command line, API)."""
    return {
        "input": item.input,
        "designation": item.designation,
        "location": item.location,
        "location_label": location_label(item.location),
        "status": item.status,
        "current": list(item.current),
        "matched": item.matched,
        "title": item.standard_title or item.written_title,
        "effective": item.effective.isoformat() if item.effective else None,
        "candidates": list(item.candidates),
        "note": item.note,
    }
