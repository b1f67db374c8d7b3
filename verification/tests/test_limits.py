"""Requirements as written in Chinese standards, parsed into limits and judged per GB/T 8170."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from verification.services.limits import LimitError, judge, parse_requirement, parse_value


def bounds(requirement: str):
    limit = parse_requirement(requirement)
    low = (limit.lower.value, limit.lower.inclusive) if limit.lower else None
    high = (limit.upper.value, limit.upper.inclusive) if limit.upper else None
    return low, high, limit.unit


@pytest.mark.parametrize(
    ("requirement", "low", "high", "unit"),
    [
        ("≤ 0.5 mg/kg", None, ("0.5", True), "mg/kg"),
        ("≤0.5mg/kg", None, ("0.5", True), "mg/kg"),
        ("<= 0.5 mg/kg", None, ("0.5", True), "mg/kg"),
        ("＜0.01 %", None, ("0.01", False), "%"),
        ("≥ 95 %", ("95", True), None, "%"),
        ("> 1.5 kN", ("1.5", False), None, "kN"),
        ("铅（以 Pb 计）含量不大于 0.5 mg/kg", None, ("0.5", True), "mg/kg"),
        ("水分不超过 12.0 %", None, ("12.0", True), "%"),
        ("抗压强度不低于 30 MPa", ("30", True), None, "MPa"),
        ("抗拉强度不小于 1 570 MPa", ("1570", True), None, "MPa"),
        ("含量不少于 99.5 %", ("99.5", True), None, "%"),
        ("温升不高于 65 K", None, ("65", True), "K"),
        ("电阻应小于 0.1 Ω", None, ("0.1", False), "Ω"),
        ("断裂伸长率大于 300 %", ("300", False), None, "%"),
        ("误差低于 2 %", None, ("2", False), "%"),
        ("厚度应不得小于 2.0 mm", ("2.0", True), None, "mm"),
        ("不得大于 10 mg/L", None, ("10", True), "mg/L"),
        ("大于或等于 0.90", ("0.90", True), None, ""),
        ("小于等于 5 min", None, ("5", True), "min"),
        ("30 MPa 以上", ("30", True), None, "MPa"),
        ("30 MPa 以上（不含）", ("30", False), None, "MPa"),
        ("5 % 及以下", None, ("5", True), "%"),
        ("0.1 mm 以内", None, ("0.1", True), "mm"),
        ("-18 ℃ 以下", None, ("-18", True), "°C"),
        ("95 %~105 %", ("95", True), ("105", True), "%"),
        ("95%～105%", ("95", True), ("105", True), "%"),
        ("10～20", ("10", True), ("20", True), ""),
        ("10~20 mm", ("10", True), ("20", True), "mm"),
        ("6.5-8.5", ("6.5", True), ("8.5", True), ""),
        ("pH 值 6.5～8.5（25 ℃）", ("6.5", True), ("8.5", True), ""),
        ("1.2 至 1.6 %", ("1.2", True), ("1.6", True), "%"),
        ("-10 ~ 40 ℃", ("-10", True), ("40", True), "°C"),
        ("50 ± 2", ("48", True), ("52", True), ""),
        ("(23±2)℃", ("21", True), ("25", True), "°C"),
        ("（10.0 ± 0.1）mm", ("9.9", True), ("10.1", True), "mm"),
        ("50 mm ± 0.5 mm", ("49.5", True), ("50.5", True), "mm"),
        ("220 V ± 10 %", ("198", True), ("242", True), "V"),
        ("(50 ± 2) %", ("48", True), ("52", True), "%"),
        ("50 +2/-1 mm", ("49", True), ("52", True), "mm"),
        ("0.3 % ≤ w ≤ 0.6 %", ("0.3", True), ("0.6", True), "%"),
        ("6.5 < pH ≤ 8.5", ("6.5", False), ("8.5", True), ""),
        ("≥ 95 % 且 ≤ 105 %", ("95", True), ("105", True), "%"),
        ("大于 10 mm，小于 20 mm", ("10", False), ("20", False), "mm"),
        ("≥14×100 MPa", ("1400", True), None, "MPa"),
        ("≤ 1.0×10³ CFU/g", None, ("1000", True), "CFU/g"),
        ("≤ 1,000 mg/kg", None, ("1000", True), "mg/kg"),
        ("≥ 3.0 ×10^-3 m", ("0.0030", True), None, "m"),
        ("<= 1.0e-3", None, ("0.0010", True), ""),
        ("≤5×10⁻³ mg/L", None, ("0.005", True), "mg/L"),
        ("±0.5 mm", ("-0.5", True), ("0.5", True), "mm"),
        ("偏差应在 ±2 % 以内", ("-2", True), ("2", True), "%"),
        ("40 ℃ ± 2 ℃", ("38", True), ("42", True), "°C"),
        ("1.0 mm～2.0 mm", ("1.0", True), ("2.0", True), "mm"),
        ("≥ 1.5 g/cm³", ("1.5", True), None, "g/cm³"),
        ("不大于0.5%（质量分数）", None, ("0.5", True), "%"),
        ("细度（0.080 mm 方孔筛筛余）≤ 10 %", None, ("10", True), "%"),
        ("3 d 抗压强度 ≥ 17.0 MPa", ("17.0", True), None, "MPa"),
        ("大于等于30%且小于等于50%", ("30", True), ("50", True), "%"),
        ("含量应为 95 %～105 %，且不得超过 100 %", ("95", True), ("100", True), "%"),
    ],
)
def test_requirement_phrasings(requirement, low, high, unit):
    expected = (
        (D(low[0]), low[1]) if low else None,
        (D(high[0]), high[1]) if high else None,
        unit,
    )
    assert bounds(requirement) == expected


@pytest.mark.parametrize("requirement", ["符合要求", "见表 3", "", "≤ 毫克"])
def test_unreadable_requirements(requirement):
    with pytest.raises(LimitError, match="无法"):
        parse_requirement(requirement)


def test_limits_of_several_quantities_are_not_merged():
    with pytest.raises(LimitError, match="初凝时间、终凝时间"):
        parse_requirement("初凝时间不小于 45 min，终凝时间不大于 390 min")


def test_designations_in_the_text_are_not_limits():
    limit = parse_requirement("按 GB/T 8170-2008 修约值比较法判定，≥ 97.0 %")
    assert (limit.lower.value, limit.upper, limit.method) == (D("97.0"), None, "rounded")


# GB/T 8170-2008 §4.3.4, Table 2: the same values judged by both methods.
TABLE_2 = [
    ("≥14×100 MPa", "1349", "fail", "fail"),
    ("≥14×100 MPa", "1351", "fail", "pass"),
    ("≥14×100 MPa", "1400", "pass", "pass"),
    ("≥14×100 MPa", "1402", "pass", "pass"),
    ("≥97.0 %", "97.01", "pass", "pass"),
    ("≥97.0 %", "97.00", "pass", "pass"),
    ("≥97.0 %", "96.96", "fail", "pass"),
    ("≥97.0 %", "96.94", "fail", "fail"),
    ("≤0.5 %", "0.452", "pass", "pass"),
    ("≤0.5 %", "0.500", "pass", "pass"),
    ("≤0.5 %", "0.549", "fail", "pass"),
    ("≤0.5 %", "0.551", "fail", "fail"),
    ("1.2～1.6 %", "1.151", "fail", "pass"),
    ("1.2～1.6 %", "1.200", "pass", "pass"),
    ("1.2～1.6 %", "1.649", "fail", "pass"),
    ("1.2～1.6 %", "1.651", "fail", "fail"),
    ("10.0±0.1 mm", "9.89", "fail", "pass"),
    ("10.0±0.1 mm", "9.85", "fail", "fail"),
    ("10.0±0.1 mm", "10.10", "pass", "pass"),
    ("10.0±0.1 mm", "10.16", "fail", "fail"),
]


@pytest.mark.parametrize(("requirement", "value", "full", "rounded"), TABLE_2)
def test_gbt_8170_table_2(requirement, value, full, rounded):
    assert judge(requirement, value).verdict == full
    assert judge(requirement, value, method="rounded").verdict == rounded
    written = judge(f"{requirement}（修约值比较法）", value)
    assert (written.verdict, written.limit.method) == (rounded, "rounded")


def test_rounded_comparison_shows_the_rounded_value():
    result = judge("≤0.5 %，修约值比较法", "0.549")
    assert result.compared == D("0.5")
    assert "修约值比较法" in result.rule and "符合" in result.rule


class TestJudging:
    def test_units_convert_before_comparing(self):
        assert judge("≤ 0.5 mg/kg", "0.00004 %").verdict == "pass"
        assert judge("≤ 0.5 mg/kg", "0.00006 %").verdict == "fail"
        assert judge("不低于 30 MPa", "30500", unit="kPa").verdict == "pass"
        assert judge("不低于 30 MPa", "29.9 N/mm2").verdict == "fail"
        assert judge("10~20 mm", "1.5 cm").verdict == "pass"
        assert judge("(23±2)℃", "298.15 K").verdict == "pass"
        assert judge("(23±2)℃", "299.15 K").verdict == "fail"

    def test_open_and_closed_ends(self):
        assert judge("＜0.01 %", "0.01").verdict == "fail"
        assert judge("≤0.01 %", "0.01").verdict == "pass"
        assert judge("30 MPa 以上（不含）", "30").verdict == "fail"

    def test_value_without_unit_is_in_the_requirements_unit(self):
        result = judge("≤ 0.5 mg/kg", "0.48")
        assert (result.verdict, result.unit) == ("pass", "mg/kg")

    @pytest.mark.parametrize(
        ("requirement", "value", "verdict"),
        [
            ("≤ 0.5 mg/kg", "<0.05", "pass"),
            ("≤ 0.5 mg/kg", "<0.5", "pass"),
            ("< 0.5 mg/kg", "≤0.5", "inconclusive"),
            ("≤ 0.5 mg/kg", "<1", "inconclusive"),
            ("≥ 30 MPa", "<20", "fail"),
            ("≥ 30 MPa", ">35", "pass"),
            ("10~20 mm", ">5", "inconclusive"),
            ("10~20 mm", ">20", "fail"),
        ],
    )
    def test_censored_values(self, requirement, value, verdict):
        assert judge(requirement, value).verdict == verdict

    @pytest.mark.parametrize(
        ("requirement", "value", "unit", "reason"),
        [
            ("≤ 0.5 mg/kg", "0.4 mm", "", "无法换算"),
            ("≤ 0.5 mg/kg", "0.4", "furlong", "无法换算"),
            ("≤ 0.5 mg/kg", "约 0.4", "", "不是数值"),
            ("≤ 0.5 mg/kg", "未检出", "", "检出限"),
            ("≤ 0.5 mg/kg", "0.4 mg/kg", "%", "单位"),
            ("符合要求", "0.4", "", "无法读出"),
            ("6.5～8.5", "7 mm", "", "无法换算"),
        ],
    )
    def test_inconclusive_with_the_reason(self, requirement, value, unit, reason):
        result = judge(requirement, value, unit)
        assert result.verdict == "inconclusive"
        assert reason in result.rule

    def test_as_dict(self):
        data = judge("95 %~105 %", "101.3").as_dict()
        assert data["verdict"] == "pass"
        assert data["method"] == "full"
        assert data["limit"]["lower"] == "95" and data["limit"]["upper"] == "105"
        assert data["compared_value"] == "101.3"
        assert "全数值比较法" in data["rule"]


def test_parse_value():
    assert parse_value("1,234.50") == D("1234.50")
    with pytest.raises(LimitError):
        parse_value("n/a")
