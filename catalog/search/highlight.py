"""HTML highlights of query matches in the hits shown on a page."""

from __future__ import annotations

import re

from django.utils.html import escape

from catalog.search.query import QueryPlan

_SEPARATORS = r"[\W_]*"  # punctuation and spaces; cheap to compile per query


def _title_patterns(plan: QueryPlan) -> list[str]:
    patterns = []
    for term in plan.terms:
        if term.cjk:
            patterns.append(re.escape(term.raw))
        else:
            # Word start, then the rest of the word: "system" marks "systems".
            stem = re.escape(term.tokens[0])
            patterns.append(rf"(?<![0-9A-Za-z]){stem}[0-9A-Za-z]*")
    return patterns


def _designation_patterns(plan: QueryPlan) -> list[str]:
    tokens: tuple[str, ...] = ()
    if plan.designation:
        tokens = plan.designation.tokens
    elif plan.number:
        tokens = plan.number.tokens
    if not tokens:
        return []
    # The first token must start at a token boundary so "199" does not mark "20199".
    return [r"(?<![0-9A-Za-z])" + _SEPARATORS.join(re.escape(t) for t in tokens)]


def mark(text: str, patterns: list[str]) -> str:
    """Escape `text` and wrap every match of the patterns in <mark>...</mark>."""
    if not text or not patterns:
        return escape(text or "")
    regex = re.compile("|".join(sorted(patterns, key=len, reverse=True)), re.IGNORECASE)
    out, last = [], 0
    for match in regex.finditer(text):
        if match.end() == match.start():
            continue
        out.append(escape(text[last : match.start()]))
        out.append(f"<mark>{escape(match.group())}</mark>")
        last = match.end()
    out.append(escape(text[last:]))
    return "".join(out)


def highlights(plan: QueryPlan, designation: str, title_zh: str, title_en: str) -> dict[str, str]:
    """Escaped designation and titles with the parts the query matched marked."""
    titles = _title_patterns(plan)
    return {
        "designation": mark(designation, _designation_patterns(plan)),
        "title_zh": mark(title_zh, titles),
        "title_en": mark(title_en, titles),
    }
