"""Verifiable draws: exclusions, quotas, reproducibility, verification and uniformity."""

from __future__ import annotations

import datetime
import hashlib
import hmac
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from talent.services.draws import (
    DrawError,
    DrawImpossible,
    DrawRequest,
    Expert,
    RandomStream,
    canonical_json,
    commitment_of,
    draw_key,
    draw_panel,
    eligible_experts,
    parse_pool,
    parse_seed,
    pool_digest,
    screen,
    verify_draw,
)

SEED = bytes(range(32))
TODAY = datetime.date(2026, 12, 1)


def pool(n: int, orgs: str = "ABCD", fields=("13.020",)) -> list[Expert]:
    return [Expert(f"E{i:03d}", orgs[i % len(orgs)], (fields[i % len(fields)],)) for i in range(n)]


def request(**kwargs) -> DrawRequest:
    kwargs.setdefault("as_of", TODAY)
    return DrawRequest(**kwargs)


class TestAlgorithm:
    def test_commitment_is_sha256_of_the_seed(self):
        assert commitment_of(SEED) == hashlib.sha256(SEED).hexdigest()

    def test_pool_digest_is_sha256_of_canonical_json(self):
        snapshot = [{"id": "E1", "org": "单位甲", "fields": ["13.020"], "avoid": []}]
        expected = '[{"avoid":[],"fields":["13.020"],"id":"E1","org":"单位甲"}]'.encode()
        assert canonical_json(snapshot) == expected
        assert pool_digest(snapshot) == hashlib.sha256(expected).hexdigest()

    def test_stream_words_are_hmac_blocks_read_as_big_endian_64_bit_integers(self):
        digest = "00" * 32
        block = hmac.digest(SEED, bytes(32) + (0).to_bytes(8, "big"), "sha256")
        stream = RandomStream(SEED, digest)
        assert [stream.below(1 << 64) for _ in range(4)] == [
            int.from_bytes(block[i : i + 8], "big") for i in (0, 8, 16, 24)
        ]
        block2 = hmac.digest(SEED, bytes(32) + (1).to_bytes(8, "big"), "sha256")
        assert stream.below(1 << 64) == int.from_bytes(block2[:8], "big")

    def test_rejection_skips_words_at_or_above_the_largest_multiple(self):
        stream = RandomStream(SEED, "00" * 32)
        n = (1 << 63) + 1  # the limit is n itself: about half the words are rejected
        words = RandomStream(SEED, "00" * 32)
        raw = [words.below(1 << 64) for _ in range(12)]
        expected = [w % n for w in raw if w < n]
        assert [stream.below(n) for _ in range(len(expected))] == expected

    def test_public_value_changes_the_key_as_documented(self):
        assert draw_key(SEED) == SEED
        assert (
            draw_key(SEED, "2026-12-01 福彩3D 123")
            == hashlib.sha256(SEED + "2026-12-01 福彩3D 123".encode()).digest()
        )
        experts = pool(30)
        plain = draw_panel(experts, request(need=5), SEED)
        mixed = draw_panel(experts, request(need=5, public_value="123"), SEED)
        assert plain.panel != mixed.panel
        assert mixed.commitment == plain.commitment
        assert verify_draw(mixed.as_dict()).valid


class TestExclusions:
    def test_each_rule_removes_its_experts_with_a_reason(self):
        experts = [
            Expert("a", "Org1", ("13.020",)),
            Expert("b", "Org2", ("13.020",), avoid=("Org1",)),
            Expert("c", "Org3", ("13.020",), conflicts=("P-2026-007",)),
            Expert("d", "Org3", ("13.020",), suspended=True),
            Expert("e", "Org3", ("13.020",), last_served=TODAY - datetime.timedelta(days=30)),
            Expert("f", "Org3", ("13.020",), panels_this_year=3),
            Expert("g", "Org3", ("91.100",)),
            Expert("h", "Org4", ("13.020", "91.100")),
            Expert("i", "Org4", ("13.020",), last_served=TODAY - datetime.timedelta(days=31)),
            Expert("j", "Org4", ("13.020",), panels_this_year=2),
        ]
        draw = draw_panel(
            experts,
            request(
                need=3,
                exclude_orgs=frozenset({"Org1"}),
                object_id="P-2026-007",
                served_within_days=30,
                max_panels_per_year=3,
                quotas={"13.020": 3},
            ),
            SEED,
        )
        assert set(draw.excluded) == {"a", "b", "c", "d", "e", "f", "g"}
        assert draw.exclusion_counts == dict.fromkeys(
            ["suspended", "org", "avoid", "conflict", "recent", "overused", "field"], 1
        )
        assert sorted(draw.panel) == ["h", "i", "j"]
        assert "Org1" in draw.excluded["a"] and "Org1" in draw.excluded["b"]
        assert [e["id"] for e in draw.pool] == ["h", "i", "j"]

    def test_impossible_draw_says_how_many_were_eligible_and_why(self):
        experts = pool(10, orgs="AB")
        with pytest.raises(DrawImpossible) as error:
            draw_panel(experts, request(need=4, alternates=2, exclude_orgs=frozenset({"A"})), SEED)
        assert error.value.eligible == 5
        assert error.value.removed == {"org": 5}
        assert "5" in error.value.message and "10" in error.value.message
        assert "同单位 5" in error.value.message

    def test_quota_that_no_one_can_fill(self):
        experts = pool(10, fields=("13.020", "91.100"))
        with pytest.raises(DrawImpossible, match="27.010"):
            draw_panel(experts, request(need=3, quotas={"13.020": 1, "27.010": 1}), SEED)

    def test_quotas_over_shared_experts_follow_halls_condition(self):
        # Only "x" covers B; everyone covers A. A draw that took "x" for A would strand B.
        experts = [Expert("x", "O1", ("A", "B"))] + [
            Expert(f"a{i}", "O2", ("A",)) for i in range(3)
        ]
        for index in range(40):
            draw = draw_panel(
                experts, request(need=2, quotas={"A": 1, "B": 1}), bytes([index]) * 32
            )
            assert draw.drawn_for["x"] == "B"
        joint = [Expert("x", "O1", ("A", "B")), Expert("y", "O1", ("A", "B"))]
        with pytest.raises(DrawImpossible, match="3"):
            draw_panel(joint, request(need=3, quotas={"A": 2, "B": 1}), SEED)

    @pytest.mark.parametrize(
        ("kwargs", "message"),
        [
            ({"need": 0}, "至少"),
            ({"need": 2, "alternates": -1}, "候补"),
            ({"need": 2, "quotas": {"A": 3}}, "3"),
            ({"need": 2, "quotas": {"A": -1}}, "配额"),
        ],
    )
    def test_bad_requests(self, kwargs, message):
        with pytest.raises(DrawError, match=message):
            draw_panel(pool(10, fields=("A",)), request(**kwargs), SEED)

    def test_duplicate_expert(self):
        with pytest.raises(DrawError, match="E1"):
            draw_panel([Expert("E1"), Expert("E1")], request(need=1), SEED)


class TestPoolFile:
    def test_parse(self):
        experts = parse_pool(
            [
                {
                    "id": 7,
                    "org": "甲",
                    "fields": ["13.020"],
                    "avoid": ["乙"],
                    "last_served": "2026-11-01",
                }
            ]
        )
        assert experts == [
            Expert("7", "甲", ("13.020",), ("乙",), last_served=datetime.date(2026, 11, 1))
        ]

    @pytest.mark.parametrize(
        ("rows", "where"),
        [
            ({"id": 1}, "列表"),
            ([{"id": 1}, {"org": "x"}], "第 2 条"),
            ([{"id": 1, "fields": "13.020"}], "fields"),
            ([{"id": 1, "last_served": "yesterday"}], "last_served"),
            ([{"id": 1, "panels_this_year": "2"}], "第 1 条"),
        ],
    )
    def test_bad_entries_are_located(self, rows, where):
        with pytest.raises(DrawError, match=where):
            parse_pool(rows)

    @pytest.mark.parametrize("text", ["ab", "zz" * 32, "00" * 31])
    def test_bad_seed(self, text):
        with pytest.raises(DrawError, match="64"):
            parse_seed(text)


class TestVerification:
    def record(self):
        return draw_panel(pool(40), request(need=5, alternates=2), SEED).as_dict()

    def test_valid_record(self):
        result = verify_draw(self.record())
        assert result.valid
        assert len(result.reasons) == 3

    @pytest.mark.parametrize(
        ("change", "reason"),
        [
            (lambda r: r.update(seed="11" * 32), "承诺"),
            (lambda r: r["pool"].pop(), "SHA-256"),
            (lambda r: r.update(panel=[*r["panel"][1:], r["panel"][0]]), "不一致"),
            (lambda r: r.update(alternates=r["alternates"][:1]), "不一致"),
            (lambda r: r.update(public_value="late"), "不一致"),
            (lambda r: r.update(need=4), "不一致"),
            (lambda r: r.pop("pool"), "不完整"),
            (lambda r: r.update(seed="xyz"), "64"),
        ],
    )
    def test_tampered_records_are_invalid(self, change, reason):
        record = self.record()
        change(record)
        result = verify_draw(record)
        assert not result.valid
        assert any(reason in line for line in result.reasons), result.reasons

    def test_excluded_expert_smuggled_into_the_pool(self):
        record = self.record()
        record["excluded"] = {record["pool"][0]["id"]: "同单位"}
        result = verify_draw(record)
        assert not result.valid


experts_strategy = st.lists(
    st.builds(
        Expert,
        id=st.sampled_from([f"E{i}" for i in range(60)]),
        org=st.sampled_from(["A", "B", "C", "D", ""]),
        fields=st.lists(st.sampled_from(["F1", "F2", "F3"]), min_size=1, max_size=2).map(tuple),
        avoid=st.lists(st.sampled_from(["A", "B", "X"]), max_size=1).map(tuple),
        suspended=st.booleans(),
        panels_this_year=st.integers(0, 4),
    ),
    unique_by=lambda e: e.id,
    max_size=60,
)


@settings(max_examples=150, deadline=None)
@given(
    experts_strategy,
    st.integers(1, 6),
    st.integers(0, 3),
    st.frozensets(st.sampled_from(["A", "B", "C"]), max_size=2),
    st.dictionaries(st.sampled_from(["F1", "F2", "F3"]), st.integers(0, 2), max_size=2),
    st.binary(min_size=32, max_size=32),
)
def test_draws_never_include_the_excluded_and_are_reproducible(
    experts, need, alternates, orgs, quotas, seed
):
    if sum(quotas.values()) > need:
        return
    wanted = request(
        need=need, alternates=alternates, exclude_orgs=orgs, max_panels_per_year=3, quotas=quotas
    )
    try:
        draw = draw_panel(experts, wanted, seed)
    except DrawImpossible as error:
        eligible = [e for e in experts if e.id not in error.removed and not e.suspended]
        assert error.eligible <= len(eligible)
        return
    drawn = draw.panel + draw.alternates
    assert len(draw.panel) == need and len(draw.alternates) == alternates
    assert len(set(drawn)) == len(drawn)
    by_id = {e.id: e for e in experts}
    for expert_id in drawn:
        expert = by_id[expert_id]
        assert expert_id not in draw.excluded
        assert not expert.suspended and expert.org not in orgs
        assert not orgs.intersection(expert.avoid) and expert.panels_this_year < 3
    for name, count in quotas.items():
        assert sum(1 for f in draw.drawn_for.values() if f == name) == count
        assert all(name in by_id[i].fields for i, f in draw.drawn_for.items() if f == name)
    assert draw_panel(experts, wanted, seed).as_dict() == draw.as_dict()
    assert verify_draw(draw.as_dict()).valid


# χ² critical values at α = 0.001 (upper tail), from the χ² distribution: df 9 → 27.877,
# df 19 → 43.820. With a fixed list of seeds the test is deterministic; were the draw
# uniform, a list of seeds failing it would turn up once in a thousand.
CHI2_999 = {9: 27.877, 19: 43.820}


def chi_square(counts: Counter, categories: list[str], expected: float) -> float:
    return sum((counts[c] - expected) ** 2 / expected for c in categories)


def test_every_expert_is_equally_likely_in_every_seat():
    experts = pool(10)
    ids = [e.id for e in experts]
    seeds = [hashlib.sha256(f"uniformity-{i}".encode()).digest() for i in range(4000)]
    first, second, anywhere = Counter(), Counter(), Counter()
    for seed in seeds:
        panel = draw_panel(experts, request(need=3), seed).panel
        first[panel[0]] += 1
        second[panel[1]] += 1
        anywhere.update(panel)
    assert chi_square(first, ids, 400) < CHI2_999[9]
    assert chi_square(second, ids, 400) < CHI2_999[9]
    assert chi_square(anywhere, ids, 1200) < CHI2_999[9]


def test_ordered_pairs_are_uniform():
    """Seats are drawn without replacement: every ordered pair of 5 experts is equally likely."""
    experts = pool(5)
    seeds = [hashlib.sha256(f"pairs-{i}".encode()).digest() for i in range(4000)]
    pairs = Counter(tuple(draw_panel(experts, request(need=2), s).panel) for s in seeds)
    categories = [(a.id, b.id) for a in experts for b in experts if a != b]
    assert set(pairs) == set(categories)
    assert chi_square(pairs, categories, 4000 / 20) < CHI2_999[19]


def naive_shuffled(items, stream):
    """The classic mistake: swap every position with any position (n^n paths, biased)."""
    order = list(items)
    for i in range(len(order)):
        j = stream.below(len(order))
        order[i], order[j] = order[j], order[i]
    yield from order


def test_the_uniformity_test_detects_a_biased_shuffle(monkeypatch):
    """The test has power: the naive shuffle (a real, common bug) fails it."""
    monkeypatch.setattr("talent.services.draws.selection.shuffled", naive_shuffled)
    experts = pool(5)
    seeds = [hashlib.sha256(f"pairs-{i}".encode()).digest() for i in range(4000)]
    pairs = Counter(tuple(draw_panel(experts, request(need=2), s).panel) for s in seeds)
    categories = [(a.id, b.id) for a in experts for b in experts if a != b]
    assert chi_square(pairs, categories, 4000 / 20) > CHI2_999[19]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.builds(
            Expert,
            id=st.sampled_from([f"E{i}" for i in range(40)]),
            org=st.sampled_from(["A", "B", ""]),
            fields=st.lists(st.sampled_from(["F1", "F2"]), max_size=2).map(tuple),
            avoid=st.lists(st.sampled_from(["A", "X"]), max_size=1).map(tuple),
            conflicts=st.lists(st.sampled_from(["P1", "B"]), max_size=1).map(tuple),
            suspended=st.booleans(),
            last_served=st.none() | st.dates(datetime.date(2026, 6, 1), datetime.date(2026, 12, 1)),
            panels_this_year=st.integers(0, 4),
        ),
        unique_by=lambda e: e.id,
    ),
    st.frozensets(st.sampled_from(["A", "B"])),
    st.sampled_from(["", "P1"]),
    st.none() | st.integers(0, 120),
    st.none() | st.integers(1, 4),
    st.dictionaries(st.sampled_from(["F1", "F2"]), st.integers(1, 2), max_size=2),
)
def test_the_fast_eligibility_filter_agrees_with_the_reasoned_one(
    experts, orgs, object_id, days, limit, quotas
):
    wanted = request(
        need=1,
        exclude_orgs=orgs,
        object_id=object_id,
        served_within_days=days,
        max_panels_per_year=limit,
        quotas=quotas,
    )
    eligible, codes = screen(experts, wanted)
    assert eligible_experts(experts, wanted) == eligible
    assert set(codes) | {e.id for e in eligible} == {e.id for e in experts}
