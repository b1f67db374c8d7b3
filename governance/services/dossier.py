"""The acceptance (or evaluation) dossier: summary, KPI table, evidence list, panel opinions."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from core.pdf import Paragraph, Report, Section, Table
from governance.models import Document, KpiValue
from governance.services import kpis
from governance.services.evaluations import aggregate


def dossier_report(evaluation) -> Report:
    """Everything the dossier shows, for `render_pdf` and `render_docx`."""
    base = evaluation.base
    roots, total = kpis.scores_at(base, evaluation.as_of)
    kpi_rows = [
        [
            n.indicator.code,
            n.indicator.name,
            str(n.indicator.weight),
            f"{n.indicator.target or '–'} {n.indicator.unit}".strip(),
            str(n.value.value) if n.value else "–",
            str(n.score) if n.score is not None else "–",
        ]
        for n in kpis.flatten(roots)
    ]
    result = aggregate(evaluation)
    score_rows = [
        [
            r["indicator"].code,
            r["indicator"].name,
            "、".join(str(s) for s in r["scores"]),
            str(r["mean"]) if r["mean"] is not None else "–",
        ]
        for r in result["rows"]
    ]
    evidence = [
        [
            d.get_kind_display(),
            d.title or d.filename,
            d.uploaded_at.date().isoformat(),
            d.sha256[:12],
        ]
        for d in Document.objects.filter(base=base).order_by("uploaded_at")
    ]
    period = evaluation.as_of.replace(day=1)
    manual = KpiValue.objects.filter(indicator__base=base, period=period, computed=False)
    opinions = [
        Paragraph(f"{m.position}. {m.expert.get_full_name() or m.expert.username}: {m.opinion}")
        for m in result["members"]
        if m.opinion
    ]
    findings = []
    for finding in evaluation.findings.prefetch_related("rectifications__unit"):
        for task in finding.rectifications.all():
            findings.append(
                [
                    finding.text,
                    task.title,
                    task.unit.name,
                    task.due_on.isoformat(),
                    task.state_label,
                ]
            )
        if not finding.rectifications.exists():
            findings.append([finding.text, "", "", "", ""])
    grade = evaluation.get_grade_display() if evaluation.grade else _("not graded yet")
    return Report(
        title=_("Acceptance dossier")
        if evaluation.kind == "acceptance"
        else _("Evaluation dossier"),
        subtitle=f"{base.name} · {evaluation.title}",
        metadata=[
            (_("Base"), base.name),
            (pgettext("governance", "Evaluation"), evaluation.get_kind_display()),
            (pgettext("governance", "As of"), evaluation.as_of.isoformat()),
            (_("Expert score"), str(evaluation.score) if evaluation.score is not None else "–"),
            (_("Grade"), str(grade)),
            (_("KPI weighted total"), str(total) if total is not None else "–"),
        ],
        sections=[
            Section(
                pgettext("governance", "Summary"),
                [Paragraph(evaluation.self_assessment or _("None."))],
            ),
            Section(
                _("KPI table"),
                [
                    Table(
                        [
                            pgettext("governance", "Code"),
                            _("Indicator"),
                            _("Weight"),
                            _("Target"),
                            pgettext("governance", "Value"),
                            pgettext("governance", "Score"),
                        ],
                        kpi_rows,
                        widths=(14, 60, 14, 24, 20, 16),
                    )
                ],
            ),
            Section(
                _("Expert scores"),
                [
                    Table(
                        [pgettext("governance", "Code"), _("Indicator"), _("Scores"), _("Mean")],
                        score_rows,
                        widths=(14, 60, 60, 16),
                    )
                ],
            ),
            Section(_("Panel opinions"), opinions or [Paragraph(_("None."))]),
            Section(
                _("Findings and rectification"),
                [
                    Table(
                        [
                            _("Finding"),
                            _("Rectification"),
                            pgettext("governance", "Unit"),
                            _("Due on"),
                            _("State"),
                        ],
                        findings,
                        widths=(50, 50, 34, 20, 18),
                    )
                ]
                if findings
                else [Paragraph(_("None."))],
            ),
            Section(
                _("Evidence list"),
                [
                    Table(
                        [
                            pgettext("governance", "Kind"),
                            _("Document"),
                            pgettext("governance", "Uploaded"),
                            _("SHA-256"),
                        ],
                        evidence,
                        widths=(34, 80, 22, 28),
                    )
                ]
                if evidence
                else [Paragraph(_("None."))],
            ),
            Section(
                _("Values entered by hand"),
                [
                    Paragraph(
                        "\n".join(f"{v.indicator.code}: {v.value} — {v.method}" for v in manual)
                        or _("None.")
                    )
                ],
            ),
        ],
    )
