"""The standards behind one number of the dashboard, and the comparison of two filtered sets."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db import connection

from catalog.models import Standard
from catalog.search.filters import doc_filter_sql, validate_filters
from catalog.search.text import index_tokens
from research.services.analytics import drilldown_condition

PAGE_SIZE = 50
COMPARE_LIMIT = 3000  # standards per set read for title similarity (newest current first)
SIMILARITY = 0.5
MAX_PAIRS = 100


def _where(raw: dict, params) -> tuple[str, list]:
    filters = validate_filters(raw)
    where, values = doc_filter_sql(filters)
    extra, extra_values = drilldown_condition(params)
    return f"{where} AND {extra}", [*values, *extra_values]


def list_standards(user, raw: dict, params, *, page: int = 1) -> tuple[int, list[Standard]]:
    """The filtered standards (dashboard keys too), newest first: their number and one page."""
    where, values = _where(raw, params)
    base = "FROM catalog_searchdoc d JOIN catalog_standard s ON s.id = d.standard_id"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) {base} WHERE {where}", values)  # noqa: S608
        total = cursor.fetchone()[0]
        cursor.execute(
            f"SELECT d.standard_id {base} WHERE {where} "  # noqa: S608
            "ORDER BY d.sort_date DESC, d.standard_id DESC LIMIT %s OFFSET %s",
            [*values, PAGE_SIZE, (max(page, 1) - 1) * PAGE_SIZE],
        )
        ids = [row[0] for row in cursor.fetchall()]
    found = Standard.objects.restrict(user, "view").select_related("publisher").in_bulk(ids)
    return total, [found[i] for i in ids if i in found]


def _set_rows(raw: dict) -> tuple[int, list[tuple]]:
    filters = validate_filters(raw)
    where, values = doc_filter_sql(filters)
    base = "FROM catalog_searchdoc d JOIN catalog_standard s ON s.id = d.standard_id"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) {base} WHERE {where}", values)  # noqa: S608
        total = cursor.fetchone()[0]
        cursor.execute(
            f"SELECT s.id, s.designation, s.title_zh, d.ics_root {base} WHERE {where} "  # noqa: S608
            "ORDER BY d.status_rank, d.sort_date DESC LIMIT %s",
            [*values, COMPARE_LIMIT],
        )
        return total, cursor.fetchall()


def _grams(title: str) -> frozenset[str]:
    return frozenset(t for t in index_tokens(title or "") if len(t) > 1)


@dataclass
class Comparison:
    """Two sets side by side: sizes, shared ICS fields, and pairs of similar titles."""

    total_a: int
    total_b: int
    read_a: int
    read_b: int
    ics: list[tuple[str, int, int]] = field(default_factory=list)  # field, in A, in B
    pairs: list[dict] = field(default_factory=list)

    @property
    def truncated(self) -> bool:
        return self.read_a < self.total_a or self.read_b < self.total_b


def compare_sets(raw_a: dict, raw_b: dict) -> Comparison:
    """Overlap of two filtered sets by ICS field and by title similarity (Jaccard of tokens)."""
    total_a, rows_a = _set_rows(raw_a)
    total_b, rows_b = _set_rows(raw_b)
    result = Comparison(total_a, total_b, len(rows_a), len(rows_b))
    in_a = Counter(row[3] for row in rows_a if row[3])
    in_b = Counter(row[3] for row in rows_b if row[3])
    result.ics = sorted(
        ((code, in_a[code], in_b[code]) for code in set(in_a) & set(in_b)),
        key=lambda item: -min(item[1], item[2]),
    )
    postings: dict[str, list[int]] = defaultdict(list)
    grams_b = [_grams(row[2]) for row in rows_b]
    for index, grams in enumerate(grams_b):
        for gram in grams:
            postings[gram].append(index)
    pairs = []
    for sid, designation, title, _ics in rows_a:
        grams = _grams(title)
        if not grams:
            continue
        shared = Counter(i for gram in grams for i in postings.get(gram, ()))
        for index, common in shared.items():
            other = grams_b[index]
            score = common / len(grams | other)
            if score >= SIMILARITY and rows_b[index][0] != sid:
                pairs.append((score, designation, title, rows_b[index][1], rows_b[index][2]))
    pairs.sort(key=lambda p: (-p[0], p[1]))
    result.pairs = [
        {"score": round(s, 2), "a": a, "a_title": at, "b": b, "b_title": bt}
        for s, a, at, b, bt in pairs[:MAX_PAIRS]
    ]
    return result
