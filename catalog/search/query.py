"""Reading a search box text: designations, bare numbers and free text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from catalog.search.text import Term, compact_designation, query_terms

MAX_QUERY_LENGTH = 200
MAX_TERMS = 24
MIN_PREFIX = 3
# Longest run of words tried as one designation ("ISO/IEC 27001:2022 Amd 1" is 4 words).
_MAX_WINDOW = 6
_NUMBER = re.compile(r"[0-9]+(?:[.\-][0-9]+)*")
_CJK_BOUNDARY = re.compile(
    r"(?<=[\u3400-\u9fff\uf900-\ufaff])(?=[A-Za-z0-9])|"
    r"(?<=[A-Za-z0-9])(?=[\u3400-\u9fff\uf900-\ufaff])"
)


@dataclass(frozen=True)
class DesignationPart:
    """A designation found in the query, with the keys used to order its editions."""

    canonical: str
    series_key: str
    main_number: str
    dated: bool
    tokens: tuple[str, ...]  # tokens of the undated form (for highlighting)
    # What is matched as a phrase: the tokens with everything up to the main number
    # joined into one (see text.compact_designation).
    match_tokens: tuple[str, ...] = ()
    # Whether the last token is matched as a prefix ("gb t 2208"* while typing). Only a
    # main number of 3+ digits is: a short last token ("2" of ISO 13385-2) would expand
    # to a large part of the vocabulary and cost more than the whole rest of the query.
    prefix: bool = True


@dataclass(frozen=True)
class NumberPart:
    """A bare number such as `19001` or `4943.1`: main number plus following parts."""

    tokens: tuple[str, ...]

    @property
    def main(self) -> str:
        return self.tokens[0]

    @property
    def prefix(self) -> bool:
        """Prefix-match the last number only from three digits on (see DesignationPart)."""
        return len(self.tokens[-1]) >= MIN_PREFIX


@dataclass
class QueryPlan:
    """What to match: at most one designation or number, plus free-text terms."""

    kind: str  # "designation" | "number" | "text" | "browse"
    designation: DesignationPart | None = None
    number: NumberPart | None = None
    terms: list[Term] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        """True when the text held nothing searchable (only punctuation, say)."""
        return self.kind != "browse" and not (self.designation or self.number or self.terms)


def _parse_designation(text: str) -> DesignationPart | None:
    from catalog.designations import designation_tokens, try_parse

    if not re.search(r"[0-9]", text) or not re.search(r"[A-Za-z]", text):
        return None
    parsed = try_parse(text)
    if parsed is None or not parsed.main_number:
        return None
    tokens = tuple(designation_tokens(parsed.series_key))
    if not tokens:
        return None
    matched = tuple(
        compact_designation(
            list(tokens), len(designation_tokens(parsed.prefix)), parsed.main_number
        )
    )
    return DesignationPart(
        canonical=parsed.canonical,
        series_key=parsed.series_key,
        main_number=parsed.main_number,
        dated=parsed.dated,
        tokens=tokens,
        match_tokens=matched,
        prefix=tokens[-1] == parsed.main_number and len(tokens[-1]) >= MIN_PREFIX,
    )


def plan_query(text: str) -> QueryPlan:
    """Classify the query and split it into a designation/number part and free text."""
    from catalog.designations import normalize_text

    text = normalize_text(text or "")
    if not text:
        return QueryPlan("browse")
    if _NUMBER.fullmatch(text):
        return QueryPlan("number", number=NumberPart(tuple(re.split(r"[.\-]", text))))
    whole = _parse_designation(text)
    if whole:
        return QueryPlan("designation", designation=whole)
    words = _CJK_BOUNDARY.sub(" ", text).split()
    for start in range(len(words)):
        for end in range(min(len(words), start + _MAX_WINDOW), start, -1):
            found = _parse_designation(" ".join(words[start:end]))
            if found:
                rest = " ".join(words[:start] + words[end:])
                return QueryPlan(
                    "designation", designation=found, terms=query_terms(rest)[:MAX_TERMS]
                )
    return QueryPlan("text", terms=query_terms(text)[:MAX_TERMS])
