"""Inter-laboratory precision per ISO 5725-2 / GB/T 6379.2: cell statistics, s_r, s_R, r, R,
Mandel's h and k, Cochran's and Grubbs' tests (docs/verification-methods.md)."""

from __future__ import annotations

import csv
import io
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.utils.translation import gettext as _

from core.exceptions import DomainError
from verification.services.distributions import (
    cochran_critical,
    grubbs_critical,
    grubbs_double_critical,
)
from verification.services.limits import LimitError, parse_value
from verification.services.proficiency import algorithm_a, mean, sd, z_assessment, z_scores

STRAGGLER_ALPHA = 0.05
OUTLIER_ALPHA = 0.01
# ISO 5725-2 §7.2.5 / 7.3.2: the factor 2.8 ≈ 1.96 · √2 of the repeatability limit.
LIMIT_FACTOR = 2.8
PLAIN = re.compile(r"[-+]?\d+(?:\.\d*)?(?:[eE][-+]?\d+)?")


class PrecisionDataError(DomainError):
    """Measurements that cannot be analysed, with the row and column at fault."""

    code = "precision_data_invalid"


@dataclass
class Cell:
    """One laboratory's replicates at one level."""

    lab: str
    values: list[float]
    rows: list[int]

    @property
    def n(self) -> int:
        return len(self.values)

    @cached_property
    def mean(self) -> float:
        return mean(self.values)

    @cached_property
    def sd(self) -> float:
        return sd(self.values)


@dataclass
class Flag:
    """A laboratory flagged by a test at the straggler (5 %) or outlier (1 %) level."""

    lab: str
    test: str
    statistic: float
    critical_5: float
    critical_1: float
    # The double Grubbs statistic flags values *below* its critical values.
    lower_tail: bool = False

    @property
    def outlier(self) -> bool:
        if self.lower_tail:
            return self.statistic < self.critical_1
        return self.statistic > self.critical_1

    def as_dict(self) -> dict[str, Any]:
        return {
            "lab": self.lab,
            "test": self.test,
            "statistic": self.statistic,
            "critical_5": self.critical_5,
            "critical_1": self.critical_1,
            "flagged_when": "<" if self.lower_tail else ">",
        }


@dataclass
class LevelResult:
    """The precision of a method at one level, outliers excluded."""

    level: str
    labs: int
    replicates: int
    mean: float
    s_r: float
    s_L: float
    s_R: float
    h: dict[str, float]
    k: dict[str, float]
    cells: dict[str, dict[str, float]]
    outliers: list[Flag] = field(default_factory=list)
    stragglers: list[Flag] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)
    robust: dict[str, Any] = field(default_factory=dict)

    @property
    def r(self) -> float:
        return LIMIT_FACTOR * self.s_r

    @property
    def R(self) -> float:  # noqa: N802 - the standard's symbol
        return LIMIT_FACTOR * self.s_R

    def as_dict(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "labs": self.labs,
            "replicates": self.replicates,
            "mean": self.mean,
            "s_r": self.s_r,
            "s_L": self.s_L,
            "s_R": self.s_R,
            "r": self.r,
            "R": self.R,
            "outliers": [f.as_dict() for f in self.outliers],
            "stragglers": [f.as_dict() for f in self.stragglers],
            "excluded": self.excluded,
            "h": self.h,
            "k": self.k,
            "cells": self.cells,
            "robust": self.robust,
        }


NAME_LIMIT = 60  # characters of a level's or laboratory's name


def read_measurements(text: str) -> dict[str, list[Cell]]:
    """Cells per level from CSV text with columns level, lab, value (one row per replicate)."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    header = [h.strip().lower() for h in next(reader, [])]
    if header[:3] != ["level", "lab", "value"]:
        raise PrecisionDataError(
            _("Row 1: the columns must be level, lab, value (found: %(found)s).")
            % {"found": ", ".join(header) or _("nothing")}
        )
    levels: dict[str, dict[str, Cell]] = {}
    for row_number, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < 3:
            raise _located(row_number, "value", _("a value is missing"))
        if len(row) > len(header):
            raise _located(
                row_number,
                "value",
                _("%(count)d cells where the header has %(columns)d (a decimal comma?)")
                % {"count": len(row), "columns": len(header)},
            )
        level, lab, text_value = (cell.strip() for cell in row[:3])
        for column, cell in (("level", level), ("lab", lab), ("value", text_value)):
            if not cell:
                raise _located(row_number, column, _("the cell is empty"))
        for column, cell in (("level", level), ("lab", lab)):
            if len(cell) > NAME_LIMIT:  # the stored names (RoundMeasurement.level, .lab)
                raise _located(
                    row_number, column, _("longer than %(n)d characters") % {"n": NAME_LIMIT}
                )
        try:
            value = _number(text_value)
        except LimitError:
            raise _located(
                row_number, "value", _("“%(text)s” is not a number") % {"text": text_value}
            ) from None
        if not math.isfinite(value):
            raise _located(row_number, "value", _("the value is not finite"))
        cell = levels.setdefault(level, {}).setdefault(lab, Cell(lab, [], []))
        cell.values.append(value)
        cell.rows.append(row_number)
    if not levels:
        raise PrecisionDataError(_("The file has no measurements."))
    result = {}
    for level, cells in levels.items():
        _check_cells(level, list(cells.values()))
        result[level] = list(cells.values())
    return result


def _number(text: str) -> float:
    """A cell's number: plain decimals directly, other spellings (1 234,5×10^3) parsed."""
    if PLAIN.fullmatch(text):
        return float(text)
    return float(parse_value(text))


def _located(row: int, column: str, problem: str) -> PrecisionDataError:
    return PrecisionDataError(
        _("Row %(row)d, column %(column)s: %(problem)s.")
        % {"row": row, "column": column, "problem": problem}
    )


def _check_cells(level: str, cells: list[Cell]) -> None:
    for cell in cells:
        if cell.n < 2:
            raise PrecisionDataError(
                _(
                    "Row %(row)d, column value: laboratory %(lab)s has only one value at level "
                    "%(level)s; precision needs at least two replicates."
                )
                % {"row": cell.rows[0], "lab": cell.lab, "level": level}
            )
    usual = Counter(c.n for c in cells).most_common(1)[0][0]
    for cell in cells:
        if cell.n < usual:
            raise PrecisionDataError(
                _(
                    "Rows %(rows)s, column value: laboratory %(lab)s has %(n)d replicates at "
                    "level %(level)s where the others have %(usual)d; replicates are missing."
                )
                % {
                    "rows": _(", ").join(map(str, cell.rows)),
                    "lab": cell.lab,
                    "n": cell.n,
                    "level": level,
                    "usual": usual,
                }
            )
    if len(cells) < 2:
        raise PrecisionDataError(
            _("Level %(level)s: precision needs results from at least two laboratories.")
            % {"level": level}
        )


def analyse_level(level: str, cells: list[Cell]) -> LevelResult:
    """ISO 5725-2 analysis of one level: tests, then the statistics without the outliers."""
    stragglers: list[Flag] = []
    outliers: list[Flag] = []
    kept = list(cells)
    # §7.3.3 Cochran's test on the largest variance, repeated while it finds an outlier.
    while len(kept) >= 3:
        flag = _cochran(kept)
        if flag is None:
            break
        if flag.outlier:
            outliers.append(flag)
            kept = [c for c in kept if c.lab != flag.lab]
            continue
        stragglers.append(flag)
        break
    # §7.3.4 Grubbs' tests on the cell means.
    for flag in _grubbs(kept):
        (outliers if flag.outlier else stragglers).append(flag)
    out = {f.lab for f in outliers}
    kept = [c for c in kept if c.lab not in out]
    if len(kept) < 2:
        raise PrecisionDataError(
            _("Level %(level)s: fewer than two laboratories remain after removing outliers.")
            % {"level": level}
        )
    result = _statistics(level, kept)
    result.h, result.k = mandel(cells)
    result.cells = {c.lab: {"n": c.n, "mean": c.mean, "sd": c.sd} for c in cells}
    result.outliers, result.stragglers = outliers, stragglers
    result.excluded = [c.lab for c in cells if c.lab in out]
    means = [c.mean for c in cells]
    robust_mean, robust_sd = algorithm_a(means)
    scores = dict(zip((c.lab for c in cells), z_scores(means, robust_mean, robust_sd), strict=True))
    result.robust = {
        "mean": robust_mean,
        "sd": robust_sd,
        "z": scores,
        "assessment": {lab: z_assessment(z) for lab, z in scores.items()},
    }
    return result


def _statistics(level: str, cells: list[Cell]) -> LevelResult:
    """§7.4: general mean, s_r², s_L² = (s_d² − s_r²)/n̄ (0 if negative), s_R² = s_L² + s_r²."""
    p = len(cells)
    total = sum(c.n for c in cells)
    general_mean = sum(c.n * c.mean for c in cells) / total
    s_r2 = sum((c.n - 1) * c.sd**2 for c in cells) / sum(c.n - 1 for c in cells)
    s_d2 = sum(c.n * (c.mean - general_mean) ** 2 for c in cells) / (p - 1)
    n_bar = (total - sum(c.n**2 for c in cells) / total) / (p - 1)
    s_L2 = max((s_d2 - s_r2) / n_bar, 0.0)  # noqa: N806 - the standard's symbol
    return LevelResult(
        level=level,
        labs=p,
        replicates=max(c.n for c in cells),
        mean=general_mean,
        s_r=math.sqrt(s_r2),
        s_L=math.sqrt(s_L2),
        s_R=math.sqrt(s_L2 + s_r2),
        h={},
        k={},
        cells={},
    )


def mandel(cells: list[Cell]) -> tuple[dict[str, float], dict[str, float]]:
    """§7.3.1 Mandel's h (between-lab) and k (within-lab) for every cell."""
    means = [c.mean for c in cells]
    centre = mean(means)
    spread = math.sqrt(sum((m - centre) ** 2 for m in means) / (len(cells) - 1))
    pooled = math.sqrt(sum(c.sd**2 for c in cells) / len(cells))
    h = {c.lab: (c.mean - centre) / spread if spread else 0.0 for c in cells}
    k = {c.lab: c.sd / pooled if pooled else 0.0 for c in cells}
    return h, k


def _cochran(cells: list[Cell]) -> Flag | None:
    """Cochran's C = s²_max / Σ s², flagged above its 5 % critical value."""
    variances = [c.sd**2 for c in cells]
    total = sum(variances)
    if total == 0:
        return None
    worst = max(range(len(cells)), key=lambda i: variances[i])
    statistic = variances[worst] / total
    n = Counter(c.n for c in cells).most_common(1)[0][0]
    c5 = cochran_critical(len(cells), n, STRAGGLER_ALPHA)
    c1 = cochran_critical(len(cells), n, OUTLIER_ALPHA)
    if statistic <= c5:
        return None
    return Flag(cells[worst].lab, "cochran", statistic, c5, c1)


def _grubbs(cells: list[Cell]) -> list[Flag]:
    """§7.3.4: the single test at both ends; after an outlier the other end is tested again
    without it (and the double test is not applied); otherwise the double test at both ends."""
    if len(cells) < 3:
        return []
    flags = [f for f in (_grubbs_end(cells, "high"), _grubbs_end(cells, "low")) if f]
    outlying = next((f for f in flags if f.outlier), None)
    if outlying is None:
        return flags + _grubbs_double(cells, "high") + _grubbs_double(cells, "low")
    other = "low" if outlying.test == "grubbs_high" else "high"
    rest = [c for c in cells if c.lab != outlying.lab]
    again = _grubbs_end(rest, other) if len(rest) >= 3 else None
    return [outlying] + ([again] if again else [])


def _grubbs_double(cells: list[Cell], end: str) -> list[Flag]:
    """G = Σ(ȳ − ȳ')² without the two highest (lowest) means / Σ(ȳ − ȳ)² of all."""
    c1 = grubbs_double_critical(len(cells), OUTLIER_ALPHA)
    c5 = grubbs_double_critical(len(cells), STRAGGLER_ALPHA)
    if c1 is None or c5 is None:
        return []
    ordered = sorted(cells, key=lambda c: c.mean, reverse=end == "high")
    pair, rest = ordered[:2], ordered[2:]
    total = _sum_of_squares([c.mean for c in cells])
    if total == 0:
        return []
    statistic = _sum_of_squares([c.mean for c in rest]) / total
    if statistic >= c5:
        return []
    return [Flag(c.lab, f"grubbs_double_{end}", statistic, c5, c1, lower_tail=True) for c in pair]


def _sum_of_squares(values: list[float]) -> float:
    centre = mean(values)
    return math.fsum((v - centre) ** 2 for v in values)


def _grubbs_end(cells: list[Cell], end: str) -> Flag | None:
    means = [c.mean for c in cells]
    centre = mean(means)
    spread = sd(means)
    if spread == 0:
        return None
    index = max(range(len(cells)), key=lambda i: means[i] if end == "high" else -means[i])
    statistic = abs(means[index] - centre) / spread
    g5 = grubbs_critical(len(cells), STRAGGLER_ALPHA)
    g1 = grubbs_critical(len(cells), OUTLIER_ALPHA)
    if statistic <= g5:
        return None
    return Flag(cells[index].lab, f"grubbs_{end}", statistic, g5, g1)


def analyse(text: str) -> list[LevelResult]:
    """The precision of every level of a CSV round (`level,lab,value`), in file order."""
    return [analyse_level(level, cells) for level, cells in read_measurements(text).items()]
