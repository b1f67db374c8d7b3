"""Proficiency testing per ISO 13528:2015: Algorithm A robust mean and SD, and z-scores."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence

# ISO 13528:2015 C.3.1: 1.483 makes the scaled MAD, and 1.134 the SD of winsorised normal
# data (at 1.5 s*), consistent estimates of σ.
MAD_FACTOR = 1.483
WINSOR_FACTOR = 1.134
WINSOR_LIMIT = 1.5


def mean(values: Sequence[float]) -> float:
    """The arithmetic mean, summed without rounding drift (math.fsum)."""
    return math.fsum(values) / len(values)


def sd(values: Sequence[float]) -> float:
    """The sample standard deviation (n − 1), two-pass with math.fsum.

    statistics.stdev is exact but computes with fractions, a hundred times slower; this
    accuracy is ample for measurements with a handful of significant figures.
    """
    centre = mean(values)
    return math.sqrt(math.fsum((v - centre) ** 2 for v in values) / (len(values) - 1))


def algorithm_a(values: Sequence[float], *, tolerance: float = 1e-12) -> tuple[float, float]:
    """Robust mean x* and SD s* by Algorithm A (C.3.1), iterated until they stop changing."""
    data = [float(v) for v in values]
    if not data:
        raise ValueError("Algorithm A needs at least one value")
    x = statistics.median(data)
    s = MAD_FACTOR * statistics.median(abs(v - x) for v in data)
    if len(data) < 2 or s == 0:
        return x, s
    for _ in range(1000):
        delta = WINSOR_LIMIT * s
        clipped = [min(max(v, x - delta), x + delta) for v in data]
        new_x = mean(clipped)
        new_s = WINSOR_FACTOR * sd(clipped)
        converged = abs(new_x - x) <= tolerance * max(1.0, abs(x)) and abs(new_s - s) <= (
            tolerance * max(1.0, s)
        )
        x, s = new_x, new_s
        if converged:
            break
    return x, s


def z_scores(values: Sequence[float], assigned: float, sigma: float) -> list[float | None]:
    """z = (x − x_pt) / σ_pt (ISO 13528 §9.4); None when σ_pt is 0."""
    if sigma == 0 or not math.isfinite(sigma):
        return [None for _ in values]
    return [(v - assigned) / sigma for v in values]


def z_assessment(z: float | None) -> str:
    """ISO 13528 §9.4.3: |z| ≤ 2 acceptable, 2 < |z| < 3 warning, |z| ≥ 3 action."""
    if z is None:
        return "undefined"
    size = abs(z)
    return "acceptable" if size <= 2 else "warning" if size < 3 else "action"
