"""PDF and xlsx outputs of conformity tests, benefit evaluations and questionnaire results."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from core.pdf import Paragraph, Report, Section, Table, Verification, render_pdf
from core.writers import Column, Sheet, Styled, write_xlsx
from verification.services.benefit import BenefitResult

VERDICTS = {"pass": "合格", "fail": "不合格", "inconclusive": "无法判定"}


def verdict_label(verdict: str) -> str:
    """The verdict as a report prints it."""
    return {"pass": _("Pass"), "fail": _("Fail"), "inconclusive": _("Inconclusive")}.get(
        verdict, verdict
    )


def conformity_verify_url(test, base_url: str = "") -> str:
    """Where anyone confirms a conformity report with its verification code."""
    return base_url.rstrip("/") + reverse(
        "evaluation:conformity-verify", args=[test.verification_code]
    )


def _conformity_facts(test) -> list[tuple[str, str]]:
    from verification.services.conformity import overall_verdict

    return [
        (_("report number"), test.report_number or _("(draft)")),
        (_("standard"), f"{test.standard.designation} {test.standard.title_zh}"),
        (_("product"), test.product),
        (_("model"), test.model),
        (_("lot"), test.lot),
        (_("sample number"), test.sample),
        (_("manufacturer"), test.manufacturer),
        (_("testing centre"), str(test.centre)),
        (_("tested on"), test.tested_on.isoformat()),
        (_("Overall verdict"), verdict_label(overall_verdict(test))),
    ]


ITEM_HEADERS = ("clause", "indicator", "requirement", "measured value", "unit", "verdict", "rule")


def _item_rows(test) -> list[list[str]]:
    return [
        [i.clause, i.indicator, i.requirement, i.value, i.unit, verdict_label(i.verdict), i.rule]
        for i in test.items.all()
    ]


def conformity_pdf(test, base_url: str = "") -> bytes:
    """The conformity test report with its verification code and QR code."""
    verification = None
    if test.verification_code:
        verification = Verification(test.verification_code, conformity_verify_url(test, base_url))
    return render_pdf(
        Report(
            title=_("Conformity test report"),
            metadata=[(k, v) for k, v in _conformity_facts(test) if v],
            sections=[
                Section(
                    _("Results"),
                    [
                        Table(
                            [_(h) for h in ITEM_HEADERS],
                            _item_rows(test),
                            (12, 28, 30, 18, 12, 14, 70),
                        )
                    ],
                ),
                Section("", [Paragraph(_("Judged per GB/T 8170-2008 §4 as each rule states."))]),
            ],
            verification=verification,
            footer=_("StdBase verification centre"),
            landscape=True,
        )
    )


def conformity_xlsx(test) -> bytes:
    """The raw data of a conformity test: facts and every judged clause."""
    facts = [
        [Styled(_("Conformity test report"), bold=True, size=14)],
        *map(list, _conformity_facts(test)),
    ]
    columns = [
        Column(_(h), w) for h, w in zip(ITEM_HEADERS, (10, 20, 24, 14, 10, 10, 60), strict=True)
    ]
    rows = [
        [
            i.clause,
            i.indicator,
            i.requirement,
            i.value,
            i.unit,
            verdict_label(i.verdict),
            i.rule,
            i.method,
        ]
        for i in test.items.all()
    ]
    columns.append(Column(_("comparison method"), 12))
    return write_xlsx([Sheet(_("Facts"), facts), Sheet(_("Results"), rows, columns)])


def _money(value) -> str:
    return "—" if value is None else f"{value:,.2f}"


def _percent(value) -> str:
    return "—" if value is None else f"{value * 100:.2f} %"


def _years(value) -> str:
    return _("not within the period") if value is None else f"{value:.2f}"


def benefit_indicators(evaluation, result: BenefitResult) -> list[tuple[str, str]]:
    """The indicators as (label, value) rows, amounts in the evaluation's unit."""
    unit = evaluation.currency
    return [
        (_("Evaluation period (years)"), str(result.period)),
        (_("discount rate (%)"), f"{evaluation.discount_rate.normalize():f}"),
        (_("Total costs (%(unit)s)") % {"unit": unit}, _money(result.total_costs)),
        (
            _("Total savings and benefits (%(unit)s)") % {"unit": unit},
            _money(result.total_benefits),
        ),
        (
            _("Economic benefit X = ΣB − ΣC (%(unit)s)") % {"unit": unit},
            _money(result.economic_benefit),
        ),
        (_("Present value of costs K (%(unit)s)") % {"unit": unit}, _money(result.pv_costs)),
        (_("Present value of benefits B (%(unit)s)") % {"unit": unit}, _money(result.pv_benefits)),
        (_("Net present value NPV (%(unit)s)") % {"unit": unit}, _money(result.npv)),
        (
            _("Benefit/cost ratio B/K"),
            "—" if result.benefit_cost_ratio is None else f"{result.benefit_cost_ratio:.4f}",
        ),
        (_("Payback period (years)"), _years(result.payback)),
        (_("Discounted payback period (years)"), _years(result.discounted_payback)),
        (_("Internal rate of return"), _percent(result.irr)),
    ]


YEAR_HEADERS = (
    "Year",
    "costs",
    "savings and benefits",
    "Net flow",
    "Discount factor",
    "Discounted net flow",
    "Cumulative net flow",
    "Cumulative discounted",
)


def benefit_year_rows(result: BenefitResult) -> list[list]:
    """One row per year of the period, numbers kept as numbers."""
    return [
        [
            y.year,
            float(y.costs),
            float(y.benefits),
            float(y.net),
            float(y.factor),
            float(y.discounted_net),
            float(y.cumulative),
            float(y.cumulative_discounted),
        ]
        for y in result.years
    ]


def benefit_pdf(evaluation, result: BenefitResult) -> bytes:
    """The benefit evaluation as a PDF report."""
    rows = [[str(c) for c in row] for row in benefit_year_rows(result)]
    return render_pdf(
        Report(
            title=_("Economic benefit evaluation of a standard"),
            metadata=[
                (
                    _("standard"),
                    f"{evaluation.standard.designation} {evaluation.standard.title_zh}",
                ),
                (_("title"), evaluation.title),
                (_("implementing organisation"), evaluation.implementer),
            ],
            sections=[
                Section(
                    _("Indicators"),
                    [
                        Table(
                            [_("Indicator"), _("Value")],
                            [list(r) for r in benefit_indicators(evaluation, result)],
                            (90, 50),
                        )
                    ],
                ),
                Section(_("Yearly flows"), [Table([_(h) for h in YEAR_HEADERS], rows)]),
                Section(
                    "",
                    [
                        Paragraph(
                            _("Formulas: docs/verification-methods.md §8 (GB/T 3533.1 approach).")
                        )
                    ],
                ),
            ],
            footer=_("StdBase verification centre"),
        )
    )


def benefit_xlsx(evaluation, result: BenefitResult) -> bytes:
    """The benefit evaluation's indicators and yearly flows."""
    indicators = [
        [Styled(evaluation.title, bold=True, size=14)],
        [_("standard"), evaluation.standard.designation],
        *[list(r) for r in benefit_indicators(evaluation, result)],
    ]
    columns = [Column(_(h), 16) for h in YEAR_HEADERS]
    return write_xlsx(
        [
            Sheet(_("Indicators"), indicators),
            Sheet(_("Yearly flows"), benefit_year_rows(result), columns),
        ]
    )


def questionnaire_xlsx(questionnaire) -> bytes:
    """Every response with its answers (one column per question) and the scores."""
    from verification.services.applicability import questionnaire_scores

    questions = list(questionnaire.questions.all())
    columns = [
        Column(_("response"), 8),
        Column(_("organisation"), 24),
        Column(_("alliance"), 20),
        Column(_("submitted at"), 18),
    ] + [Column(q.text, 20) for q in questions]
    rows = []
    for response in questionnaire.responses.select_related("organization", "alliance"):
        given = {a.question_id: a for a in response.answers.all()}
        cells = []
        for q in questions:
            a = given.get(q.pk)
            cells.append(
                "" if a is None else a.score if a.score is not None else a.choice or a.text
            )
        rows.append(
            [
                response.pk,
                str(response.organization or ""),
                str(response.alliance or ""),
                response.submitted_at.replace(tzinfo=None),
                *cells,
            ]
        )
    scores = questionnaire_scores(questionnaire)
    from verification.models import Dimension

    summary = (
        [[_("Dimension"), _("Weighted mean score")]]
        + [[str(Dimension(d).label), round(s, 3)] for d, s in scores.dimensions.items()]
        + [[_("Overall"), round(scores.overall, 3) if scores.overall is not None else ""]]
    )
    return write_xlsx([Sheet(_("Responses"), rows, columns), Sheet(_("Scores"), summary)])
