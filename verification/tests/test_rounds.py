"""Inter-laboratory rounds: stored measurements, results, Mandel limits and plots, Grubbs table."""

from __future__ import annotations

import random

import pytest

from core.exceptions import DomainError
from verification.models import RoundMeasurement
from verification.services import rounds as service
from verification.services.charts import mandel_chart
from verification.services.distributions import grubbs_double_critical
from verification.tests.centre_fixtures import *  # noqa: F403


def round_csv(labs=8, levels=3, replicates=3, seed=7, shift=None):
    rng = random.Random(seed)
    rows = ["level,lab,value"]
    for level in range(1, levels + 1):
        for lab in range(1, labs + 1):
            bias = rng.gauss(0, 0.2) + (shift if shift and lab == labs else 0)
            for _r in range(replicates):
                rows.append(f"L{level},lab{lab:02d},{10 * level + bias + rng.gauss(0, 0.1):.4f}")
    return "\n".join(rows) + "\n"


@pytest.mark.django_db
def test_a_round_is_stored_and_computed_by_the_iso_5725_core(lab):  # noqa: F405
    from verification.services.precision import analyse

    text = round_csv(shift=3.0)
    rnd = service.create_round(lab["profile"], user=lab["engineer"], title="铅含量协同试验",
                               text=text, method="GB/T 5009.12")  # fmt: skip
    assert RoundMeasurement.objects.filter(round=rnd).count() == 8 * 3 * 3
    expected = [r.as_dict() for r in analyse(text)]
    assert rnd.result["levels"] == expected
    assert any(f["lab"] == "lab08" for f in rnd.result["levels"][0]["outliers"])
    assert rnd.result["levels"][0]["robust"]["assessment"]["lab08"] == "action"
    assert service.analyse_text(service.round_csv(rnd)) == rnd.result


@pytest.mark.django_db
def test_a_large_round_is_stored_in_several_inserts_value_for_value(lab):  # noqa: F405
    text = round_csv(labs=30, levels=15, replicates=5)  # 2,250 values: more than one batch
    rnd = service.create_round(lab["profile"], user=lab["engineer"], title="大轮次", text=text)
    rows = list(rnd.measurements.order_by("pk").values_list("level", "lab", "replicate", "value"))
    assert len(rows) == 30 * 15 * 5 and rows[0][:3] == ("L1", "lab01", 1)
    assert rows[-1][:3] == ("L15", "lab30", 5)
    lines = [line.split(",") for line in text.splitlines()[1:]]
    assert [(lv, lb, float(v)) for lv, lb, v in lines] == [(r[0], r[1], r[3]) for r in rows]
    assert service.analyse_text(service.round_csv(rnd)) == rnd.result


@pytest.mark.django_db
def test_bad_round_data_saves_nothing(lab):  # noqa: F405
    from verification.models import PrecisionRound

    bad = "level,lab,value\nL1,A,1.0\nL1,A,1.1\nL1,B,1.2\nL1,B,x\n"
    with pytest.raises(DomainError, match="5"):
        service.create_round(lab["profile"], user=lab["engineer"], title="t", text=bad)
    long_lab = "level,lab,value\nL1,A,1.0\nL1,A,1.1\nL1," + "B" * 61 + ",1.2\n"
    with pytest.raises(DomainError, match="60"):  # stored names: a clear error, not a 500
        service.create_round(lab["profile"], user=lab["engineer"], title="t", text=long_lab)
    with pytest.raises(DomainError):
        service.create_round(lab["profile"], user=lab["outsider"], title="t", text=round_csv())
    assert not PrecisionRound.objects.exists() and not RoundMeasurement.objects.exists()


@pytest.mark.parametrize(
    ("p", "h1", "h5"),
    [(3, 1.15, 1.15), (4, 1.49, 1.42), (5, 1.72, 1.57), (6, 1.87, 1.66), (10, 2.18, 1.80)],
)
def test_mandel_h_indicators_match_iso_5725_2_table_6(p, h1, h5):
    assert service.mandel_h_critical(p, 0.01) == pytest.approx(h1, abs=0.006)
    assert service.mandel_h_critical(p, 0.05) == pytest.approx(h5, abs=0.006)


@pytest.mark.parametrize(
    ("p", "n", "k1", "k5"),
    [(3, 2, 1.71, 1.65), (5, 2, 2.05, 1.81), (6, 2, 2.14, 1.85), (3, 3, 1.64, 1.53),
     (4, 3, 1.77, 1.59), (6, 3, 1.90, 1.64)],
)  # fmt: skip
def test_mandel_k_indicators_match_iso_5725_2_table_6(p, n, k1, k5):
    assert service.mandel_k_critical(p, n, 0.01) == pytest.approx(k1, abs=0.006)
    assert service.mandel_k_critical(p, n, 0.05) == pytest.approx(k5, abs=0.006)


def test_mandel_charts_are_plain_svg_with_one_bar_per_lab_and_level():
    from verification.services.precision import analyse

    levels = [r.as_dict() for r in analyse(round_csv(labs=5, levels=2))]
    svg = str(mandel_chart(levels, "h", "h"))
    assert svg.startswith("<svg") and svg.count("<rect") == 10
    assert svg.count("stroke-dasharray") == 4  # ±1 % and ±5 % lines
    assert "style=" not in svg and "<script" not in svg
    assert str(mandel_chart(levels, "k", "k")).count("stroke-dasharray") == 2


# Quantiles of min(G_high, G_low) from a Monte-Carlo run (100,000 normal samples per p,
# random.Random(12345)), independent of ISO 5725-2 Table 5 as printed in distributions.py;
# the statistic's 1 % quantile has a sampling error of about ±0.002 at these sizes.
SIMULATED = {
    5: (0.0017, 0.0088), 6: (0.0117, 0.0350), 7: (0.0309, 0.0709), 8: (0.0574, 0.1120),
    10: (0.1142, 0.1863), 12: (0.1729, 0.2543), 15: (0.2530, 0.3378), 20: (0.3585, 0.4387),
    25: (0.4373, 0.5120), 30: (0.4979, 0.5664), 40: (0.5865, 0.6452),
}  # fmt: skip


@pytest.mark.parametrize("p", sorted(SIMULATED))
def test_double_grubbs_table_agrees_with_an_independent_simulation(p):
    one, five = SIMULATED[p]
    assert grubbs_double_critical(p, 0.01) == pytest.approx(one, abs=0.003)
    assert grubbs_double_critical(p, 0.05) == pytest.approx(five, abs=0.003)
