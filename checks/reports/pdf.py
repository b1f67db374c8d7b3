"""The PDF report (查新报告), written with the shared PDF report base (core.pdf)."""

from __future__ import annotations

from django.utils.translation import pgettext

from checks.models import Check
from checks.reports.content import report_content, verify_url
from core.pdf import Paragraph, Report, Section, Table, Verification, render_pdf

# Relative column widths (mm on landscape A4) of No., as written, designation, verdict,
# current editions, title, note, location.
COLUMN_WIDTHS_MM = (10, 40, 36, 16, 40, 50, 50, 30)


def check_report(check: Check, base_url: str = "") -> Report:
    """The 查新报告 of a finished check as a PDF report description."""
    content = report_content(check, base_url)
    counts = "    ".join(f"{label} {n}" for label, n in content.counts)
    return Report(
        title=content.title,
        metadata=content.facts,
        sections=[
            Section(
                "",
                [
                    Paragraph(counts, size=10),
                    Table(content.headers, content.rows, COLUMN_WIDTHS_MM),
                ],
            )
        ],
        verification=Verification(
            check.verification_code, verify_url(check, base_url), label=content.footer
        ),
        footer=pgettext("check report", "StdBase standards validity check"),
        landscape=True,
    )


def build_pdf(check: Check, base_url: str = "") -> bytes:
    """The 查新报告 of a finished check, as PDF bytes."""
    return render_pdf(check_report(check, base_url))
