"""Economic benefit of a standard's implementation, GB/T 3533.1 approach.

The formulas are written out in docs/verification-methods.md §8.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from audit.services import log_action
from core.exceptions import DomainError

MAX_YEARS = 50
CENT = Decimal("0.0001")


class BenefitInputError(DomainError):
    """Cash flows or a discount rate that cannot be evaluated."""

    code = "benefit_invalid"


@dataclass(frozen=True)
class Flow:
    """Costs of standardisation and savings/benefits in year `year` of the period (0 = start)."""

    year: int
    costs: Decimal
    benefits: Decimal
    note: str = ""

    @property
    def net(self) -> Decimal:
        return self.benefits - self.costs


@dataclass(frozen=True)
class YearResult:
    """One year of the evaluation: discount factor, discounted and cumulative flows."""

    year: int
    costs: Decimal
    benefits: Decimal
    net: Decimal
    factor: Decimal
    discounted_net: Decimal
    cumulative: Decimal
    cumulative_discounted: Decimal


@dataclass(frozen=True)
class BenefitResult:
    """The indicators of an evaluation (amounts in the evaluation's unit, rates as fractions)."""

    rate: Decimal
    years: list[YearResult]
    total_costs: Decimal
    total_benefits: Decimal
    economic_benefit: Decimal  # X = Σ B_t − Σ C_t (undiscounted)
    pv_costs: Decimal  # K = Σ C_t / (1+i)^t
    pv_benefits: Decimal  # B = Σ B_t / (1+i)^t
    npv: Decimal  # B − K
    benefit_cost_ratio: Decimal | None  # B / K
    payback: Decimal | None  # static payback period in years
    discounted_payback: Decimal | None
    irr: Decimal | None  # fraction, None when the net flows do not change sign

    @property
    def period(self) -> int:
        return len(self.years)


def parse_rate(text: object) -> Decimal:
    """A discount rate in percent (`8`, `8.5`, `8.5%`) as a fraction; 0 ≤ rate ≤ 100 %."""
    raw = str(text).strip().rstrip("%％").strip()
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise BenefitInputError(
            _("The discount rate “%(text)s” is not a number.") % {"text": text}
        ) from None
    if not value.is_finite() or value < 0 or value > 100:
        raise BenefitInputError(_("The discount rate must be between 0 % and 100 %."))
    return value / 100


SEPARATORS = re.compile(r"\s*[,，\t;；]\s*")


def _amount(raw: str, line: int, column: str) -> Decimal:
    try:
        value = Decimal(raw.replace(" ", "")) if raw.strip() else Decimal(0)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        raise BenefitInputError(
            _("Line %(line)d, %(column)s: “%(text)s” is not an amount.")
            % {"line": line, "column": column, "text": raw}
        )
    if value < 0:
        raise BenefitInputError(
            _("Line %(line)d, %(column)s: amounts cannot be negative (enter costs as costs).")
            % {"line": line, "column": column}
        )
    return value


def parse_flows(text: str) -> list[Flow]:
    """Flows from lines `year, costs, benefits[, note]`; errors name the line and column."""
    flows: list[Flow] = []
    for line, row in enumerate(text.splitlines(), start=1):
        if not row.strip() or row.lstrip().startswith("#"):
            continue
        cells = SEPARATORS.split(row.strip(), maxsplit=3)
        if len(cells) < 3:
            raise BenefitInputError(
                _("Line %(line)d: write “year, costs, benefits”, e.g. “1, 20, 65”.")
                % {"line": line}
            )
        if not re.fullmatch(r"\d{1,2}", cells[0]):
            raise BenefitInputError(
                _("Line %(line)d, year: “%(text)s” is not a year of the period (0, 1, 2 …).")
                % {"line": line, "text": cells[0]}
            )
        flows.append(
            Flow(
                int(cells[0]),
                _amount(cells[1], line, _("costs")),
                _amount(cells[2], line, _("benefits")),
                cells[3][:200] if len(cells) > 3 else "",
            )
        )
    return validate_flows(flows)


def validate_flows(flows: list[Flow]) -> list[Flow]:
    """Years unique and consecutive from 0 or 1, at most MAX_YEARS, some costs; sorted."""
    if not flows:
        raise BenefitInputError(_("Enter the costs and benefits of at least one year."))
    flows = sorted(flows, key=lambda f: f.year)
    years = [f.year for f in flows]
    duplicates = sorted({y for y in years if years.count(y) > 1})
    if duplicates:
        raise BenefitInputError(_("Year %(year)d is entered twice.") % {"year": duplicates[0]})
    if years[0] not in (0, 1) or years != list(range(years[0], years[0] + len(years))):
        raise BenefitInputError(
            _("The years must be consecutive and start at 0 or 1 (found %(years)s).")
            % {"years": "、".join(map(str, years))}
        )
    if len(flows) > MAX_YEARS:
        raise BenefitInputError(
            _("The evaluation period is at most %(n)d years.") % {"n": MAX_YEARS}
        )
    if not any(f.costs > 0 for f in flows):
        raise BenefitInputError(
            _("Enter the costs of standardisation: without costs no ratio can be computed.")
        )
    return flows


def _payback(cumulative: list[Decimal], nets: list[Decimal], years: list[int]) -> Decimal | None:
    """When the cumulative net flow turns non-negative for good, interpolated within the year."""
    negative = [i for i, total in enumerate(cumulative) if total < 0]
    if not negative:
        return Decimal(years[0])
    last = negative[-1]
    if last == len(cumulative) - 1:
        return None  # not paid back within the period
    return (Decimal(years[last]) + (-cumulative[last] / nets[last + 1])).quantize(CENT)


def _npv_float(nets: list[Decimal], years: list[int], rate: float) -> float:
    return sum(float(n) / (1 + rate) ** y for n, y in zip(nets, years, strict=True))


def _irr(nets: list[Decimal], years: list[int]) -> Decimal | None:
    """The rate at which the NPV is zero, by bisection on (−99 %, 1000 %); None without one."""
    low, high = -0.99, 10.0
    f_low, f_high = _npv_float(nets, years, low), _npv_float(nets, years, high)
    if f_low == 0:
        return Decimal(str(low))
    if f_low * f_high > 0:
        return None
    for _step in range(200):
        mid = (low + high) / 2
        f_mid = _npv_float(nets, years, mid)
        if abs(f_mid) < 1e-12 or high - low < 1e-12:
            break
        if f_low * f_mid < 0:
            high = mid
        else:
            low, f_low = mid, f_mid
    return Decimal(str(round((low + high) / 2, 6)))


def evaluate_benefit(flows: list[Flow], rate: Decimal) -> BenefitResult:
    """NPV, benefit/cost ratio, payback periods and IRR of the flows at the discount rate."""
    flows = validate_flows(list(flows))
    rows: list[YearResult] = []
    cumulative = cumulative_discounted = Decimal(0)
    pv_costs = pv_benefits = Decimal(0)
    for flow in flows:
        factor = 1 / (1 + rate) ** flow.year
        pv_costs += flow.costs * factor
        pv_benefits += flow.benefits * factor
        cumulative += flow.net
        cumulative_discounted += flow.net * factor
        rows.append(
            YearResult(
                flow.year, flow.costs, flow.benefits, flow.net,
                factor.quantize(Decimal("1e-6")), (flow.net * factor).quantize(CENT),
                cumulative, cumulative_discounted.quantize(CENT),
            )
        )  # fmt: skip
    years = [f.year for f in flows]
    nets = [f.net for f in flows]
    discounted = [r.discounted_net for r in rows]
    total_costs = sum((f.costs for f in flows), Decimal(0))
    total_benefits = sum((f.benefits for f in flows), Decimal(0))
    return BenefitResult(
        rate=rate,
        years=rows,
        total_costs=total_costs,
        total_benefits=total_benefits,
        economic_benefit=total_benefits - total_costs,
        pv_costs=pv_costs.quantize(CENT),
        pv_benefits=pv_benefits.quantize(CENT),
        npv=(pv_benefits - pv_costs).quantize(CENT),
        benefit_cost_ratio=(pv_benefits / pv_costs).quantize(CENT) if pv_costs else None,
        payback=_payback([r.cumulative for r in rows], nets, years),
        discounted_payback=_payback([r.cumulative_discounted for r in rows], discounted, years),
        irr=_irr(nets, years),
    )


def flows_of(evaluation) -> list[Flow]:
    """The stored flows of an evaluation as service values."""
    return [Flow(f.year, f.costs, f.benefits, f.note) for f in evaluation.flows.all()]


def result_of(evaluation) -> BenefitResult:
    """The indicators of a stored evaluation."""
    return evaluate_benefit(flows_of(evaluation), evaluation.discount_rate / 100)


def flows_text(evaluation) -> str:
    """The stored flows written back as the lines `parse_flows` reads."""
    return "\n".join(
        ", ".join(
            [str(f.year), format(f.costs.normalize(), "f"), format(f.benefits.normalize(), "f")]
            + ([f.note] if f.note else [])
        )
        for f in evaluation.flows.all()
    )


@transaction.atomic
def save_benefit_evaluation(
    *, user, standard, title: str, rate_text: str, flows: str, body=None, implementer: str = "",
    currency: str = "万元", notes: str = "", evaluation=None, request=None,
):  # fmt: skip
    """Create (or replace the inputs of) an evaluation after validating them; audited."""
    from bodies.scopes import has_body_permission
    from verification.models import BenefitEvaluation, BenefitFlow

    if evaluation is None:
        permission = "verification.add_benefitevaluation"
        if not (
            user.has_perm(permission) or (body and has_body_permission(user, permission, body))
        ):
            raise BenefitInputError(_("You cannot create evaluations here."))
    elif not BenefitEvaluation.objects.restrict(user, "change").filter(pk=evaluation.pk).exists():
        raise BenefitInputError(_("You cannot change this evaluation."))
    rate = parse_rate(rate_text)
    parsed = parse_flows(flows)
    if not title.strip():
        raise BenefitInputError(_("Give the evaluation a title."))
    created = evaluation is None
    before = (
        None
        if created
        else {"flows": flows_text(evaluation), "rate": str(evaluation.discount_rate)}
    )
    evaluation = evaluation or BenefitEvaluation(created_by=user)
    evaluation.standard, evaluation.body, evaluation.title = standard, body, title.strip()
    evaluation.implementer, evaluation.currency, evaluation.notes = implementer, currency, notes
    evaluation.discount_rate = (rate * 100).quantize(Decimal("0.001"))
    evaluation.save()
    evaluation.flows.all().delete()
    BenefitFlow.objects.bulk_create(
        BenefitFlow(evaluation=evaluation, year=f.year, costs=f.costs, benefits=f.benefits,
                    note=f.note)
        for f in parsed
    )  # fmt: skip
    result = evaluate_benefit(parsed, rate)
    log_action(
        "verification.benefit." + ("created" if created else "changed"),
        actor=user, obj=evaluation, before=before, request=request,
        after={"flows": flows_text(evaluation), "rate": str(evaluation.discount_rate),
               "npv": str(result.npv)},
    )  # fmt: skip
    return evaluation
