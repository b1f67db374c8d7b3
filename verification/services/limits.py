"""Requirements as written (`≤ 0.5 mg/kg`, `95 %~105 %`, `不低于 30 MPa`) parsed into limits
and measured values judged against them per GB/T 8170 (docs/verification-methods.md)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from core.exceptions import DomainError
from verification.services.rounding import interval_of, round_gbt8170
from verification.services.units import convert, normalise_unit

PASS, FAIL, INCONCLUSIVE = "pass", "fail", "inconclusive"
FULL, ROUNDED = "full", "rounded"


class LimitError(DomainError):
    """A requirement or a value that cannot be read as a number with a unit."""

    code = "limit_invalid"


@dataclass(frozen=True)
class Bound:
    """One end of an interval: a number, and whether the number itself is inside."""

    value: Decimal
    inclusive: bool


@dataclass(frozen=True)
class Limit:
    """A machine-checkable limit: an interval of allowed values in one unit."""

    requirement: str
    lower: Bound | None
    upper: Bound | None
    unit: str
    method: str = FULL

    @property
    def interval(self) -> Decimal:
        """The rounding interval of 修约值比较法: the last digit the limit is written to."""
        return interval_of(*(b.value for b in (self.lower, self.upper) if b))

    def expression(self) -> str:
        unit = f" {self.unit}" if self.unit else ""
        low, high = self.lower, self.upper
        if low and high:
            return (
                f"{_num(low.value)}{unit} {'≤' if low.inclusive else '<'} x "
                f"{'≤' if high.inclusive else '<'} {_num(high.value)}{unit}"
            )
        bound = low or high
        sign = {(True, True): "≥", (True, False): ">", (False, True): "≤", (False, False): "<"}[
            (bound is low, bound.inclusive)
        ]
        return f"x {sign} {_num(bound.value)}{unit}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "lower": _num(self.lower.value) if self.lower else None,
            "lower_inclusive": self.lower.inclusive if self.lower else None,
            "upper": _num(self.upper.value) if self.upper else None,
            "upper_inclusive": self.upper.inclusive if self.upper else None,
            "unit": self.unit,
            "interval": _num(self.interval),
            "expression": self.expression(),
        }


def _num(value: Decimal) -> str:
    """A decimal as written in a report: fixed point, keeping its significant zeros."""
    return format(value, "f")


# --- reading the text ---------------------------------------------------------------

SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻", "0123456789+-")
SYMBOLS = {
    "≦": "≤", "⩽": "≤", "≯": "≤", "<=": "≤", "≧": "≥", "⩾": "≥", "≮": "≥", ">=": "≥",
    "〜": "~", "∼": "~", "～": "~", "—": "-", "–": "-", "−": "-", "－": "-", "+/-": "±",
    "+-": "±", "(": " ", ")": " ", "[": " ", "]": " ",
}  # fmt: skip
DESIGNATION = re.compile(r"\b(?:GB|GB/T|GB/Z|ISO|IEC|JJF|JJG|HJ|[A-Z]{2}/T)\s*[\d.]+(?:-\d{4})?")
NUMBER = r"[-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+|\s*[×xX*]\s*10(?:(?:\^|\*\*)[-+]?\d+|0*))?"
# A unit never starts like an exponent (1.0e-3 is a number, not 1.0 "e" minus 3).
UNIT = r"(?:%|‰|°C|(?![eE][-+]?\d)[A-Za-zμΩ][A-Za-zμΩ/·²³0-9]*)"
Q = rf"(?P<{{n}}>{NUMBER})\s*(?P<{{u}}>{UNIT})?"


def _q(number: str, unit: str) -> str:
    return Q.format(n=number, u=unit)


UPPER_INCLUSIVE = r"不大于|不超过|不高于|不多于|小于或等于|小于等于|至多|≤"
UPPER_EXCLUSIVE = r"小于|低于|少于|不足|<"
LOWER_INCLUSIVE = r"不小于|不低于|不少于|大于或等于|大于等于|至少|≥"
LOWER_EXCLUSIVE = r"大于|高于|超过|多于|>"
NEGATED = r"(?:不得|不应|不宜|不能|不可)"
PREFIX = re.compile(
    rf"(?:(?P<ge>{NEGATED}(?:小于|低于|少于)|{LOWER_INCLUSIVE})"
    rf"|(?P<le>{NEGATED}(?:大于|超过|高于|多于)|{UPPER_INCLUSIVE})"
    rf"|(?P<gt>{LOWER_EXCLUSIVE})|(?P<lt>{UPPER_EXCLUSIVE}))\s*{_q('n', 'u')}"
)
SUFFIX = re.compile(
    rf"{_q('n', 'u')}\s*(?:及|或)?(?:(?P<above>以上)|(?P<below>以下|以内))\s*(?P<open>不含)?"
)
DOUBLE = re.compile(rf"{_q('a', 'au')}\s*(?P<o1>≤|<)[^\d≤<]*?(?P<o2>≤|<)\s*{_q('b', 'bu')}")
RANGE = re.compile(rf"{_q('a', 'au')}\s*(?:~|至|到|-)\s*(?P<b>\d+(?:\.\d+)?)\s*(?P<bu>{UNIT})?")
TOLERANCE = re.compile(rf"{_q('a', 'au')}\s*±\s*{_q('t', 'tu')}")
ASYMMETRIC = re.compile(
    rf"{_q('a', 'au')}\s*(?P<p>\+\d+(?:\.\d+)?)\s*[/,]?\s*(?P<m>-\d+(?:\.\d+)?)\s*(?P<mu>{UNIT})?"
)
ROUNDED_WORDS = re.compile(r"修约值比较|修约值判定|修约后比较")
CONJUNCTION = re.compile(r"\s*(?:并且|而且|且|和|and|,|，|;|；)\s*")


def _clean(text: str) -> str:
    text = re.sub(r"10([⁺⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)", lambda m: "10^" + m[1].translate(SUPERSCRIPTS), text)
    text = unicodedata.normalize("NFKC", text).replace("µ", "μ")
    for old, new in SYMBOLS.items():
        text = text.replace(old, new)
    # Digit groups: 1,000 and 1 570 (GB/T 8170 and GB 3101 write thousands with a space).
    text = re.sub(r"(?<=\d)[,\s](?=\d{3}(?!\d))", "", text)
    return DESIGNATION.sub(" ", text)


def read_number(text: str) -> Decimal:
    """A decimal from `0.50`, `1.2×10^3`, `14×100` (keeping the digits as written)."""
    match = re.fullmatch(
        r"([-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)(?:\s*[×xX*]\s*(10(?:\^|\*\*)([-+]?\d+)|10+))?",
        text,
    )
    if not match:
        raise LimitError(_("“%(text)s” is not a number.") % {"text": text})
    value = Decimal(match[1])
    if match[3] is not None:
        return value.scaleb(int(match[3]))
    if match[2]:
        return value.scaleb(len(match[2]) - 1)
    return value


def parse_requirement(requirement: str, method: str | None = None) -> Limit:
    """The limit a requirement states; 修约值比较法 when the text says so (or `method`)."""
    text = _clean(requirement)
    chosen = method or (ROUNDED if ROUNDED_WORDS.search(text) else FULL)
    text = ROUNDED_WORDS.sub(" ", text)
    # Two one-sided limits joined by 且 (or a comma) bound the value from both sides.
    parts = [p for p in CONJUNCTION.split(text) if p.strip()]
    if len(parts) > 1:
        found = [_parse_one(p, requirement, chosen) for p in parts]
        if None not in found:
            subjects = {subject for _limit, subject in found if subject}
            if len(subjects) > 1:
                raise LimitError(
                    _("“%(requirement)s” states limits for several quantities (%(subjects)s); "
                      "judge each one separately.")
                    % {"requirement": requirement, "subjects": _(", ").join(sorted(subjects))}
                )  # fmt: skip
            limit = found[0][0]
            for other, _subject in found[1:]:
                limit = _intersect(limit, other)
            return limit
    one = _parse_one(text, requirement, chosen)
    if one is None:
        raise LimitError(
            _("Cannot read a limit in “%(requirement)s”.") % {"requirement": requirement}
        )
    return one[0]


FILLER = re.compile(r"[\s:：，,、应为均须需必在的值是]+")


def _parse_one(text: str, requirement: str, method: str) -> tuple[Limit, str] | None:
    """The limit in one clause of a requirement, and the words naming what it limits."""
    for pattern, read in READERS:
        if m := pattern.search(text):
            lower, upper, unit = read(m)
            subject = FILLER.sub("", text[: m.start()])
            return Limit(requirement, lower, upper, normalise_unit(unit), method), subject
    return None


Reading = tuple[Bound | None, Bound | None, str]


def _double(m: re.Match) -> Reading:
    unit = m["bu"] or m["au"] or ""
    low = _in_unit(read_number(m["a"]), m["au"] or unit, unit)
    return Bound(low, m["o1"] == "≤"), Bound(read_number(m["b"]), m["o2"] == "≤"), unit


def _tolerance(m: re.Match) -> Reading:
    nominal = read_number(m["a"]) if m["a"] else Decimal(0)
    tolerance = read_number(m["t"])
    unit = m["au"] or m["tu"] or ""
    if m["tu"] == "%" and m["au"] and normalise_unit(m["au"]) != "%":
        tolerance = nominal * tolerance / 100
    elif m["au"] and m["tu"]:
        tolerance = _in_unit(tolerance, m["tu"], m["au"])
    return Bound(nominal - tolerance, True), Bound(nominal + tolerance, True), unit


def _asymmetric(m: re.Match) -> Reading:
    nominal = read_number(m["a"])
    low, high = nominal + Decimal(m["m"]), nominal + Decimal(m["p"])
    return Bound(low, True), Bound(high, True), m["au"] or m["mu"] or ""


def _range(m: re.Match) -> Reading:
    unit = m["bu"] or m["au"] or ""
    low = _in_unit(read_number(m["a"]), m["au"] or unit, unit)
    return Bound(low, True), Bound(read_number(m["b"]), True), unit


def _prefix(m: re.Match) -> Reading:
    bound = Bound(read_number(m["n"]), bool(m["ge"] or m["le"]))
    lower = m["ge"] or m["gt"]
    return (bound, None, m["u"] or "") if lower else (None, bound, m["u"] or "")


def _suffix(m: re.Match) -> Reading:
    bound = Bound(read_number(m["n"]), not m["open"])
    return (bound if m["above"] else None), (bound if m["below"] else None), m["u"] or ""


# A bare deviation (偏差 ±2 %): the interval around zero.
BARE_TOLERANCE = re.compile(rf"(?<![\d.])(?P<a>)(?P<au>)±\s*{_q('t', 'tu')}")

READERS = (
    (DOUBLE, _double),
    (TOLERANCE, _tolerance),
    (BARE_TOLERANCE, _tolerance),
    (ASYMMETRIC, _asymmetric),
    (RANGE, _range),
    (PREFIX, _prefix),
    (SUFFIX, _suffix),
)


def _in_unit(value: Decimal, source: str, target: str) -> Decimal:
    converted = convert(value, source, target)
    if converted is None:
        raise LimitError(
            _("Cannot convert %(source)s to %(target)s.") % {"source": source, "target": target}
        )
    return converted


def _intersect(a: Limit, b: Limit) -> Limit:
    unit = a.unit or b.unit
    if a.unit and b.unit and a.unit != b.unit:
        b = _limit_in_unit(b, a.unit)
    lower = _tighter(a.lower, b.lower, lower=True)
    upper = _tighter(a.upper, b.upper, lower=False)
    return Limit(a.requirement, lower, upper, unit, a.method)


def _limit_in_unit(limit: Limit, unit: str) -> Limit:
    def move(bound: Bound | None) -> Bound | None:
        return Bound(_in_unit(bound.value, limit.unit, unit), bound.inclusive) if bound else None

    return Limit(limit.requirement, move(limit.lower), move(limit.upper), unit, limit.method)


def _tighter(a: Bound | None, b: Bound | None, *, lower: bool) -> Bound | None:
    if a is None or b is None:
        return a or b
    if a.value == b.value:
        return Bound(a.value, a.inclusive and b.inclusive)
    return (max if lower else min)((a, b), key=lambda bound: bound.value)


# --- judging --------------------------------------------------------------------------

VALUE = re.compile(rf"(?P<q>≤|<|≥|>|小于|低于|大于|高于)?\s*(?P<n>{NUMBER})\s*(?P<u>{UNIT})?")
NOT_DETECTED = re.compile(r"未检出|未检测出|ND|N\.D\.|n\.d\.|<\s*LOD|<\s*LOQ", re.IGNORECASE)


@dataclass(frozen=True)
class Judgement:
    """The verdict on one measured value, with the rule that gave it."""

    verdict: str
    rule: str
    limit: Limit | None
    value: str
    unit: str
    compared: Decimal | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict,
            "rule": self.rule,
            "method": self.limit.method if self.limit else None,
            "requirement": self.limit.requirement if self.limit else None,
            "limit": self.limit.as_dict() if self.limit else None,
            "value": self.value,
            "unit": self.unit,
            "compared_value": _num(self.compared) if self.compared is not None else None,
        }


def judge(requirement: str, value: str, unit: str = "", method: str | None = None) -> Judgement:
    """Judge a measured value (text, e.g. `0.48`, `0.48 mg/kg`, `<0.05`) against a requirement."""
    value_text = str(value).strip()
    try:
        limit = parse_requirement(requirement, method)
    except LimitError as exc:
        return Judgement(INCONCLUSIVE, exc.message, None, value_text, unit)
    cleaned = _clean(value_text)
    match = VALUE.fullmatch(cleaned.strip())
    if match is None:
        reason = (
            _("“%(value)s” gives no number (state the detection limit, e.g. <0.01).")
            if NOT_DETECTED.search(cleaned)
            else _("“%(value)s” is not a numeric value.")
        )
        return Judgement(INCONCLUSIVE, reason % {"value": value_text}, limit, value_text, unit)
    given_unit = normalise_unit(match["u"] or unit or limit.unit)
    if match["u"] and unit and normalise_unit(unit) != normalise_unit(match["u"]):
        reason = _("The value says %(a)s but the unit given is %(b)s.") % {
            "a": match["u"],
            "b": unit,
        }
        return Judgement(INCONCLUSIVE, reason, limit, value_text, given_unit)
    number = convert(read_number(match["n"]), given_unit, limit.unit) if limit.unit else None
    if limit.unit == "" and given_unit == "":
        number = read_number(match["n"])
    if number is None:
        reason = _("%(unit)s cannot be converted to %(limit_unit)s of the requirement.") % {
            "unit": given_unit or _("(no unit)"),
            "limit_unit": limit.unit or _("(no unit)"),
        }
        return Judgement(INCONCLUSIVE, reason, limit, value_text, given_unit)
    qualifier = match["q"]
    compared = number
    if limit.method == ROUNDED and not qualifier:
        compared = round_gbt8170(number, limit.interval)
    verdict = _verdict(limit, compared, qualifier)
    return Judgement(
        verdict, _rule_text(limit, compared, qualifier, verdict), limit, value_text, given_unit,
        compared,
    )  # fmt: skip


def _verdict(limit: Limit, value: Decimal, qualifier: str | None) -> str:
    """pass if every value the measurement allows is inside the limit, fail if none is."""
    if not qualifier:
        return PASS if _inside(limit, value) else FAIL
    below = qualifier in ("≤", "<", "小于", "低于")
    edge = Bound(value, qualifier in ("≤", "≥"))
    # The measured set is (−∞, edge) or (edge, +∞): compare it with the allowed interval.
    if below:
        all_inside = limit.lower is None and _reaches(edge, limit.upper, upper=True)
        none_inside = limit.lower is not None and not _overlaps(limit.lower, edge)
    else:
        all_inside = limit.upper is None and _reaches(edge, limit.lower, upper=False)
        none_inside = limit.upper is not None and not _overlaps(edge, limit.upper)
    return PASS if all_inside else FAIL if none_inside else INCONCLUSIVE


def _inside(limit: Limit, value: Decimal) -> bool:
    low, high = limit.lower, limit.upper
    if low and (value < low.value or (value == low.value and not low.inclusive)):
        return False
    return not (high and (value > high.value or (value == high.value and not high.inclusive)))


def _reaches(edge: Bound, limit: Bound | None, *, upper: bool) -> bool:
    """Whether a one-sided measured set bounded by `edge` stays within the limit's `limit` end."""
    if limit is None:
        return True
    if edge.value == limit.value:
        return limit.inclusive or not edge.inclusive
    return edge.value < limit.value if upper else edge.value > limit.value


def _overlaps(low: Bound, high: Bound) -> bool:
    if low.value == high.value:
        return low.inclusive and high.inclusive
    return low.value < high.value


def _rule_text(limit: Limit, compared: Decimal, qualifier: str | None, verdict: str) -> str:
    method = (
        _("rounded-value comparison") if limit.method == ROUNDED else _("full-value comparison")
    )
    words = {PASS: _("conforms"), FAIL: _("does not conform"), INCONCLUSIVE: _("cannot be judged")}
    shown = f"{qualifier or ''}{_num(compared)}{' ' + limit.unit if limit.unit else ''}"
    return _("%(value)s against %(limit)s by %(method)s (GB/T 8170): %(verdict)s.") % {
        "value": shown,
        "limit": limit.expression(),
        "method": method,
        "verdict": words[verdict],
    }


def parse_value(text: str) -> Decimal:
    """A plain number from a data cell (`12.30`, `1,234.5`); LimitError if it is not one."""
    return read_number(_clean(str(text)).strip())
