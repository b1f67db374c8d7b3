"""The funding rule of a contract on its edge cases."""

from decimal import Decimal

import pytest

from governance.exceptions import GovernanceError
from governance.services.funding import describe_rule, parse_funding_rule, release_amount

STEPS = {"kind": "steps", "steps": [[50, 50], [90, 100], [70, 80]]}


@pytest.mark.parametrize(
    ("completion", "released"),
    [
        (0, "0.00"),
        ("49.9", "0.00"),
        (50, "50.00"),  # exactly on a step releases that step's share
        ("69.9", "50.00"),
        (70, "80.00"),
        ("89.99", "80.00"),
        (90, "100.00"),
        (100, "100.00"),
    ],
)
def test_steps_release_the_share_of_the_highest_step_reached(completion, released):
    assert release_amount(STEPS, Decimal("100"), completion) == Decimal(released)


def test_threshold_pays_nothing_below_and_proportionally_from_it():
    rule = {"kind": "threshold", "threshold": 60}
    assert release_amount(rule, Decimal("200"), "59.9") == Decimal("0.00")
    assert release_amount(rule, Decimal("200"), 60) == Decimal("120.00")
    assert release_amount(rule, Decimal("200"), 100) == Decimal("200.00")


def test_proportional_rounds_half_up_to_a_cent():
    rule = {"kind": "proportional"}
    assert release_amount(rule, Decimal("33.33"), "33.3") == Decimal("11.10")  # 11.09889
    assert release_amount(rule, Decimal("0.05"), 50) == Decimal("0.03")  # 0.025 half up
    assert release_amount(rule, Decimal("0"), 100) == Decimal("0.00")


@pytest.mark.parametrize("completion", [-1, "100.1", "abc", "NaN", "Infinity"])
def test_completion_outside_0_100_is_refused(completion):
    with pytest.raises(GovernanceError):
        release_amount({"kind": "proportional"}, Decimal("10"), completion)


@pytest.mark.parametrize(
    "rule",
    [
        {},
        {"kind": "lottery"},
        {"kind": "threshold"},
        {"kind": "steps", "steps": []},
        {"kind": "steps", "steps": [[50, 50], [50, 60]]},
        {"kind": "steps", "steps": [[50, 80], [90, 60]]},  # more completion, less money
        {"kind": "steps", "steps": [[50]]},
    ],
)
def test_bad_rules_are_refused_with_a_message(rule):
    with pytest.raises(GovernanceError) as error:
        parse_funding_rule(rule)
    assert error.value.message


def test_steps_are_stored_sorted_and_described():
    rule = parse_funding_rule(STEPS)
    assert [c for c, _s in rule["steps"]] == ["50", "70", "90"]
    assert "90" in describe_rule(rule)
