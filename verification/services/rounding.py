"""GB/T 8170-2008 rounding of numbers (数值修约) with exact decimals."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal


def round_gbt8170(value: Decimal, interval: Decimal) -> Decimal:
    """`value` rounded to a multiple of `interval` (10ⁿ, 0.5×10ⁿ or 0.2×10ⁿ) per GB/T 8170 §3.

    §3.1: a first dropped digit below 5 is dropped, above 5 carries; a 5 followed by any
    non-zero digit carries; a 5 alone (or followed by zeros only) carries only when the
    kept last digit is odd (四舍六入五成双, judged on the whole dropped part, which exact
    decimals keep); negative numbers are rounded by their absolute value. §3.3: 0.5 and
    0.2 units round 2X or 5X to 10ⁿ and divide back, which is the same as rounding
    X / interval to an integer. §3.2 (no rounding in steps) holds because the whole value
    is rounded once.
    """
    if interval <= 0:
        raise ValueError("rounding interval must be positive")
    steps = (value / interval).quantize(Decimal(1), rounding=ROUND_HALF_EVEN)
    result = steps * interval
    # Keep the interval's digits (0.50 → 0.50, 12 → 12, 1.3E+3 stays in hundreds).
    return result.quantize(interval) if interval.as_tuple().exponent <= 0 else result


def interval_of(*numbers: Decimal) -> Decimal:
    """The rounding interval given by the last written digit of the finest of `numbers`."""
    exponent = min(int(n.as_tuple().exponent) for n in numbers)
    return Decimal(1).scaleb(exponent)
