"""Ballot rules: exact counting of iso-dis, cn-tc and custom thresholds, ties included."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from development.services.ballots import (
    BallotError,
    Member,
    Vote,
    parse_members,
    parse_votes,
    resolve_rule,
    tally,
)


def body(p: int, o: int = 0, drafters: int = 0) -> list[Member]:
    """`p` P-members (the first `drafters` of them drafting units) and `o` O-members."""
    members = [Member(f"P{i}", "P", drafter=i < drafters) for i in range(p)]
    return members + [Member(f"O{i}", "O") for i in range(o)]


def votes(*groups: tuple[str, str, int], start: int = 0) -> list[Vote]:
    """Votes from (prefix, position, how many) groups, members numbered in order."""
    result: list[Vote] = []
    numbers: dict[str, int] = {}
    for prefix, position, count in groups:
        for _ in range(count):
            number = numbers.get(prefix, start)
            numbers[prefix] = number + 1
            reasons = "" if position == "disapprove-bare" else "技术理由：第5章试验方法不可行"
            result.append(Vote(f"{prefix}{number}", position.split("-")[0], reasons))
    return result


def condition(result, name):
    return next(c for c in result.conditions if c.name == name)


class TestIsoDis:
    def test_exactly_two_thirds_of_p_and_exactly_one_quarter_negative_pass(self):
        # P: 4 for, 2 against -> 4/6 = 2/3; all: 2 against of 8 -> 1/4.
        result = tally(
            "iso-dis",
            body(6, 2),
            votes(("P", "approve", 3), ("P", "approve_with_comments", 1), ("P", "disapprove", 2))
            + votes(("O", "approve", 2)),
        )
        assert result.passed
        assert result.fractions == {"approval": "2/3", "disapproval": "1/4"}
        assert result.ratios["approval"] == pytest.approx(2 / 3)
        assert condition(result, "approval").ratio == Fraction(2, 3)

    def test_one_vote_short_of_two_thirds_fails_on_approval(self):
        # P: 3 for, 2 against -> 3/5 < 2/3.
        result = tally(
            "iso-dis",
            body(5, 4),
            votes(("P", "approve", 3), ("P", "disapprove", 2), ("O", "approve", 4)),
        )
        assert not result.passed
        assert condition(result, "approval").ratio == Fraction(3, 5)
        assert condition(result, "disapproval").met  # 2/9
        assert "赞成" in result.explanation[-1] and "未通过" in result.explanation[-1]

    def test_negative_over_one_quarter_of_all_votes_fails_even_with_p_approval(self):
        # P: 4 for, 2 against = 2/3; O: 1 against -> 3 of 7 negative > 1/4.
        result = tally(
            "iso-dis",
            body(6, 1),
            votes(("P", "approve", 4), ("P", "disapprove", 2), ("O", "disapprove", 1)),
        )
        assert not result.passed
        assert condition(result, "approval").met
        assert condition(result, "disapproval").ratio == Fraction(3, 7)
        assert "反对" in result.explanation[-1]

    def test_abstentions_are_not_counted(self):
        with_abstentions = tally(
            "iso-dis",
            body(10),
            votes(("P", "approve", 2), ("P", "disapprove", 0), ("P", "abstain", 8)),
        )
        assert with_abstentions.passed
        assert condition(with_abstentions, "approval").denominator == 2
        assert with_abstentions.counts["abstain"] == 8
        assert any("弃权" in line for line in with_abstentions.explanation)

    def test_negative_votes_without_technical_reasons_are_not_counted(self):
        # 2 for, 1 reasoned against, 2 bare against: counted 2 for / 3 -> 2/3, 1/3 negative.
        ballot = votes(("P", "approve", 2), ("P", "disapprove", 1), ("P", "disapprove-bare", 2))
        result = tally("iso-dis", body(5, 1), [*ballot, Vote("O0", "approve")])
        assert (
            condition(result, "approval").numerator,
            condition(result, "approval").denominator,
        ) == (2, 3)
        assert condition(result, "disapproval").ratio == Fraction(1, 4)
        assert result.passed
        assert result.counts["disapprove_without_reasons"] == 2
        assert any("未附技术理由" in line for line in result.explanation)

    def test_whitespace_is_not_a_reason(self):
        result = tally(
            "iso-dis", body(2), [Vote("P0", "approve"), Vote("P1", "disapprove", "  \n ")]
        )
        assert result.passed
        assert result.counts["disapprove_without_reasons"] == 1

    def test_o_member_votes_count_only_in_the_negative_ratio(self):
        result = tally("iso-dis", body(3, 3), votes(("P", "approve", 3), ("O", "disapprove", 3)))
        assert condition(result, "approval").ratio == 1
        assert condition(result, "disapproval").ratio == Fraction(1, 2)
        assert not result.passed

    def test_no_votes_fails_without_dividing_by_zero(self):
        result = tally("iso-dis", body(4), [])
        assert not result.passed
        assert result.ratios["approval"] is None
        assert condition(result, "disapproval").met
        assert result.counts["not_voted"] == 4


class TestCnTc:
    def test_exactly_three_quarters_take_part(self):
        result = tally("cn-tc", body(8), votes(("P", "approve", 6)))
        assert result.passed
        assert result.fractions["participation"] == "3/4"

    def test_below_three_quarters_fails_even_when_unanimous(self):
        result = tally("cn-tc", body(8), votes(("P", "approve", 5)))
        assert not result.passed
        assert not condition(result, "participation").met
        assert condition(result, "approval").met
        assert "参与" in result.explanation[-1] or "投票" in result.explanation[-1]

    def test_abstentions_take_part_and_count_among_those_voting(self):
        passes = tally(
            "cn-tc",
            body(6),
            votes(("P", "approve", 4), ("P", "disapprove", 1), ("P", "abstain", 1)),
        )
        assert passes.passed
        assert passes.fractions == {"participation": "1/1", "approval": "2/3", "disapproval": "1/6"}
        fails = tally(
            "cn-tc",
            body(6),
            votes(("P", "approve", 3), ("P", "disapprove", 1), ("P", "abstain", 2)),
        )
        assert not fails.passed
        assert fails.fractions["approval"] == "1/2"

    def test_exactly_one_quarter_against_passes(self):
        result = tally("cn-tc", body(8), votes(("P", "approve", 6), ("P", "disapprove", 2)))
        assert result.passed
        assert result.fractions["disapproval"] == "1/4"

    def test_two_thirds_in_favour_but_one_third_against_fails_on_disapproval(self):
        result = tally("cn-tc", body(12), votes(("P", "approve", 8), ("P", "disapprove", 4)))
        assert not result.passed
        assert condition(result, "approval").met
        assert not condition(result, "disapproval").met

    def test_negatives_count_without_reasons(self):
        result = tally("cn-tc", body(8), votes(("P", "approve", 6), ("P", "disapprove-bare", 2)))
        assert result.fractions["disapproval"] == "1/4"

    def test_observers_have_no_vote(self):
        # 8 members with a vote, 4 observers: 6 of 8 took part; the observer's vote is ignored.
        ballot = [*votes(("P", "approve", 6)), Vote("O0", "disapprove", "x")]
        result = tally("cn-tc", body(8, 4), ballot)
        assert result.passed
        assert result.counts["voting_members"] == 8
        assert result.counts["non_voting_members"] == 4
        assert result.counts["votes_not_counted"] == 1
        assert condition(result, "disapproval").numerator == 0


class TestCustom:
    def test_thresholds_as_strings_and_floats_are_exact(self):
        rule = resolve_rule(
            {
                "approval_threshold": "3/5",
                "disapproval_ceiling": 0.2,
                "participation_threshold": 0.5,
            }
        )
        assert rule.approval_threshold == Fraction(3, 5)
        assert rule.disapproval_ceiling == Fraction(1, 5)
        assert rule.participation_threshold == Fraction(1, 2)
        assert rule.code == "custom"

    def test_drafting_units_excluded_from_base_and_count(self):
        rule = {
            "approval_threshold": "2/3",
            "participation_threshold": "3/4",
            "exclude_drafters": True,
        }
        # 10 members, 2 of them drafters: the base is 8; 6 non-drafters vote (3/4).
        ballot = [Vote("P0", "approve"), Vote("P1", "approve")] + votes(
            ("P", "approve", 4), ("P", "disapprove", 2), start=2
        )
        result = tally(rule, body(10, drafters=2), ballot)
        assert result.counts["drafters_excluded"] == 2
        assert result.counts["votes_not_counted"] == 2
        assert result.fractions == {"participation": "3/4", "approval": "2/3"}
        assert result.passed
        assert any("起草单位" in line for line in result.explanation)

    def test_drafters_vote_when_not_excluded(self):
        rule = {"approval_threshold": "2/3"}
        result = tally(
            rule, body(3, drafters=1), votes(("P", "approve", 1), ("P", "disapprove", 2))
        )
        assert result.fractions == {"approval": "1/3"}

    def test_abstentions_counted_when_the_rule_says_so(self):
        members = body(4)
        ballot = votes(("P", "approve", 2), ("P", "abstain", 2))
        assert tally({"approval_threshold": "2/3"}, members, ballot).passed
        counted = tally({"approval_threshold": "2/3", "abstentions_count": True}, members, ballot)
        assert not counted.passed and counted.fractions["approval"] == "1/2"

    def test_approval_limited_to_categories(self):
        rule = {"approval_threshold": "1/2", "approval_categories": ["P"]}
        result = tally(
            rule,
            body(2, 5),
            votes(("P", "approve", 1), ("P", "disapprove", 1), ("O", "disapprove", 5)),
        )
        assert result.passed

    @pytest.mark.parametrize(
        ("spec", "message"),
        [
            ({"approval_threshold": "two thirds"}, "2/3"),
            ({"approval_threshold": "3/2"}, "0"),
            ({"approval_threshold": True}, "approval_threshold"),
            ({"approval_threshold": "1/0"}, "approval_threshold"),
            ({}, "approval_threshold"),
            ({"approval_threshold": "1/2", "quorum": 3}, "quorum"),
            ({"approval_threshold": "1/2", "exclude_drafters": "yes"}, "exclude_drafters"),
            ({"approval_threshold": "1/2", "approval_categories": "P"}, "approval_categories"),
            ("iso-cd", "iso-cd"),
            (42, "自定义"),
        ],
    )
    def test_bad_rules_are_refused_with_the_reason(self, spec, message):
        with pytest.raises(BallotError) as error:
            resolve_rule(spec)
        assert message in error.value.message


class TestBadBallots:
    def test_vote_by_a_non_member(self):
        with pytest.raises(BallotError, match="X9"):
            tally("iso-dis", body(2), [Vote("X9", "approve")])

    def test_duplicate_vote(self):
        with pytest.raises(BallotError, match="P1"):
            tally("iso-dis", body(2), [Vote("P1", "approve"), Vote("P1", "disapprove", "r")])

    def test_unknown_position(self):
        with pytest.raises(BallotError, match="yes"):
            tally("iso-dis", body(2), [Vote("P1", "yes")])

    def test_member_listed_twice(self):
        with pytest.raises(BallotError, match="P0"):
            tally("iso-dis", [Member("P0"), Member("P0", "O")], [])

    @pytest.mark.parametrize(
        "rows", [{"id": "a"}, [{"category": "P"}], [{"id": "a", "drafter": "no"}], [None]]
    )
    def test_malformed_members(self, rows):
        with pytest.raises(BallotError):
            parse_members(rows)

    @pytest.mark.parametrize(
        "rows", ["approve", [{"position": "approve"}], [{"member": "a", "reasons": 3}]]
    )
    def test_malformed_votes(self, rows):
        with pytest.raises(BallotError):
            parse_votes(rows)


positions = st.sampled_from(["approve", "approve_with_comments", "disapprove", "abstain"])
ballots = st.lists(st.tuples(st.sampled_from("PO"), positions, st.booleans()), max_size=30)


def build(rows):
    members = [Member(f"m{i}", category) for i, (category, _, _) in enumerate(rows)]
    cast = [
        Vote(f"m{i}", position, "理由" if reasoned else "")
        for i, (_, position, reasoned) in enumerate(rows)
    ]
    return members, cast


@given(ballots, st.sampled_from(["iso-dis", "cn-tc"]), st.integers(min_value=0, max_value=29))
def test_turning_a_negative_into_approval_never_makes_a_ballot_fail(rows, rule, index):
    members, cast = build(rows)
    if index >= len(cast) or cast[index].position != "disapprove":
        return
    better = list(cast)
    better[index] = Vote(cast[index].member, "approve")
    if tally(rule, members, cast).passed:
        assert tally(rule, members, better).passed


@given(ballots)
def test_iso_dis_result_ignores_abstentions(rows):
    members, cast = build(rows)
    without = [v for v in cast if v.position != "abstain"]
    assert tally("iso-dis", members, cast).passed == tally("iso-dis", members, without).passed


class TestDocumentedExamples:
    """The worked examples of docs/ballots.md, so the document cannot drift from the code."""

    ISO_MEMBERS = [Member(n, "P") for n in ("SAC", "DIN", "AFNOR", "JISC", "KATS", "SCC")] + [
        Member("BSI", "O"),
        Member("UNI", "O"),
    ]

    def iso_votes(self, scc_reasons="技术理由", uni="approve"):
        return [
            Vote("SAC", "approve"),
            Vote("DIN", "approve"),
            Vote("JISC", "approve"),
            Vote("KATS", "approve_with_comments"),
            Vote("AFNOR", "disapprove", "技术理由"),
            Vote("SCC", "disapprove", scc_reasons),
            Vote("BSI", "approve"),
            Vote("UNI", uni, "技术理由"),
        ]

    def test_iso_dis(self):
        result = tally("iso-dis", self.ISO_MEMBERS, self.iso_votes())
        assert (result.passed, result.fractions) == (
            True,
            {"approval": "2/3", "disapproval": "1/4"},
        )
        bare = tally("iso-dis", self.ISO_MEMBERS, self.iso_votes(scc_reasons=""))
        assert (bare.passed, bare.fractions) == (True, {"approval": "4/5", "disapproval": "1/7"})
        uni = tally("iso-dis", self.ISO_MEMBERS, self.iso_votes(uni="disapprove"))
        assert (uni.passed, uni.fractions["disapproval"]) == (False, "3/8")

    def test_cn_tc(self):
        ballot = votes(
            ("P", "approve", 21),
            ("P", "approve_with_comments", 2),
            ("P", "disapprove", 5),
            ("P", "abstain", 2),
        )
        result = tally("cn-tc", body(40), ballot)
        assert (result.passed, result.fractions["approval"], result.fractions["disapproval"]) == (
            True,
            "23/30",
            "1/6",
        )
        assert not tally("cn-tc", body(40), ballot[:29]).passed
        abstaining = votes(("P", "approve", 19), ("P", "disapprove", 4), ("P", "abstain", 7))
        assert tally("cn-tc", body(40), abstaining).fractions["approval"] == "19/30"
        assert not tally("cn-tc", body(40), abstaining).passed

    def test_custom(self):
        rule = {
            "approval_threshold": "2/3",
            "disapproval_ceiling": "1/4",
            "participation_threshold": "3/4",
            "abstentions_count": True,
            "exclude_drafters": True,
            "non_voting_categories": ["O"],
        }
        ballot = [Vote("P0", "approve"), Vote("P1", "approve")] + votes(
            ("P", "approve", 4), ("P", "disapprove", 2), start=2
        )
        result = tally(rule, body(10, drafters=2), ballot)
        assert result.fractions == {"participation": "3/4", "approval": "2/3", "disapproval": "1/3"}
        assert not result.passed
