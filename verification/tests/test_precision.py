"""ISO 5725-2 precision, outlier tests and ISO 13528 Algorithm A against hand-checked values."""

from __future__ import annotations

import math
import statistics

import pytest

from verification.services.distributions import (
    cochran_critical,
    f_quantile,
    grubbs_critical,
    grubbs_double_critical,
    t_quantile,
)
from verification.services.precision import PrecisionDataError, analyse, read_measurements
from verification.services.proficiency import algorithm_a, z_assessment, z_scores


def csv_of(cells: dict[str, list[float]], level: str = "1") -> str:
    rows = ["level,lab,value"]
    rows += [f"{level},{lab},{v}" for lab, values in cells.items() for v in values]
    return "\n".join(rows) + "\n"


class TestDistributions:
    @pytest.mark.parametrize(
        ("p", "df", "expected"),
        [(0.975, 10, 2.2281), (0.995, 8, 3.3554), (0.95, 1, 6.3138), (0.975, 30, 2.0423)],
    )
    def test_t_quantiles(self, p, df, expected):
        assert t_quantile(p, df) == pytest.approx(expected, abs=1e-4)

    @pytest.mark.parametrize(
        ("p", "df1", "df2", "expected"),
        [(0.95, 3, 10, 3.7083), (0.99, 5, 10, 5.6363), (0.95, 1, 1, 161.4476)],
    )
    def test_f_quantiles(self, p, df1, df2, expected):
        assert f_quantile(p, df1, df2) == pytest.approx(expected, rel=1e-4)

    # ISO 5725-2 Table 5 (Grubbs, single outlier): p, 1 % and 5 % critical values.
    @pytest.mark.parametrize(
        ("labs", "one", "five"),
        [(3, 1.155, 1.155), (4, 1.496, 1.481), (5, 1.764, 1.715), (6, 1.973, 1.887),
         (7, 2.139, 2.020), (8, 2.274, 2.126), (9, 2.387, 2.215), (10, 2.482, 2.290)],
    )  # fmt: skip
    def test_grubbs_critical_values_match_the_table(self, labs, one, five):
        # The table rounds to three decimals (p = 3 shows the bound (p − 1)/√p = 1.1547).
        assert grubbs_critical(labs, 0.01) == pytest.approx(one, abs=1.1e-3)
        assert grubbs_critical(labs, 0.05) == pytest.approx(five, abs=1.1e-3)

    # ISO 5725-2 Table 4 (Cochran): p, n, 1 % and 5 % critical values.
    @pytest.mark.parametrize(
        ("labs", "n", "one", "five"),
        [(3, 2, 0.993, 0.967), (4, 2, 0.968, 0.906), (5, 2, 0.928, 0.841),
         (6, 2, 0.883, 0.781), (10, 2, 0.718, 0.602), (3, 3, 0.942, 0.871),
         (4, 3, 0.864, 0.768), (5, 3, 0.788, 0.684)],
    )  # fmt: skip
    def test_cochran_critical_values_match_the_table(self, labs, n, one, five):
        assert cochran_critical(labs, n, 0.01) == pytest.approx(one, abs=1.5e-3)
        assert cochran_critical(labs, n, 0.05) == pytest.approx(five, abs=1.5e-3)


def test_double_grubbs_table_covers_4_to_40_labs_and_tightens_with_fewer_labs():
    values = [grubbs_double_critical(p, 0.01) for p in range(4, 41)]
    assert values == sorted(values)
    assert all(
        grubbs_double_critical(p, 0.01) < grubbs_double_critical(p, 0.05) for p in range(5, 41)
    )
    assert (grubbs_double_critical(10, 0.01), grubbs_double_critical(10, 0.05)) == (0.1150, 0.1864)
    assert grubbs_double_critical(3, 0.01) is None and grubbs_double_critical(41, 0.05) is None


class TestPrecision:
    def test_hand_checked_level(self):
        """Four labs, two replicates each, computed by hand:

        cells A 10.0/10.2 (mean 10.1, s² 0.02), B 10.4/10.6 (10.5, 0.02), C 9.8/10.2
        (10.0, 0.08), D 10.2/10.2 (10.2, 0); general mean 40.8/4 = 10.2;
        s_r² = (0.02 + 0.02 + 0.08 + 0)/4 = 0.03; s_d² = 2·(0.01 + 0.09 + 0.04 + 0)/3
        = 0.093333; n̄ = 2; s_L² = (0.093333 − 0.03)/2 = 0.031667; s_R² = 0.061667;
        r = 2.8·0.173205 = 0.484974; R = 2.8·0.248328 = 0.695318.
        h: deviations −0.1, 0.3, −0.2, 0 over √(0.14/3) = 0.216025 → −0.46291, 1.38873,
        −0.92582, 0. k: s over √(0.12/4) = 0.173205 → 0.81650, 0.81650, 1.63299, 0.
        Cochran C = 0.08/0.12 = 0.667 < 0.906; Grubbs G = 0.3/0.216025 = 1.389 < 1.481.
        """
        (level,) = analyse(
            csv_of({"A": [10.0, 10.2], "B": [10.4, 10.6], "C": [9.8, 10.2], "D": [10.2, 10.2]})
        )
        assert level.mean == pytest.approx(10.2)
        assert level.s_r == pytest.approx(math.sqrt(0.03))
        assert level.s_L == pytest.approx(math.sqrt(0.031666667))
        assert level.s_R == pytest.approx(math.sqrt(0.061666667))
        assert (level.r, level.R) == (
            pytest.approx(0.484974, abs=1e-6),
            pytest.approx(0.695318, abs=1e-6),
        )
        assert level.h == pytest.approx(
            {"A": -0.46291, "B": 1.38873, "C": -0.92582, "D": 0}, abs=1e-5
        )
        assert level.k == pytest.approx(
            {"A": 0.81650, "B": 0.81650, "C": 1.63299, "D": 0}, abs=1e-5
        )
        assert (level.outliers, level.stragglers) == ([], [])

    def test_negative_between_lab_variance_is_zero(self):
        """Cell means closer together than repeatability allows: s_L² < 0 is set to 0."""
        (level,) = analyse(csv_of({"A": [9, 11], "B": [9.1, 10.9], "C": [9, 11.1]}))
        assert level.s_L == 0
        assert level.s_R == pytest.approx(level.s_r)

    def test_cochran_outlier_is_excluded(self):
        """Lab F's variance is 2 against 0.02 elsewhere: C = 2/2.1 = 0.952 > 0.883 (1 %)."""
        cells = {lab: [10.0, 10.2] for lab in "ABCDE"} | {"F": [9.1, 11.1]}
        (level,) = analyse(csv_of(cells))
        assert [(f.lab, f.test) for f in level.outliers] == [("F", "cochran")]
        assert level.outliers[0].statistic == pytest.approx(2 / 2.1)
        assert level.excluded == ["F"]
        assert level.s_r == pytest.approx(math.sqrt(0.02))
        assert level.labs == 5
        assert level.k["F"] > 2  # Mandel's k is reported for every lab, excluded or not

    def test_cochran_straggler_is_kept(self):
        """C between 5 % and 1 % (6 labs, n = 2: 0.781 < C ≤ 0.883) flags but keeps the lab."""
        cells = {lab: [10.0, 10.2] for lab in "ABCDE"} | {"F": [9.6, 10.6]}
        (level,) = analyse(csv_of(cells))
        c = 0.5 / (0.5 + 5 * 0.02)
        assert 0.781 < c <= 0.883
        assert [(f.lab, f.test) for f in level.stragglers] == [("F", "cochran")]
        assert level.excluded == [] and level.labs == 6

    def test_grubbs_outlier_and_straggler(self):
        means = [10.0, 10.1, 10.2, 10.1, 10.0, 10.1]
        labs = "ABCDEF"

        def cells_with(last_mean):
            cells = {lab: [m - 0.05, m + 0.05] for lab, m in zip(labs, means, strict=True)}
            return cells | {"G": [last_mean - 0.05, last_mean + 0.05]}

        # G at 10.5: G = 2.079, between 2.020 (5 %) and 2.139 (1 %) for p = 7: a straggler.
        # No single outlier, so the double test runs too: without G (10.5) and C (10.2) the
        # sum of squares is 0.012 of 0.177, G = 0.0678, just under 0.0708 (5 %, p = 7).
        (straggling,) = analyse(csv_of(cells_with(10.5)))
        assert [(f.lab, f.test) for f in straggling.stragglers] == [
            ("G", "grubbs_high"),
            ("G", "grubbs_double_high"),
            ("C", "grubbs_double_high"),
        ]
        assert straggling.stragglers[0].statistic == pytest.approx(2.0785, abs=1e-4)
        assert straggling.stragglers[1].statistic == pytest.approx(0.012 / 0.177143, abs=1e-4)
        assert straggling.outliers == [] and straggling.labs == 7
        (outlying,) = analyse(csv_of(cells_with(13.0)))
        assert [(f.lab, f.test) for f in outlying.outliers] == [("G", "grubbs_high")]
        assert outlying.excluded == ["G"]
        assert outlying.mean == pytest.approx(statistics.fmean(means))

    def test_double_grubbs_finds_two_outliers_that_mask_each_other(self):
        """Two high labs (10.60, 10.62) among eight near 10.1: the single test misses them
        (each hides the other), the double test does not: p = 10, lower 1 % value 0.1150."""
        means = [10.0, 10.1, 10.2, 10.1, 10.0, 10.1, 10.2, 10.0, 10.6, 10.62]
        labs = [f"L{i}" for i in range(10)]
        cells = {lab: [m - 0.05, m + 0.05] for lab, m in zip(labs, means, strict=True)}
        (level,) = analyse(csv_of(cells))

        def ss(values):
            centre = statistics.fmean(values)
            return sum((v - centre) ** 2 for v in values)

        expected = ss(means[:8]) / ss(means)
        assert expected < 0.1150
        assert [(f.lab, f.test) for f in level.outliers] == [
            ("L9", "grubbs_double_high"),
            ("L8", "grubbs_double_high"),
        ]
        assert level.outliers[0].statistic == pytest.approx(expected)
        assert level.outliers[0].as_dict()["flagged_when"] == "<"
        assert sorted(level.excluded) == ["L8", "L9"]
        assert level.labs == 8

    def test_levels_in_file_order(self):
        text = csv_of({"A": [1, 1.1], "B": [1.2, 1.1], "C": [1, 1.05]}, level="低")
        text += csv_of({"A": [5, 5.1], "B": [5.2, 5.1], "C": [5, 5.05]}, level="高").split("\n", 1)[
            1
        ]
        assert [level.level for level in analyse(text)] == ["低", "高"]


class TestBadData:
    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("lab,level,value\n", "第 1 行"),
            ("", "第 1 行"),
            ("level,lab,value\n", "没有测定数据"),
            ("level,lab,value\n1,A,1.0\n1,A,abc\n", "第 3 行，value 列"),
            ("level,lab,value\n1,A,1.0\n1,,1.1\n", "第 3 行，lab 列"),
            ("level,lab,value\n1,A,1.0\n1,A\n", "第 3 行，value 列"),
            ("level,lab,value\n1,A,1.0\n1,A,1.1\n1,B,1.2\n", "第 4 行，value 列：实验室 B"),
            (
                "level,lab,value\n1,A,1\n1,A,1\n1,A,1\n1,B,1\n1,B,1\n1,B,1\n1,C,1\n1,C,1\n",
                "第 8、9 行",
            ),
            ("level,lab,value\n1,A,1.0\n1,A,1.1\n", "至少需要两个实验室"),
            ("level,lab,value\n1,A,1.0\n1,A,nan\n", "第 3 行"),
            (
                "level,lab,value\n1,A,1.0\n1," + "实" * 61 + ",1.1\n",
                "第 3 行，lab 列：超过 60 个字符",
            ),
            ("level,lab,value\n" + "L" * 61 + ",A,1.0\n", "第 2 行，level 列：超过 60 个字符"),
        ],
    )
    def test_located_errors(self, text, message):
        with pytest.raises(PrecisionDataError) as error:
            read_measurements(text)
        assert message in error.value.message

    def test_blank_lines_and_bom_are_accepted(self):
        cells = read_measurements("\ufefflevel,lab,value\n1,A,1.0\n\n1,A,1.2\n1,B,1.1\n1,B,1.3\n")
        assert [c.rows for c in cells["1"]] == [[2, 4], [5, 6]]


class TestAlgorithmA:
    def test_first_step_by_hand_and_the_fixed_point(self):
        """x = 1, 2, 3, 4, 100: median 3, MAD 1, s* = 1.483, δ = 2.2245; the result is the
        fixed point x* = mean(clip(x, x* ± 1.5 s*)), s* = 1.134 · sd(clipped)."""
        data = [1, 2, 3, 4, 100]
        x, s = algorithm_a(data)
        clipped = [min(max(v, x - 1.5 * s), x + 1.5 * s) for v in data]
        assert x == pytest.approx(statistics.fmean(clipped), abs=1e-9)
        assert s == pytest.approx(1.134 * statistics.stdev(clipped), abs=1e-9)
        assert x < 5 < 20 < statistics.fmean(data)  # the 100 does not drag the robust mean

    def test_normal_data_agree_with_mean_and_sd(self):
        data = [9.8, 10.1, 9.9, 10.0, 10.2, 10.0, 9.9, 10.1, 10.0, 10.0]
        x, s = algorithm_a(data)
        assert x == pytest.approx(statistics.fmean(data), abs=0.02)
        assert s == pytest.approx(statistics.stdev(data), rel=0.25)

    def test_identical_values(self):
        assert algorithm_a([5.0, 5.0, 5.0]) == (5.0, 0.0)

    def test_z_scores_and_assessment(self):
        assert z_scores([12.0, 8.0], 10.0, 1.0) == [2.0, -2.0]
        assert z_scores([1.0], 1.0, 0.0) == [None]
        assert [z_assessment(z) for z in (2.0, -2.5, 3.0, None)] == [
            "acceptable",
            "warning",
            "action",
            "undefined",
        ]

    def test_level_reports_robust_scores(self):
        means = dict(zip("ABCDEF", [10.0, 10.1, 10.2, 10.1, 10.0, 10.1], strict=True))
        cells = {lab: [m - 0.1, m + 0.1] for lab, m in means.items()} | {"G": [12.9, 13.1]}
        (level,) = analyse(csv_of(cells))
        assert level.robust["assessment"]["G"] == "action"
        assert level.robust["assessment"]["A"] == "acceptable"
        assert level.robust["mean"] == pytest.approx(10.1, abs=0.05)
