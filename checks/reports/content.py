"""The content of a check report, independent of the file format it is written in."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from checks.models import Check, Verdict
from checks.services.presentation import item_summary, location_label, verdict_label


@dataclass
class ReportContent:
    """Title, facts about the check, counts and one row per reference."""

    title: str
    facts: list[tuple[str, str]]
    counts: list[tuple[str, int]]
    headers: list[str]
    rows: list[list[str]] = field(default_factory=list)
    footer: str = ""


def verify_url(check: Check, base_url: str = "") -> str:
    """Where anyone can confirm the report with its verification code."""
    from django.urls import reverse

    return base_url.rstrip("/") + reverse("checks:verify", args=[check.verification_code])


def report_content(check: Check, base_url: str = "") -> ReportContent:
    """Everything a 查新报告 shows, built once for every output format."""
    created = timezone.localtime(check.finished_at or check.created_at)
    facts = [
        (_("Checked document"), check.filename or check.title or _("Pasted text")),
        (_("Check date"), created.strftime("%Y-%m-%d %H:%M")),
        (
            _("Catalogue snapshot date"),
            check.catalogue_as_of.isoformat() if check.catalogue_as_of else _("unknown"),
        ),
        (_("Verification code"), check.verification_code),
    ]
    if check.as_of:
        facts.insert(2, (_("Editions in force on"), check.as_of.isoformat()))
    counts = [(_("References found"), check.total)] + [
        (str(label), int(check.counts.get(value, 0))) for value, label in Verdict.choices
    ]
    headers = [
        pgettext("check report", "No."),
        pgettext("check report", "As written"),
        pgettext("check report", "Designation"),
        pgettext("check report", "Verdict"),
        pgettext("check report", "Current editions"),
        pgettext("check report", "Title"),
        pgettext("check report", "Note"),
        pgettext("check report", "Location"),
    ]
    rows = [
        [
            str(item.position),
            item.input,
            item.designation,
            verdict_label(item.status),
            "、".join(item.current),
            item.standard_title or item.written_title,
            item_summary(item),
            location_label(item.location),
        ]
        for item in check.items.order_by("position")
    ]
    footer = _("Verify this report at %(url)s with code %(code)s.") % {
        "url": verify_url(check, base_url),
        "code": check.verification_code,
    }
    return ReportContent(_("Standards validity check report"), facts, counts, headers, rows, footer)
