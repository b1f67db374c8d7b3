"""Aggregating expert scores and grading: pure functions, edge cases in the tests."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext as _

from governance.exceptions import GovernanceError

GRADES = ("excellent", "good", "pass")
TWO = Decimal("0.01")


def parse_thresholds(value: Any) -> dict[str, int | float]:
    """Thresholds of 优秀/良好/合格 (0–100), strictly decreasing."""
    if not isinstance(value, dict):
        raise GovernanceError(_("Give the thresholds of excellent, good and pass."))
    out = {}
    for key in GRADES:
        try:
            number = Decimal(str(value[key]))
        except (KeyError, ArithmeticError, ValueError):
            raise GovernanceError(_("Give the thresholds of excellent, good and pass.")) from None
        if not number.is_finite() or not 0 <= number <= 100:
            raise GovernanceError(_("A threshold lies between 0 and 100."))
        out[key] = number
    if not out["excellent"] > out["good"] > out["pass"]:
        raise GovernanceError(_("The thresholds must fall: excellent > good > pass."))
    return {k: float(v) for k, v in out.items()}


def grade_of(score: Decimal, thresholds: dict) -> str:
    """The grade of a score: at or above a threshold earns its grade."""
    limits = parse_thresholds(thresholds)
    for key in GRADES:
        if score >= Decimal(str(limits[key])):
            return key
    return "fail"


def mean_of(scores: list[Decimal], drop_extremes: bool) -> Decimal:
    """The mean score, without one highest and one lowest when asked and at least 3 remain."""
    if not scores:
        raise GovernanceError(_("No score was given."))
    kept = sorted(scores)
    if drop_extremes and len(kept) >= 3:
        kept = kept[1:-1]
    return (sum(kept) / len(kept)).quantize(TWO, rounding=ROUND_HALF_UP)


def weighted_total(means: dict[int, Decimal], weights: dict[int, Decimal]) -> Decimal:
    """The indicators' means weighted by their weights."""
    total_weight = sum(weights[k] for k in means)
    if not total_weight:
        raise GovernanceError(_("The scored indicators have no weight."))
    value = sum(means[k] * weights[k] for k in means) / total_weight
    return value.quantize(TWO, rounding=ROUND_HALF_UP)
