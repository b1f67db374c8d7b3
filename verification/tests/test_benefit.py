"""Economic-benefit formulas against hand-computed examples, and input validation."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from verification.services.benefit import (
    BenefitInputError,
    Flow,
    evaluate_benefit,
    parse_flows,
    parse_rate,
)

# Year 0: 100 of standardisation costs; years 1–3: 10 of implementation costs, 50 of savings.
EXAMPLE = [
    Flow(0, D(100), D(0)),
    Flow(1, D(10), D(50)),
    Flow(2, D(10), D(50)),
    Flow(3, D(10), D(50)),
]


def test_undiscounted_indicators_by_hand():
    result = evaluate_benefit(EXAMPLE, D(0))
    assert result.total_costs == D(130) and result.total_benefits == D(150)
    assert result.economic_benefit == D(20)
    assert result.npv == D(20)  # at 0 % the NPV is the plain sum
    assert result.benefit_cost_ratio == D("1.1538")  # 150 / 130
    # Cumulative net: −100, −60, −20, +20 → paid back half-way through year 3.
    assert [r.cumulative for r in result.years] == [D(-100), D(-60), D(-20), D(20)]
    assert result.payback == D("2.5000")


def test_discounted_indicators_by_hand():
    result = evaluate_benefit(EXAMPLE, D("0.10"))
    # K = 100 + 10/1.1 + 10/1.21 + 10/1.331 = 124.8685; B = 50 × 2.486852 = 124.3426.
    assert result.pv_costs == D("124.8685")
    assert result.pv_benefits == D("124.3426")
    assert result.npv == D("-0.5259")
    assert result.benefit_cost_ratio == D("0.9958")
    assert result.years[1].factor == D("0.909091")
    # Discounted cumulative: −100, −63.64, −30.58, −0.53: not paid back within the period.
    assert result.discounted_payback is None
    assert result.payback == D("2.5000")  # the static one does not depend on the rate


def test_irr_makes_the_npv_zero():
    # Net flows −100, 40, 40, 40: the annuity factor 2.5 gives IRR ≈ 9.70 %.
    result = evaluate_benefit(EXAMPLE, D("0.05"))
    assert abs(result.irr - D("0.0970")) < D("0.0001")
    at_irr = evaluate_benefit(EXAMPLE, result.irr)
    assert abs(at_irr.npv) < D("0.01")


def test_no_irr_without_a_sign_change():
    flows = [Flow(0, D(10), D(20)), Flow(1, D(0), D(20))]
    result = evaluate_benefit(flows, D("0.08"))
    assert result.irr is None
    assert result.payback == D(0)  # never in deficit


def test_parse_flows_reads_lines_with_notes_and_full_width_commas():
    flows = parse_flows("# 年, 费用, 收益\n0, 120, 0, 标准制定\n1，15，60\n\n2\t15\t70")
    assert [(f.year, f.costs, f.benefits) for f in flows] == [
        (0, D(120), D(0)), (1, D(15), D(60)), (2, D(15), D(70)),
    ]  # fmt: skip
    assert flows[0].note == "标准制定"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("0, 100, 0\n1, abc, 50", "第 2 行，费用：“abc”不是金额。"),
        ("0, 100", "第 1 行：请按“年份, 费用, 收益”填写"),
        ("0, 100, 0\nx, 1, 2", "第 2 行，年份：“x”不是评价期内的年份"),
        ("0, 100, 0\n0, 1, 2", "第 0 年填写了两次。"),
        ("0, 100, 0\n2, 1, 2", "年份须连续并从 0 或 1 开始"),
        ("0, 0, 10\n1, 0, 20", "请填写标准化费用"),
        ("0, -5, 10", "第 1 行，费用：金额不能为负数"),
        ("", "请至少填写一年的费用和收益。"),
    ],
)
def test_bad_flows_get_located_chinese_errors(text, message):
    with pytest.raises(BenefitInputError) as error:
        parse_flows(text)
    assert message in error.value.message


@pytest.mark.parametrize(("text", "fraction"), [("8", D("0.08")), ("8.5%", D("0.085")), ("0", 0)])
def test_parse_rate(text, fraction):
    assert parse_rate(text) == fraction


@pytest.mark.parametrize("text", ["abc", "-1", "101", "NaN"])
def test_bad_rates_are_refused(text):
    with pytest.raises(BenefitInputError):
        parse_rate(text)
