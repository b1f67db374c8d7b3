"""The fast match-ranked search returns exactly the reference ranking (scores, order, evidence)."""

from __future__ import annotations

import random

import pytest

from talent.models import Expert, ExpertField
from talent.services import matching

# Fragments of standard titles and topics: overlaps of many sizes (1/5, 3/8, 2/3, ...), so that
# sums of several linked standards are inexact floats, some at a half-hundredth.
FRAGMENTS = ["锂离子电池", "储能系统", "安全", "试验方法", "环境管理体系", "光伏组件", "审核",
             "甲乙丙丁戊己庚辛壬", "battery safety", "energy storage"]  # fmt: skip
CODES = ["13.020", "13.020.10", "13.020.20", "13.030", "27.010", "27.160", "91.100"]
KEYWORDS = ["电池", "储能", "环境管理", "光伏", "审核", "Battery", "数据"]
# Names whose order by code point differs from a dictionary order (a locale collation).
NAMES = ["Zhang", "anna", "Émile", "王五", "李四", "Bob", "bob", "张三", "Øyvind", "zoe"]
TOPICS = [
    ("锂离子电池安全要求", "储能系统的安全试验方法", ["13.020", "27.010"]),
    ("环境管理体系审核指南", "环境管理体系的审核", ["13.020.10"]),
    ("甲乙丙丁", "", []),  # 3 of the 8 terms of a title: drafted 3 × 0.375 = 1.125, rounds to 1.12
    ("Battery safety for energy storage", "光伏组件", ["27", "13.030.99", "91.100"]),
    ("数据", "", ["13.020", "13.020"]),  # a code given twice counts twice, as score_expert does
    ("无关主题", "nothing matches", ["99.999"]),
]


@pytest.fixture
def pool(make_expert, make_standard):
    """About 80 experts: ties, no keywords, no fields, linked standards, inactive ones."""
    rng = random.Random(12)
    designations = []
    for n in range(24):
        title = "".join(rng.sample(FRAGMENTS, rng.randint(1, 3)))
        zh, en = (title, "") if n % 3 else ("", title)  # some titles in English only
        designations.append(make_standard(f"GB/T {70000 + n}-2024", title_zh=zh,
                                          title_en=en).designation)  # fmt: skip
    designations.append(make_standard("GB/T 79999-2024", title_zh="甲乙丙丁戊己庚辛壬",
                                      title_en="").designation)  # fmt: skip
    experts = []
    for _n in range(70):
        links = {(rng.choice(designations), rng.choice(("drafted", "reviewed")))
                 for _ in range(rng.choice((0, 0, 1, 2, 3, 4)))}  # fmt: skip
        experts.append(
            make_expert(
                state=rng.choice(["active"] * 8 + ["suspended", "applied"]),
                name=rng.choice(NAMES),
                ics=rng.sample(CODES, rng.randint(1, 3)),
                keywords=rng.sample(KEYWORDS, rng.choice((0, 0, 1, 2, 3))),
                standards=sorted(links),
            )
        )
    for expert in experts[::9]:  # no declared field at all (an old profile)
        ExpertField.objects.filter(expert=expert).delete()
    # Identical profiles: a tie broken by name, then by id.
    for name in ("Bob", "Bob", "anna", "王五"):
        experts.append(make_expert(name=name, ics=["13.020"], keywords=["电池"],
                                   standards=[(designations[-1], "drafted")]))  # fmt: skip
    # Keywords written into the profile directly: a repeated one counts per occurrence, and
    # one longer than the keyword index keeps (only the full keyword decides).
    repeated = experts[-1]
    repeated.keywords = ["数据", "数据", "审核"]
    repeated.save()
    long = experts[-2]
    long.keywords = ["环境管理" + "x" * 250]
    long.save()
    return experts


def _same(fast, reference):
    assert [(m.expert.pk, m.score, m.evidence) for m in fast] == [
        (m.expert.pk, m.score, m.evidence) for m in reference
    ]


def test_fast_matching_equals_the_reference_ranking(pool, office, monkeypatch):
    reference = matching.reference_match_experts

    def no_fallback(*args, **kwargs):
        raise AssertionError("match_experts fell back to the full scan")

    monkeypatch.setattr(matching, "reference_match_experts", no_fallback)
    long_topic = ("环境管理" + "x" * 196, "审核", ["13.020.10"])  # the kept 200 characters only
    compared = 0
    for title, scope, codes in [*TOPICS, long_topic]:
        for limit in (1, 3, 5, 20, 200):
            fast = matching.match_experts(office, title, scope, codes, limit=limit)
            expected = reference(office, title, scope, codes, limit=limit)
            _same(fast, expected)
            compared += len(expected)
    assert compared > 300  # the data set gives real rankings, not empty lists
    # The topics exercise what the fast path must get right.
    full = reference(office, *TOPICS[0], limit=200)
    scores = [m.score for m in full]
    assert len(scores) != len(set(scores))  # ties
    assert any(m.expert.state == "active" and not m.expert.keywords for m in full)
    assert not {m.expert.state for m in full} - {"active"}
    assert any("GB/T 79999-2024" in e and "38%" in e
               for m in reference(office, *TOPICS[2]) for e in m.evidence)  # fmt: skip
    assert 1.12 in [m.score for m in reference(office, *TOPICS[2], limit=200)]


def test_fast_matching_respects_what_the_user_may_see(pool, make_user, monkeypatch):
    reference = matching.reference_match_experts
    monkeypatch.setattr(matching, "reference_match_experts", None)  # any fallback fails
    own = next(e for e in pool if e.state == "active" and e.keywords)
    title = " ".join(own.keywords)
    fast = matching.match_experts(own.user, title, "", ["13.020"])
    assert [m.expert for m in fast] == [own]
    _same(fast, reference(own.user, title, "", ["13.020"]))
    assert matching.match_experts(make_user("stranger"), title) == []
    Expert.objects.filter(pk=own.pk).update(state="suspended")
    assert matching.match_experts(own.user, title, "", ["13.020"]) == []


def test_a_topic_beyond_the_databases_parameter_limit_is_ranked_by_the_full_scan(
    pool, office, monkeypatch
):
    from django.db import connection

    title, scope, codes = TOPICS[0]
    expected = matching.reference_match_experts(office, title, scope, codes, limit=20)
    assert expected
    calls = []
    reference = matching.reference_match_experts

    def counted(*args, **kwargs):
        calls.append(args)
        return reference(*args, **kwargs)

    monkeypatch.setattr(matching, "reference_match_experts", counted)
    features = type(connection.features)
    monkeypatch.setattr(features, "max_query_params", property(lambda self: 8))  # an old SQLite
    _same(matching.match_experts(office, title, scope, codes, limit=20), expected)
    assert len(calls) == 1  # the full scan answered instead of a query that would fail
