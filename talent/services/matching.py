"""Match score of experts for a topic, with the evidence that matched (informal ranking only).

Matching ranks the pool for consultation; a formal panel is always drawn at random
(`talent.services.draw_requests`).
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from catalog.models import Standard
from talent.models import Expert, ExpertField, ExpertKeyword, ExpertStandard

WEIGHTS = {"drafted": 3.0, "reviewed": 2.0, "field": 2.0, "field_parent": 1.0, "keyword": 1.5}
MIN_OVERLAP = 0.3  # share of a standard title's terms found in the topic to count as evidence
LATIN = re.compile(r"[a-z0-9]{3,}")
HAN = re.compile(r"[\u4e00-\u9fff]+")
STOP = frozenset(
    {"the", "and", "for", "with", "技术", "要求", "方法", "规范", "标准", "通则", "指南"}
)


def terms(text: str) -> set[str]:
    """Comparable terms of a text: Latin words and the character pairs of Chinese runs."""
    text = text.lower()
    found = {w for w in LATIN.findall(text) if w not in STOP}
    for run in HAN.findall(text):
        found.update(run[i : i + 2] for i in range(len(run) - 1))
        if len(run) == 1:
            found.add(run)
    return found - STOP


@dataclass
class Match:
    """One expert's score for the topic and the evidence behind it."""

    expert: Expert
    score: float
    evidence: list[str] = field(default_factory=list)


@lru_cache(maxsize=65536)
def title_terms(title_zh: str, title_en: str) -> frozenset[str]:
    """The terms of a standard's titles as `score_expert` computes them (memoised)."""
    return frozenset(terms(f"{title_zh} {title_en}"))


def overlap_of(own: frozenset[str] | set[str], topic: set[str]) -> float:
    """Share of a standard's title terms found in the topic (0 when it has none)."""
    return len(own & topic) / len(own) if own else 0.0


def score_expert(expert: Expert, topic: set[str], codes: list[str], text: str) -> Match:
    """The expert's match: standards drafted/reviewed, declared fields and keywords."""
    match = Match(expert, 0.0)
    for link in expert.standards.all():
        standard = link.standard
        own = title_terms(standard.title_zh, standard.title_en)
        if not own:
            continue
        overlap = overlap_of(own, topic)
        if overlap >= MIN_OVERLAP:
            match.score += WEIGHTS[link.role] * overlap
            match.evidence.append(
                _("%(role)s %(designation)s %(title)s (%(share)d%% of its title terms)")
                % {"role": link.get_role_display(), "designation": standard.designation,
                   "title": standard.title_zh or standard.title_en, "share": round(overlap * 100)}
            )  # fmt: skip
    declared = [f.code for f in expert.fields.all()]
    for code in codes:
        if code in declared:
            match.score += WEIGHTS["field"]
            match.evidence.append(_("declared field %(code)s") % {"code": code})
            continue
        near = [d for d in declared if d.startswith(f"{code}.") or code.startswith(f"{d}.")]
        if near:
            match.score += WEIGHTS["field_parent"]
            match.evidence.append(
                _("declared field %(near)s, related to %(code)s")
                % {"near": ", ".join(near), "code": code}
            )
    for keyword in expert.keywords:
        if keyword.strip() and keyword.strip().lower() in text:
            match.score += WEIGHTS["keyword"]
            match.evidence.append(_("keyword “%(keyword)s”") % {"keyword": keyword})
    match.score = round(match.score, 2)
    return match


def _topic(title: str, scope: str, codes: list[str] | None) -> tuple[str, set[str], list[str]]:
    text = f"{title} {scope}".lower()
    return text, terms(text), [c.strip() for c in codes or [] if c.strip()]


def _active(user):
    return Expert.objects.restrict(user, "view").filter(state="active")


def _ranked(matches: list[Match], limit: int) -> list[Match]:
    matches = [m for m in matches if m.score > 0]
    matches.sort(key=lambda m: (-m.score, m.expert.name, m.expert.pk))
    return matches[:limit]


def reference_match_experts(user, title: str, scope: str = "", codes: list[str] | None = None,
                            *, limit: int = 20) -> list[Match]:  # fmt: skip
    """The ranking by definition: every active expert loaded and scored by `score_expert`.

    Slow on a large pool (one Python pass over every profile); `match_experts` returns the
    same list and the tests hold it to this one.
    """
    text, topic, codes = _topic(title, scope, codes)
    rows = _active(user).prefetch_related(
        "fields", Prefetch("standards", ExpertStandard.objects.select_related("standard"))
    )
    return _ranked([score_expert(e, topic, codes, text) for e in rows], limit)


def _near_rounding(value: float) -> bool:
    """True if `value` lies so close to a half-hundredth that summation order could flip it."""
    hundredths = value * 100
    return abs(hundredths - math.floor(hundredths) - 0.5) < 1e-6


def _chunks(values: list, size: int = 5000):
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _scored(ids, topic: set[str], codes: list[str], text: str) -> dict[int, Match]:
    """The full `score_expert` matches (with evidence) of the experts `ids`."""
    rows = Expert.objects.filter(pk__in=list(ids)).prefetch_related(
        "fields", Prefetch("standards", ExpertStandard.objects.select_related("standard"))
    )
    return {e.pk: score_expert(e, topic, codes, text) for e in rows}


def match_experts(user, title: str, scope: str = "", codes: list[str] | None = None,
                  *, limit: int = 20) -> list[Match]:  # fmt: skip
    """The active experts the user may see, best match for the topic first, with evidence.

    The same list as `reference_match_experts`, without loading every profile: each kind of
    evidence is looked up in its own indexed table — the standards whose titles share enough
    terms with the topic and the links to them, the declared fields equal or related to the
    codes, the keywords found in the topic's text — and each expert's score is summed from
    those rows in `score_expert`'s order. Only the experts that make the first `limit` (ties
    broken by name, then id) are loaded and scored in full for the evidence; a score that
    could round differently because of the order of its sum is recomputed in full too.
    """
    text, topic, codes = _topic(title, scope, codes)
    if limit <= 0:
        return []
    # Which experts count: the evidence rows are read without a join on the expert (SQLite
    # would drive such a query from the 100,000 experts), then narrowed here.
    scope = Expert.objects.restrict(user, "view")
    if scope.query.where:  # restrict narrowed the rows (a person sees their own profile)
        allowed = set(scope.filter(state="active").values_list("pk", flat=True))
    else:
        allowed = None
        inactive = set(
            Expert.objects.order_by().exclude(state="active").values_list("pk", flat=True)
        )
    # Standards drafted or reviewed: overlap of each linked standard's title with the topic.
    overlap = {}
    linked = ExpertStandard.objects.values("standard_id")
    for pk, zh, en in (
        Standard.objects.order_by().filter(pk__in=linked).values_list("pk", "title_zh", "title_en")
    ):
        share = overlap_of(title_terms(zh, en), topic)
        if share >= MIN_OVERLAP:
            overlap[pk] = share
    links: dict[int, list[float]] = defaultdict(list)
    for chunk in _chunks(list(overlap)):
        rows = ExpertStandard.objects.order_by().filter(standard_id__in=chunk)
        for expert_id, role, standard_id in rows.values_list("expert_id", "role", "standard_id"):
            links[expert_id].append(WEIGHTS[role] * overlap[standard_id])
    # Declared fields: equal to a code, beneath it or above it.
    declared: dict[int, set[str]] = defaultdict(set)
    if codes:
        # The distinct declared codes are few (an ICS/CCS vocabulary): pick the related ones
        # here with `score_expert`'s own test, then read their rows through the code index.
        related = [
            d
            for d in ExpertField.objects.order_by().values_list("code", flat=True).distinct()
            if any(d == c or d.startswith(f"{c}.") or c.startswith(f"{d}.") for c in codes)
        ]
        for chunk in _chunks(related):
            rows = ExpertField.objects.order_by().filter(code__in=chunk)
            for expert_id, code in rows.values_list("expert_id", "code"):
                declared[expert_id].add(code)
    # Keywords contained in the topic's text (each occurrence in the list counts).
    found = [
        k
        for k in ExpertKeyword.objects.order_by().values_list("keyword", flat=True).distinct()
        if k in text
    ]
    keyword_hits: dict[int, int] = defaultdict(int)
    unsure: set[int] = set()
    for chunk in _chunks(found):
        rows = ExpertKeyword.objects.order_by().filter(keyword__in=chunk)
        for expert_id, keyword in rows.values_list("expert_id", "keyword"):
            keyword_hits[expert_id] += 1
            if len(keyword) >= ExpertKeyword._meta.get_field("keyword").max_length:
                unsure.add(expert_id)  # possibly cut short: only the full keyword decides

    # Each expert's sum in `score_expert`'s order: standards, then codes, then keywords.
    increments: dict[frozenset[str], tuple[float, ...]] = {}

    def field_points(own: frozenset[str]) -> tuple[float, ...]:
        if own not in increments:
            points = []
            for code in codes:
                if code in own:
                    points.append(WEIGHTS["field"])
                elif any(d.startswith(f"{code}.") or code.startswith(f"{d}.") for d in own):
                    points.append(WEIGHTS["field_parent"])
            increments[own] = tuple(points)
        return increments[own]

    candidates = links.keys() | declared.keys() | keyword_hits.keys()
    candidates = candidates & allowed if allowed is not None else candidates - inactive
    nothing: frozenset[str] = frozenset()
    scores: dict[int, float] = {}
    plain: dict[tuple[frozenset[str], int], float] = {}
    for pk in candidates:
        own = frozenset(declared[pk]) if pk in declared else nothing
        hits = keyword_hits.get(pk, 0)
        if pk not in links:
            # Whole and half points only: every order of the sum gives the same float.
            key = (own, hits)
            if key not in plain:
                value = 0.0
                for points in field_points(own):
                    value += points
                for _n in range(hits):
                    value += WEIGHTS["keyword"]
                plain[key] = round(value, 2)
            scores[pk] = plain[key]
            continue
        value = 0.0
        for points in links[pk]:
            value += points
        for points in field_points(own):
            value += points
        for _n in range(hits):
            value += WEIGHTS["keyword"]
        if len(links[pk]) > 1 and _near_rounding(value):
            unsure.add(pk)
        scores[pk] = round(value, 2)
    if unsure & scores.keys():
        for pk, match in _scored(unsure & scores.keys(), topic, codes, text).items():
            scores[pk] = match.score
    # The first `limit` by score, then name and id: names only for the last score group.
    by_score: dict[float, list[int]] = defaultdict(list)
    for pk, value in scores.items():
        if value > 0:
            by_score[value].append(pk)
    chosen: list[int] = []
    for value in sorted(by_score, reverse=True):
        chosen.extend(by_score[value])
        if len(chosen) >= limit:
            break
    names: dict[int, str] = {}
    for chunk in _chunks(chosen):
        names.update(Expert.objects.filter(pk__in=chunk).values_list("pk", "name"))
    chosen.sort(key=lambda pk: (-scores[pk], names[pk], pk))
    top = chosen[:limit]
    full = _scored(top, topic, codes, text)
    matches = [full[pk] for pk in top if pk in full]
    if len(matches) != len(top) or any(m.score != scores[m.expert.pk] for m in matches):
        return reference_match_experts(user, title, scope, codes, limit=limit)  # never expected
    return matches
