"""Ballot rules as data and the exact tally of a ballot under a rule (see docs/ballots.md)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from django.utils.translation import gettext as _

from core.exceptions import DomainError

APPROVE = "approve"
APPROVE_WITH_COMMENTS = "approve_with_comments"
DISAPPROVE = "disapprove"
ABSTAIN = "abstain"
POSITIONS = (APPROVE, APPROVE_WITH_COMMENTS, DISAPPROVE, ABSTAIN)
IN_FAVOUR = (APPROVE, APPROVE_WITH_COMMENTS)


class BallotError(DomainError):
    """A ballot, a vote or a rule that cannot be counted."""

    code = "ballot_invalid"


@dataclass(frozen=True)
class Member:
    """One member of the voting body at the time the ballot opened."""

    id: str
    category: str = "P"
    drafter: bool = False


@dataclass(frozen=True)
class Vote:
    """One member's position, with the reasons given (required for some negatives)."""

    member: str
    position: str
    reasons: str = ""

    @property
    def has_reasons(self) -> bool:
        return bool(self.reasons.strip())


@dataclass(frozen=True)
class BallotRule:
    """How a ballot is counted; the presets and every custom rule are values of this type.

    A category set of None means every category.
    """

    code: str
    # Members of these categories have no vote (e.g. observers of a national committee).
    non_voting_categories: frozenset[str] = frozenset()
    exclude_drafters: bool = False
    # Participation: members who cast any vote / voting members of these categories.
    participation_threshold: Fraction | None = None
    participation_categories: frozenset[str] | None = None
    # Approval: votes in favour / counted votes of members of these categories.
    approval_threshold: Fraction = Fraction(2, 3)
    approval_categories: frozenset[str] | None = None
    # Disapproval: negative votes / all counted votes.
    disapproval_ceiling: Fraction | None = None
    # Whether abstentions are counted in the denominators of approval and disapproval.
    abstentions_count: bool = False
    # Whether a negative vote without reasons is left out of the count.
    negatives_need_reasons: bool = False


RULES: dict[str, BallotRule] = {
    # ISO/IEC Directives, Part 1, 2.7.3 (enquiry vote on a DIS).
    "iso-dis": BallotRule(
        code="iso-dis",
        approval_threshold=Fraction(2, 3),
        approval_categories=frozenset({"P"}),
        disapproval_ceiling=Fraction(1, 4),
        abstentions_count=False,
        negatives_need_reasons=True,
    ),
    # 全国专业标准化技术委员会管理办法: review of a 送审稿 by the committee's members.
    "cn-tc": BallotRule(
        code="cn-tc",
        non_voting_categories=frozenset({"O"}),
        participation_threshold=Fraction(3, 4),
        approval_threshold=Fraction(2, 3),
        disapproval_ceiling=Fraction(1, 4),
        abstentions_count=True,
    ),
}

CUSTOM_KEYS = {
    "participation_threshold",
    "participation_categories",
    "approval_threshold",
    "approval_categories",
    "disapproval_ceiling",
    "abstentions_count",
    "negatives_need_reasons",
    "exclude_drafters",
    "non_voting_categories",
}


@dataclass(frozen=True)
class Condition:
    """One ratio of the tally compared with its threshold."""

    name: str
    numerator: int
    denominator: int
    threshold: Fraction
    at_most: bool  # True: the ratio must not exceed the threshold; False: must reach it.

    @property
    def ratio(self) -> Fraction | None:
        return Fraction(self.numerator, self.denominator) if self.denominator else None

    @property
    def met(self) -> bool:
        if self.ratio is None:
            # Nothing counted: no approval can be reached, and nothing was against.
            return self.at_most
        return self.ratio <= self.threshold if self.at_most else self.ratio >= self.threshold

    def as_dict(self) -> dict[str, Any]:
        ratio = self.ratio
        return {
            "name": self.name,
            "numerator": self.numerator,
            "denominator": self.denominator,
            "ratio": float(ratio) if ratio is not None else None,
            "fraction": _fraction_text(ratio),
            "threshold": _fraction_text(self.threshold),
            "comparison": "<=" if self.at_most else ">=",
            "met": self.met,
        }


@dataclass
class TallyResult:
    """The outcome of a ballot: passed or not, the counts, the ratios and why."""

    rule: str
    passed: bool
    counts: dict[str, int]
    conditions: list[Condition]
    explanation: list[str] = field(default_factory=list)

    @property
    def ratios(self) -> dict[str, float | None]:
        return {c.name: float(c.ratio) if c.ratio is not None else None for c in self.conditions}

    @property
    def fractions(self) -> dict[str, str | None]:
        return {c.name: _fraction_text(c.ratio) for c in self.conditions}

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "passed": self.passed,
            "counts": self.counts,
            "ratios": self.ratios,
            "fractions": self.fractions,
            "conditions": [c.as_dict() for c in self.conditions],
            "explanation": self.explanation,
        }


def _fraction_text(value: Fraction | None) -> str | None:
    if value is None:
        return None
    return f"{value.numerator}/{value.denominator}"


def _percent(value: Fraction | None) -> str:
    return "—" if value is None else f"{float(value) * 100:.1f}%"


def resolve_rule(spec: str | Mapping[str, Any] | BallotRule) -> BallotRule:
    """The rule named by `spec`: a preset code, a dict of custom thresholds, or a rule."""
    if isinstance(spec, BallotRule):
        return spec
    if isinstance(spec, str):
        try:
            return RULES[spec]
        except KeyError:
            raise BallotError(
                _("Unknown ballot rule “%(rule)s”; known rules: %(known)s, or custom thresholds.")
                % {"rule": spec, "known": ", ".join(RULES)}
            ) from None
    if not isinstance(spec, Mapping):
        raise BallotError(_("A ballot rule is a rule name or an object of custom thresholds."))
    unknown = sorted(set(spec) - CUSTOM_KEYS - {"code"})
    if unknown:
        raise BallotError(
            _("Unknown custom rule settings: %(keys)s.") % {"keys": ", ".join(unknown)}
        )
    if "approval_threshold" not in spec:
        raise BallotError(_("A custom rule needs an approval_threshold."))
    return BallotRule(
        code=str(spec.get("code") or "custom"),
        non_voting_categories=_categories(spec, "non_voting_categories") or frozenset(),
        exclude_drafters=_flag(spec, "exclude_drafters"),
        participation_threshold=_threshold(spec, "participation_threshold"),
        participation_categories=_categories(spec, "participation_categories"),
        approval_threshold=_threshold(spec, "approval_threshold"),
        approval_categories=_categories(spec, "approval_categories"),
        disapproval_ceiling=_threshold(spec, "disapproval_ceiling"),
        abstentions_count=_flag(spec, "abstentions_count"),
        negatives_need_reasons=_flag(spec, "negatives_need_reasons"),
    )


def _threshold(spec: Mapping[str, Any], key: str) -> Fraction | None:
    value = spec.get(key)
    if value is None:
        return None
    try:
        if isinstance(value, bool):
            raise ValueError
        # str() keeps 0.75 as 3/4 instead of the binary float's expansion.
        number = Fraction(str(value)) if isinstance(value, float) else Fraction(value)
    except (ValueError, TypeError, ZeroDivisionError):
        raise BallotError(
            _("%(key)s must be a fraction such as 2/3 or 0.75, not %(value)s.")
            % {"key": key, "value": value}
        ) from None
    if not 0 <= number <= 1:
        raise BallotError(
            _("%(key)s must lie between 0 and 1, not %(value)s.") % {"key": key, "value": value}
        )
    return number


def _flag(spec: Mapping[str, Any], key: str) -> bool:
    value = spec.get(key, False)
    if not isinstance(value, bool):
        raise BallotError(_("%(key)s must be true or false.") % {"key": key})
    return value


def _categories(spec: Mapping[str, Any], key: str) -> frozenset[str] | None:
    value = spec.get(key)
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise BallotError(_("%(key)s must be a list of member categories.") % {"key": key})
    return frozenset(value)


def parse_members(rows: Any) -> list[Member]:
    """Members from plain data (`[{"id", "category", "drafter"}]`), checked."""
    if not isinstance(rows, list):
        raise BallotError(_("“members” must be a list."))
    members = []
    for index, row in enumerate(rows, start=1):
        if not isinstance(row, Mapping) or not isinstance(row.get("id"), str | int):
            raise BallotError(_("Member %(index)d has no id.") % {"index": index})
        category = row.get("category", "P")
        drafter = row.get("drafter", False)
        if not isinstance(category, str) or not isinstance(drafter, bool):
            raise BallotError(
                _("Member %(id)s: category must be text and drafter true or false.")
                % {"id": row["id"]}
            )
        members.append(Member(id=str(row["id"]), category=category, drafter=drafter))
    return members


def parse_votes(rows: Any) -> list[Vote]:
    """Votes from plain data (`[{"member", "position", "reasons"}]`), checked."""
    if not isinstance(rows, list):
        raise BallotError(_("“votes” must be a list."))
    votes = []
    for index, row in enumerate(rows, start=1):
        if not isinstance(row, Mapping) or not isinstance(row.get("member"), str | int):
            raise BallotError(_("Vote %(index)d names no member.") % {"index": index})
        reasons = row.get("reasons") or ""
        if not isinstance(reasons, str):
            raise BallotError(_("Vote %(index)d: reasons must be text.") % {"index": index})
        votes.append(Vote(member=str(row["member"]), position=row.get("position"), reasons=reasons))
    return votes


def tally(
    rule: str | Mapping[str, Any] | BallotRule,
    members: Iterable[Member],
    votes: Iterable[Vote],
) -> TallyResult:
    """Count `votes` of `members` under `rule` exactly and explain the outcome."""
    rule = resolve_rule(rule)
    members = list(members)
    votes = list(votes)
    by_id = _check_ballot(members, votes)

    def can_vote(member: Member) -> bool:
        return member.category not in rule.non_voting_categories and not (
            rule.exclude_drafters and member.drafter
        )

    def within(member: Member, categories: frozenset[str] | None) -> bool:
        return categories is None or member.category in categories

    voting = [m for m in members if can_vote(m)]
    ignored = [v for v in votes if not can_vote(by_id[v.member])]
    cast = [v for v in votes if can_vote(by_id[v.member])]
    non_voting = sum(1 for m in members if m.category in rule.non_voting_categories)
    drafters_out = sum(
        1
        for m in members
        if rule.exclude_drafters and m.drafter and m.category not in rule.non_voting_categories
    )

    def counted(vote: Vote) -> bool:
        if vote.position == ABSTAIN:
            return rule.abstentions_count
        if vote.position == DISAPPROVE and rule.negatives_need_reasons:
            return vote.has_reasons
        return True

    def positions(pool: list[Vote], *wanted: str) -> int:
        return sum(1 for v in pool if v.position in wanted)

    counts = {
        "members": len(members),
        "voting_members": len(voting),
        "drafters_excluded": drafters_out,
        "non_voting_members": non_voting,
        "votes_cast": len(cast),
        "not_voted": len(voting) - len(cast),
        "approve": positions(cast, APPROVE),
        "approve_with_comments": positions(cast, APPROVE_WITH_COMMENTS),
        "in_favour": positions(cast, *IN_FAVOUR),
        "disapprove": positions(cast, DISAPPROVE),
        "disapprove_without_reasons": sum(
            1 for v in cast if v.position == DISAPPROVE and not v.has_reasons
        ),
        "abstain": positions(cast, ABSTAIN),
        "votes_not_counted": len(ignored),
    }

    conditions: list[Condition] = []
    if rule.participation_threshold is not None:
        base = [m for m in voting if within(m, rule.participation_categories)]
        took_part = {
            v.member for v in cast if within(by_id[v.member], rule.participation_categories)
        }
        conditions.append(
            Condition(
                "participation", len(took_part), len(base), rule.participation_threshold, False
            )
        )
    approval_pool = [
        v for v in cast if counted(v) and within(by_id[v.member], rule.approval_categories)
    ]
    conditions.append(
        Condition(
            "approval",
            positions(approval_pool, *IN_FAVOUR),
            len(approval_pool),
            rule.approval_threshold,
            False,
        )
    )
    if rule.disapproval_ceiling is not None:
        pool = [v for v in cast if counted(v)]
        conditions.append(
            Condition(
                "disapproval",
                positions(pool, DISAPPROVE),
                len(pool),
                rule.disapproval_ceiling,
                True,
            )
        )
    passed = all(c.met for c in conditions)
    return TallyResult(
        rule=rule.code,
        passed=passed,
        counts=counts,
        conditions=conditions,
        explanation=_explain(rule, counts, conditions, passed),
    )


def _check_ballot(members: list[Member], votes: list[Vote]) -> dict[str, Member]:
    by_id: dict[str, Member] = {}
    for member in members:
        if member.id in by_id:
            raise BallotError(_("Member %(id)s is listed twice.") % {"id": member.id})
        by_id[member.id] = member
    seen: set[str] = set()
    for vote in votes:
        if vote.member not in by_id:
            raise BallotError(
                _("%(id)s voted but is not a member of the ballot.") % {"id": vote.member}
            )
        if vote.member in seen:
            raise BallotError(_("%(id)s voted more than once.") % {"id": vote.member})
        if vote.position not in POSITIONS:
            raise BallotError(
                _("Vote of %(id)s: unknown position “%(position)s”; use one of %(known)s.")
                % {"id": vote.member, "position": vote.position, "known": ", ".join(POSITIONS)}
            )
        seen.add(vote.member)
    return by_id


def _explain(
    rule: BallotRule, counts: dict[str, int], conditions: list[Condition], passed: bool
) -> list[str]:
    lines = [
        _("%(voting)d of %(members)d members have a vote; %(cast)d voted, %(missing)d did not.")
        % {
            "voting": counts["voting_members"],
            "members": counts["members"],
            "cast": counts["votes_cast"],
            "missing": counts["not_voted"],
        }
    ]
    if counts["drafters_excluded"]:
        lines.append(
            _("%(count)d drafting units take no part in this ballot under the rule.")
            % {"count": counts["drafters_excluded"]}
        )
    if counts["votes_not_counted"]:
        lines.append(
            _("%(count)d votes from members without a vote under this rule are not counted.")
            % {"count": counts["votes_not_counted"]}
        )
    if counts["abstain"] and not rule.abstentions_count:
        lines.append(_("%(count)d abstentions are not counted.") % {"count": counts["abstain"]})
    if counts["disapprove_without_reasons"] and rule.negatives_need_reasons:
        lines.append(
            _("%(count)d negative votes without technical reasons are not counted.")
            % {"count": counts["disapprove_without_reasons"]}
        )
    labels = {
        "participation": _("Participation"),
        "approval": _("Approval"),
        "disapproval": _("Disapproval"),
    }
    failed = []
    for condition in conditions:
        values = {
            "label": labels[condition.name],
            "numerator": condition.numerator,
            "denominator": condition.denominator,
            "fraction": _fraction_text(condition.ratio) or "—",
            "percent": _percent(condition.ratio),
            "threshold": _fraction_text(condition.threshold),
            "verdict": _("met") if condition.met else _("not met"),
        }
        if condition.name == "participation":
            text = _(
                "%(label)s: %(numerator)d of %(denominator)d members voted (%(fraction)s, "
                "%(percent)s); at least %(threshold)s required: %(verdict)s."
            )
        elif condition.name == "approval" and rule.approval_categories is not None:
            values["categories"] = "/".join(sorted(rule.approval_categories))
            text = _(
                "%(label)s: %(numerator)d in favour of %(denominator)d counted votes of "
                "%(categories)s members (%(fraction)s, %(percent)s); at least %(threshold)s "
                "required: %(verdict)s."
            )
        elif condition.name == "approval":
            text = _(
                "%(label)s: %(numerator)d in favour of %(denominator)d counted votes "
                "(%(fraction)s, %(percent)s); at least %(threshold)s required: %(verdict)s."
            )
        else:
            text = _(
                "%(label)s: %(numerator)d against of %(denominator)d counted votes "
                "(%(fraction)s, %(percent)s); at most %(threshold)s allowed: %(verdict)s."
            )
        lines.append(text % values)
        if not condition.met:
            failed.append(labels[condition.name])
    if passed:
        lines.append(_("Result: the ballot passes."))
    else:
        lines.append(
            _("Result: the ballot fails; condition not met: %(conditions)s.")
            % {"conditions": _(", ").join(failed)}
        )
    return lines
