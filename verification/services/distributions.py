"""Quantiles of Student's t and Fisher's F, and the Cochran and Grubbs critical values built
on them (ISO 5725-2 §8.1–8.3 tables are these formulas, rounded to three decimals)."""

from __future__ import annotations

import math
from functools import lru_cache


def _beta_fraction(a: float, b: float, x: float) -> float:
    """The continued fraction of the incomplete beta function (modified Lentz)."""
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1, a - 1
    c, d = 1.0, 1 - qab * x / qap
    d = 1 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 500):
        m2 = 2 * m
        for numerator in (
            m * (b - m) * x / ((qam + m2) * (a + m2)),
            -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2)),
        ):
            d = 1 + numerator * d
            d = 1 / (d if abs(d) > tiny else tiny)
            c = 1 + numerator / c
            c = c if abs(c) > tiny else tiny
            h *= d * c
        if abs(d * c - 1) < 1e-15:
            break
    return h


def beta_cdf(x: float, a: float, b: float) -> float:
    """The regularised incomplete beta function I_x(a, b)."""
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    log_front = (
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    if x < (a + 1) / (a + b + 2):
        return math.exp(log_front) * _beta_fraction(a, b, x) / a
    return 1 - math.exp(log_front) * _beta_fraction(b, a, 1 - x) / b


def _beta_quantile(p: float, a: float, b: float) -> float:
    """x with I_x(a, b) = p, by bisection (the CDF is increasing)."""
    low, high = 0.0, 1.0
    for _ in range(200):
        middle = (low + high) / 2
        if beta_cdf(middle, a, b) < p:
            low = middle
        else:
            high = middle
        if high - low < 1e-16:
            break
    return (low + high) / 2


@lru_cache(maxsize=1024)
def t_quantile(p: float, df: float) -> float:
    """The p-quantile of Student's t with `df` degrees of freedom."""
    if p == 0.5:
        return 0.0
    if p < 0.5:
        return -t_quantile(1 - p, df)
    # P(T > t) = I_{df/(df+t²)}(df/2, 1/2) / 2.
    x = _beta_quantile(2 * (1 - p), df / 2, 0.5)
    return math.sqrt(df * (1 - x) / x)


@lru_cache(maxsize=1024)
def f_quantile(p: float, df1: float, df2: float) -> float:
    """The p-quantile of Fisher's F with (df1, df2) degrees of freedom."""
    # P(F ≤ f) = I_{df1 f/(df1 f + df2)}(df1/2, df2/2).
    x = _beta_quantile(p, df1 / 2, df2 / 2)
    return df2 * x / (df1 * (1 - x))


@lru_cache(maxsize=1024)
def cochran_critical(labs: int, replicates: int, alpha: float) -> float:
    """Upper critical value of Cochran's C for `labs` variances of `replicates` results each.

    C_crit = 1 / (1 + (p − 1) / F), F the (1 − α/p) quantile of F(n − 1, (p − 1)(n − 1)).
    """
    f = f_quantile(1 - alpha / labs, replicates - 1, (labs - 1) * (replicates - 1))
    return 1 / (1 + (labs - 1) / f)


@lru_cache(maxsize=1024)
def grubbs_critical(labs: int, alpha: float) -> float:
    """Critical value of Grubbs' single-outlier statistic for `labs` values (two-sided α).

    G_crit = (p − 1)/√p · √(t² / (p − 2 + t²)), t the (1 − α/(2p)) quantile of t(p − 2).
    """
    t = t_quantile(1 - alpha / (2 * labs), labs - 2)
    return (labs - 1) / math.sqrt(labs) * math.sqrt(t * t / (labs - 2 + t * t))
