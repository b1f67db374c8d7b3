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

from django.core.exceptions import EmptyResultSet
from django.db import connection
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


ROLES = dict(ExpertStandard.Role.choices)  # labels, translated when formatted (get_role_display)


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
                % {"role": ROLES.get(link.role, link.role), "designation": standard.designation,
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


def _chunks(values: list, size: int = 5000):
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _scored(ids, topic: set[str], codes: list[str], text: str) -> dict[int, Match]:
    """The full `score_expert` matches (with evidence) of the experts `ids`."""
    rows = Expert.objects.filter(pk__in=list(ids)).prefetch_related(
        "fields", Prefetch("standards", ExpertStandard.objects.select_related("standard"))
    )
    return {e.pk: score_expert(e, topic, codes, text) for e in rows}


def _distinct_codes() -> list[str]:
    """The distinct declared codes, by jumping from one to the next through the code index."""
    qn = connection.ops.quote_name
    table, code = qn(ExpertField._meta.db_table), qn("code")
    sql = (
        f"WITH RECURSIVE d(code) AS (SELECT MIN({code}) FROM {table} "  # noqa: S608
        f"UNION ALL SELECT (SELECT MIN(f.{code}) FROM {table} f WHERE f.{code} > d.code) "
        "FROM d WHERE d.code IS NOT NULL) SELECT code FROM d WHERE code IS NOT NULL"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return [row[0] for row in cursor.fetchall()]


FLOAT = "CAST(%s AS DOUBLE PRECISION)"  # points are floats on every backend, as in Python


def _evidence_sql(topic: set[str], codes: list[str], text: str) -> tuple[list[str], list]:
    """UNION ALL branches of (expert_id, points, unsure) rows: one row per piece of evidence.

    The standards whose titles share enough terms with the topic are picked here (title terms
    are computed in Python) and grouped by their overlap, so that each branch reads the links
    of a group through the standard index; declared fields give one row per code and expert
    (the best of equal or related); each keyword found in the topic's text gives one row.
    `unsure` marks a keyword row that may have been cut short (only the full keyword decides).
    """
    qn = connection.ops.quote_name
    branches: list[str] = []
    params: list = []
    by_share: dict[float, list[int]] = defaultdict(list)
    linked = ExpertStandard.objects.values("standard_id")
    for pk, zh, en in (
        Standard.objects.order_by().filter(pk__in=linked).values_list("pk", "title_zh", "title_en")
    ):
        share = overlap_of(title_terms(zh, en), topic)
        if share >= MIN_OVERLAP:
            by_share[share].append(pk)
    links = qn(ExpertStandard._meta.db_table)
    roles = list(ExpertStandard.Role.values)
    for share, standards in by_share.items():
        points = " ".join(f"WHEN {qn('role')} = %s THEN {FLOAT}" for _r in roles)
        for chunk in _chunks(standards, 2000):
            branches.append(
                f"SELECT {qn('expert_id')} AS eid, CASE {points} END AS pts, 0 AS unsure "  # noqa: S608
                f"FROM {links} WHERE {qn('standard_id')} IN ({', '.join(['%s'] * len(chunk))})"
            )
            for role in roles:
                params += [role, WEIGHTS[role] * share]
            params += chunk
    fields = qn(ExpertField._meta.db_table)
    if codes:
        # The distinct declared codes are few (an ICS/CCS vocabulary): pick the related ones
        # here with `score_expert`'s own test, then read their rows through the code index.
        declared = _distinct_codes()
        for code in codes:  # each code of the topic counts once per expert, as in score_expert
            related = [d for d in declared if d == code or d.startswith(f"{code}.")
                       or code.startswith(f"{d}.")]  # fmt: skip
            if not related:
                continue
            branches.append(
                f"SELECT {qn('expert_id')} AS eid, "  # noqa: S608
                f"MAX(CASE WHEN {qn('code')} = %s THEN {FLOAT} ELSE {FLOAT} END) AS pts, "
                "0 AS unsure "
                f"FROM {fields} WHERE {qn('code')} IN ({', '.join(['%s'] * len(related))}) "
                f"GROUP BY {qn('expert_id')}"
            )
            params += [code, WEIGHTS["field"], WEIGHTS["field_parent"], *related]
    cut = ExpertKeyword._meta.get_field("keyword").max_length
    # A keyword is found if it is a piece of the text: for a short text its pieces are looked
    # up in the keyword index, for a long one the distinct keywords are tested here.
    if sum(min(cut, len(text) - i) for i in range(len(text))) <= 5000:
        pieces = {
            text[i:j] for i in range(len(text)) for j in range(i + 1, min(len(text), i + cut) + 1)
        }
    else:
        pieces = {
            k
            for k in ExpertKeyword.objects.order_by().values_list("keyword", flat=True).distinct()
            if k in text
        }
    found = sorted(p for p in pieces if p.strip() == p and p)
    keywords = qn(ExpertKeyword._meta.db_table)
    for chunk in _chunks(found, 2000):
        branches.append(
            f"SELECT {qn('expert_id')} AS eid, {FLOAT} AS pts, "  # noqa: S608
            f"CASE WHEN LENGTH({qn('keyword')}) >= %s THEN 1 ELSE 0 END AS unsure "
            f"FROM {keywords} WHERE {qn('keyword')} IN ({', '.join(['%s'] * len(chunk))})"
        )
        params += [WEIGHTS["keyword"], cut, *chunk]
    return branches, params


def _ranked_rows(branches: list[str], params: list, where: str, where_params: list,
                 count: int) -> list[tuple[int, float, bool, str]]:  # fmt: skip
    """(expert id, summed points, unsure, name) of the first `count` experts in SQL's order.

    The order is by an optimistic hundredths key (the rounded score, or one more when the sum
    lies so close to a half-hundredth that Python's order of the sum could round it up), then
    name (compared by code point, as Python compares strings) and id; `unsure` says that the
    score must be recomputed by `score_expert`: the sum is near a half-hundredth or a keyword
    row may have been cut short. The sums are computed once; only those that reach the
    `count`-th key of the experts that count are joined to the profiles for the names.
    """
    qn = connection.ops.quote_name
    experts = qn(Expert._meta.db_table)
    name = 'e.name COLLATE "C"' if connection.vendor == "postgresql" else "e.name"
    inactive = [state for state in Expert.process.states if state != "active"]
    marks = ", ".join(["%s"] * len(inactive))
    sql = (
        "WITH t AS MATERIALIZED (SELECT p.eid AS eid, SUM(p.pts) AS total, "  # noqa: S608
        "MAX(p.unsure) AS unsure, FLOOR(SUM(p.pts) * 100 + 0.500001) AS optimistic "
        f"FROM ({' UNION ALL '.join(branches)}) p GROUP BY p.eid) "
        "SELECT t.eid, t.total, e.name, "
        "CASE WHEN ABS(t.total * 100 - FLOOR(t.total * 100) - 0.5) < 0.000001 "
        "THEN 1 ELSE t.unsure END AS recheck "
        f"FROM t JOIN {experts} e ON e.id = t.eid "
        f"WHERE e.state = %s {where.format(column='e.id')} AND t.optimistic >= 1 "
        "AND t.optimistic >= COALESCE((SELECT u.optimistic FROM t u "
        f"WHERE u.eid NOT IN (SELECT x.id FROM {experts} x WHERE x.state IN ({marks})) "
        f"{where.format(column='u.eid')} ORDER BY u.optimistic DESC LIMIT 1 OFFSET %s), 0) "
        f"ORDER BY t.optimistic DESC, {name}, e.id LIMIT %s"
    )
    values = [*params, "active", *where_params, *inactive, *where_params, count - 1, count]
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        return [(eid, total, bool(recheck), name) for eid, total, name, recheck in
                cursor.fetchall()]  # fmt: skip


def _key(score: float) -> int:
    return round(score * 100)


def match_experts(user, title: str, scope: str = "", codes: list[str] | None = None,
                  *, limit: int = 20) -> list[Match]:  # fmt: skip
    """The active experts the user may see, best match for the topic first, with evidence.

    The same list as `reference_match_experts`, without loading every profile: each kind of
    evidence is read from its own indexed table (links to the standards whose titles share
    enough terms with the topic, declared fields equal or related to the codes, keywords found
    in the topic's text) and the database sums each expert's points, orders by score, name
    and id and returns only the first rows. Floats summed in another order than
    `score_expert`'s can differ in the last bit, which matters only for a sum at a
    half-hundredth: such experts (and those with a keyword that may have been cut short) are
    ranked optimistically by SQL and rescored in full here, and more rows are read until
    no unread expert can still come before the last of the first `limit`.
    """
    text, topic, codes = _topic(title, scope, codes)
    if limit <= 0:
        return []
    allowed = Expert.objects.restrict(user, "view")
    where, where_params = "", []
    if allowed.query.where:  # restrict narrowed the rows (a person sees their own profile)
        try:
            sub, where_params = allowed.values("pk").query.sql_with_params()
        except EmptyResultSet:
            return []
        where = f"AND {{column}} IN ({sub.replace('{', '{{').replace('}', '}}')})"
    branches, params = _evidence_sql(topic, codes, text)
    if not branches:
        return []
    limit_params = connection.features.max_query_params
    if limit_params and len(params) + 2 * len(where_params) + len(Expert.process.states) + 2 > (
        limit_params
    ):
        # A topic linked to more standards than one query of this database takes parameters
        # (SQLite builds before 3.32 or with the default limit allow 999 or 32,766): the full
        # scan gives the same list, only slower.
        return reference_match_experts(user, title, scope, codes, limit=limit)
    count = 2 * limit
    while True:
        rows = _ranked_rows(branches, params, where, where_params, count)
        recheck = [eid for eid, _t, unsure, _n in rows if unsure]
        exact = _scored(recheck, topic, codes, text) if recheck else {}
        scored = []
        for eid, total, unsure, name in rows:
            if unsure:
                if eid in exact and exact[eid].score > 0:
                    scored.append((-_key(exact[eid].score), name, eid))
            else:
                scored.append((-round(total * 100), name, eid))
        scored.sort()
        if len(rows) < count:
            break  # every expert with evidence was read
        last_read = rows[-1]
        bound = (-(math.floor(last_read[1] * 100 + 0.500001)), last_read[3], last_read[0])
        if len(scored) >= limit and scored[limit - 1] <= bound:
            break  # an unread expert comes after its optimistic place, after the last read
        count *= 4
    top = [eid for _k, _n, eid in scored[:limit]]
    full = _scored(top, topic, codes, text)
    matches = [full[pk] for pk in top if pk in full]
    expected = {eid: -k for k, _n, eid in scored[:limit]}
    if len(matches) != len(top) or any(_key(m.score) != expected[m.expert.pk] for m in matches):
        return reference_match_experts(user, title, scope, codes, limit=limit)  # never expected
    return matches
