"""GB/T 8170-2008 rounding: the examples of §3.1 and §3.3, and units conversion."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from verification.services.rounding import interval_of, round_gbt8170
from verification.services.units import convert, normalise_unit


@pytest.mark.parametrize(
    ("value", "interval", "expected"),
    [
        # §3.1.2: first dropped digit below 5 — dropped.
        ("12.1498", "0.1", "12.1"),
        ("12.1498", "1", "12"),
        # §3.1.3: above 5 — carried; to tens: 1268 → 127×10.
        ("1268", "10", "1270"),
        # §3.1.4: a 5 followed by non-zero digits carries.
        ("10.5002", "1", "11"),
        ("0.2501", "0.1", "0.3"),
        # §3.1.5: a 5 alone or followed by zeros: carry only onto an odd kept digit.
        ("1.050", "0.1", "1.0"),
        ("0.35", "0.1", "0.4"),
        ("2500", "1000", "2000"),
        ("3500", "1000", "4000"),
        ("0.4500", "0.1", "0.4"),
        # §3.1.6: negative numbers by their absolute value.
        ("-355", "10", "-360"),
        ("-325", "10", "-320"),
        ("-0.0365", "0.001", "-0.036"),
        # §3.3.1: 0.5 units (2X rounded, halved).
        ("60.25", "0.5", "60.0"),
        ("60.38", "0.5", "60.5"),
        ("60.28", "0.5", "60.5"),
        ("-60.75", "0.5", "-61.0"),
        # §3.3.2: 0.2 units (5X rounded, divided by 5), to 20: 830 → 840, −930 → −920.
        ("830", "20", "840"),
        ("842", "20", "840"),
        ("832", "20", "840"),
        ("-930", "20", "-920"),
    ],
)
def test_gbt_8170_rounding(value, interval, expected):
    assert round_gbt8170(D(value), D(interval)) == D(expected)


def test_rounding_keeps_the_intervals_digits():
    assert str(round_gbt8170(D("0.5049"), D("0.01"))) == "0.50"
    assert str(round_gbt8170(D("97.00"), D("0.1"))) == "97.0"


def test_rounding_interval_must_be_positive():
    with pytest.raises(ValueError):
        round_gbt8170(D(1), D(0))


def test_interval_of_the_finest_written_digit():
    assert interval_of(D("9.9"), D("10.1")) == D("0.1")
    assert interval_of(D("1.2"), D("1.60")) == D("0.01")
    assert interval_of(D("14E2")) == D("100")


@pytest.mark.parametrize(
    ("value", "source", "target", "expected"),
    [
        ("0.48", "%", "mg/kg", "4.8E+3"),
        ("4800", "mg/kg", "%", "0.4800"),
        ("30", "MPa", "kPa", "3.0E+4"),
        ("30000", "kPa", "MPa", "30.000"),
        ("25", "N/mm²", "MPa", "25"),
        ("12.5", "mm", "cm", "1.25"),
        ("1.25", "m", "mm", "1.25E+3"),
        ("23.5", "°C", "K", "296.65"),
        ("300.15", "K", "°C", "27.00"),
        ("1.5", "min", "s", "90.0"),
        ("0.05", "mg/L", "μg/L", "5E+1"),
    ],
)
def test_conversions_are_exact_and_keep_significant_figures(value, source, target, expected):
    result = convert(D(value), source, target)
    assert result == D(expected)
    assert str(result) == expected


def test_units_of_different_kinds_do_not_convert():
    assert convert(D(1), "MPa", "mm") is None
    assert convert(D(1), "furlong", "m") is None


@pytest.mark.parametrize(
    ("written", "symbol"),
    [
        ("℃", "°C"),
        ("Mpa", "MPa"),
        ("N/mm2", "N/mm²"),
        ("µg/kg", "μg/kg"),
        ("ｍｍ", "mm"),
        ("m3", "m³"),
    ],
)
def test_unit_spellings(written, symbol):
    assert normalise_unit(written) == symbol


@given(
    st.decimals(min_value=-(10**6), max_value=10**6, places=6, allow_nan=False),
    st.sampled_from(["0.001", "0.01", "0.1", "1", "10", "0.5", "0.2", "5", "20"]),
)
def test_rounding_is_to_the_nearest_multiple_and_ties_go_to_an_even_multiple(value, interval):
    step = D(interval)
    result = round_gbt8170(value, step)
    steps = result / step
    assert steps == steps.to_integral_value()
    assert abs(result - value) <= step / 2
    if abs(result - value) == step / 2:
        assert steps % 2 == 0
    assert round_gbt8170(-value, step) == -result
