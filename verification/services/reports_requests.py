"""The verification report of a draft (PDF with QR verification) and its raw data (xlsx)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.pdf import Paragraph, Report, Section, Table, Verification, render_pdf
from core.writers import Column, Sheet, Styled, write_xlsx
from verification.services.reports_evaluation import verdict_label

ITEM_HEADERS = ("clause", "indicator", "requirement", "verification method", "measured value",
                "unit", "verdict", "rule")  # fmt: skip
WIDTHS = (10, 20, 24, 14, 14, 10, 12, 60)


def request_verify_url(req) -> str:
    """Where anyone confirms a verification report with its code."""
    return settings.SITE_URL + reverse("verification:verify", args=[req.verification_code])


def _facts(req) -> list[tuple[str, str]]:
    from verification.services.requests import overall_verdict

    plan = ""
    if req.planned_start:
        plan = f"{req.planned_start.isoformat()} – {req.planned_end.isoformat()}"
    reported = timezone.localtime(req.reported_at).date().isoformat() if req.reported_at else ""
    return [
        (_("report number"), req.report_number or _("(draft)")),
        (_("project"), f"{req.project.number} {req.project.title}"),
        (_("draft"), req.draft.label),
        (_("verification centre"), str(req.centre)),
        (_("host organisation"), req.centre.host_organisation),
        (_("samples"), req.samples),
        (_("laboratories"), req.labs),
        (_("planned dates"), plan),
        (_("reported at"), reported),
        (_("Overall verdict"), verdict_label(overall_verdict(req))),
    ]


def _rows(req) -> list[list[str]]:
    return [
        [i.clause, i.indicator, i.requirement, i.get_method_display(), i.value, i.unit,
         verdict_label(i.verdict) if i.verdict else "—", i.rule]
        for i in req.items.all()
    ]  # fmt: skip


def request_pdf(req) -> bytes:
    """The verification report: facts, every item with its verdict and rule, QR verification."""
    verification = None
    if req.verification_code:
        verification = Verification(req.verification_code, request_verify_url(req))
    return render_pdf(
        Report(
            title=_("Verification report of a draft standard"),
            subtitle=req.title,
            metadata=[(k, v) for k, v in _facts(req) if v],
            sections=[
                Section(_("Items verified"), [
                    Table([_(h) for h in ITEM_HEADERS], _rows(req), WIDTHS),
                ]),
                Section("", [Paragraph(_(
                    "Measured values are judged per GB/T 8170-2008 §4 as each rule states; failed "
                    "and inconclusive items are filed as technical comments on the draft."
                ))]),
            ],
            verification=verification,
            footer=str(req.centre),
            landscape=True,
        )
    )  # fmt: skip


def request_xlsx(req) -> bytes:
    """The raw data of a request: facts and every item with value, unit, verdict and rule."""
    facts = [[Styled(_("Verification report of a draft standard"), bold=True, size=14)],
             *map(list, _facts(req))]  # fmt: skip
    columns = [Column(_(h), w) for h, w in zip(ITEM_HEADERS, WIDTHS, strict=True)]
    return write_xlsx([Sheet(_("Facts"), facts), Sheet(_("Items"), _rows(req), columns)])
