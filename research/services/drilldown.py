"""The standards behind one number of the dashboard, and the comparison of two filtered sets."""

from __future__ import annotations

import datetime
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace

from django.db import connection

from catalog.models import Standard
from catalog.search.filters import doc_filter_sql, validate_filters
from catalog.search.text import index_tokens
from research.services.analytics import drilldown_condition
from research.services.cube import cube_counts
from research.services.refresh import staleness

PAGE_SIZE = 50
COMPARE_LIMIT = 3000  # standards per set read for title similarity (newest current first)
SIMILARITY = 0.5
MAX_PAIRS = 100


def _where(raw: dict, params) -> tuple[str, list]:
    return _filters_where(validate_filters(raw), params)


def _filters_where(filters, params) -> tuple[str, list]:
    where, values = doc_filter_sql(filters)
    extra, extra_values = drilldown_condition(params)
    return f"{where} AND {extra}", [*values, *extra_values]


ADOPTION_CLASSES = {
    "": None,
    "none": ("",),
    "any": ("IDT", "MOD", "NEQ", "UNK"),
    "IDT": ("IDT",),
    "MOD": ("MOD",),
    "NEQ": ("NEQ",),
    "UNK": ("UNK",),
}
OLDEST_YEAR = 1800


def _age_bound(params, key: str) -> int | None:
    text = params.get(key, "")
    return int(text) if text.isdigit() and int(text) < 200 else None


def count_standards(raw: dict, params) -> int:
    """The number of standards `list_standards` lists, from the aggregates.

    The research keys map onto the cube: an age range is a range of publication years, an
    adoption key a set of adoption classes. Counting the joined index instead took seconds
    at a million standards for the broad numbers (current standards older than 5 years).
    """
    filters = validate_filters(raw)
    classes = ADOPTION_CLASSES.get(params.get("adoption", ""))
    min_age, max_age = _age_bound(params, "min_age"), _age_bound(params, "max_age")
    if min_age is not None or max_age is not None:
        this_year = datetime.date.today().year
        newest = this_year - (min_age or 0) if min_age is not None else this_year + 10
        oldest = this_year - max_age if max_age is not None else OLDEST_YEAR
        years = set(range(oldest, newest + 1))
        if filters.year:
            years &= set(filters.year)
        if not years:
            return 0
        filters = replace(filters, year=sorted(years))
    counts = cube_counts(("adoption",), filters).as_dict()
    return sum(n for value, n in counts.items() if classes is None or (value or "") in classes)


ORDER = "ORDER BY d.sort_date DESC, d.standard_id DESC"
WALK_SHARE = 4  # split an age-bounded page only within the first quarter of the list
# The predicate of the partial index catalog_searchdoc_late (migration catalog 0007), written
# the same way so that the planners can use the index: dated after the end of its year.
LATE = "d.sort_date >= (d.year + 1) * 10000 + 101"


def list_standards(user, raw: dict, params, *, page: int = 1) -> tuple[int, list[Standard]]:
    """The filtered standards (dashboard keys too), newest first: their number and one page."""
    filters = validate_filters(raw)
    where, values = _filters_where(filters, params)
    # Only the adoption key reads the standard itself; the other keys are on the index row.
    base = _source(params)
    offset = (max(page, 1) - 1) * PAGE_SIZE
    with connection.cursor() as cursor:
        if staleness().current:
            total = count_standards(raw, params)
        else:  # the aggregates lag behind an import: count the index itself
            cursor.execute(f"SELECT COUNT(*) {base} WHERE {where}", values)  # noqa: S608
            total = cursor.fetchone()[0]
        if offset >= total:  # nothing to list: no walk through the index
            return total, []
        sql, sql_values = _page_sql(filters, params, base, (where, values), offset, total)
        cursor.execute(sql, [*sql_values, PAGE_SIZE, offset])
        ids = [row[0] for row in cursor.fetchall()]
    found = Standard.objects.restrict(user, "view").select_related("publisher").in_bulk(ids)
    return total, [found[i] for i in ids if i in found]


def _source(params, index: str = "") -> str:
    """The FROM clause of a list, on SQLite with the search doc index to read it by."""
    hint = f" INDEXED BY {index}" if index and connection.vendor == "sqlite" else ""
    join = " JOIN catalog_standard s ON s.id = d.standard_id" if params.get("adoption") else ""
    return f"FROM catalog_searchdoc d{hint}{join}"


def _page_sql(filters, params, base: str, condition: tuple, offset: int, total: int) -> tuple:
    """The page query (LIMIT and OFFSET placeholders last): `ORDER` over `condition`.

    An age bound (min_age: published in year Y or before) made the planners read every row
    up to Y and sort them (SQLite, 1.3 s at a million standards) or walk the date index from
    the newest rows past all those after Y (PostgreSQL). Split at B = 1 January Y+1 instead:
    the rows dated from B on are the few published up to Y but dated after their year (the
    partial index of late rows, `LATE`, which every such row satisfies since year <= Y);
    the rows dated before B come from walking the date index down from B, cut to offset +
    page size. The parts are disjoint, so their merge, ordered again, pages exactly like the
    plain query: sort_date is NOT NULL and standard_id unique, the order is total, no NULLs.
    The recent part is materialised whole (it is small): under a LIMIT the planners would
    walk the date index for it too. An explicit year filter keeps the plain query: the year
    index holds just those years, while the walk would first pass over every row dated
    between them and the bound. So does a page deep into the list (offset + page size above
    a quarter of `total`): the walk would read that share of all older rows, while a
    selective filter (one ICS field) reads its few rows through its own index (SQLite at 1M:
    3 ms plain, 1.5 s walking).
    """
    where, values = condition
    min_age = _age_bound(params, "min_age")
    if min_age is None or filters.year or (offset + PAGE_SIZE) * WALK_SHARE > total:
        sql = f"SELECT d.standard_id {base} WHERE {where} {ORDER} LIMIT %s OFFSET %s"  # noqa: S608
        return sql, values
    # Not before drilldown_condition's today, so every row it admits has year <= newest.
    newest = datetime.date.today().year - min_age
    split = (newest + 1) * 10000 + 101  # the sort date of 1 January Y+1 (documents._sort_date)
    # SQLite's planner, given ANALYZE statistics, preferred the date index for the recent
    # part, and for the older part the year index at times (reading all rows up to Y);
    # PostgreSQL picks both indexes by itself.
    recent = _source(params, "catalog_searchdoc_late")
    older = _source(params, "catalog_searchdoc_date")
    sql = (
        "WITH recent AS MATERIALIZED ("  # noqa: S608
        f"SELECT d.standard_id, d.sort_date {recent} WHERE {where} AND {LATE} "
        "AND d.sort_date >= %s) "
        "SELECT x.standard_id FROM (SELECT * FROM recent UNION ALL SELECT * FROM ("
        f"SELECT d.standard_id, d.sort_date {older} WHERE {where} AND d.sort_date < %s "
        f"{ORDER} LIMIT %s) b) x ORDER BY x.sort_date DESC, x.standard_id DESC LIMIT %s OFFSET %s"
    )
    return sql, [*values, split, *values, split, offset + PAGE_SIZE]


def _set_rows(raw: dict) -> tuple[int, list[tuple]]:
    filters = validate_filters(raw)
    where, values = doc_filter_sql(filters)
    with connection.cursor() as cursor:
        if staleness().current:
            total = cube_counts((), filters).total
        else:  # the aggregates lag behind an import: count the index itself
            sql = f"SELECT COUNT(*) FROM catalog_searchdoc d WHERE {where}"  # noqa: S608
            cursor.execute(sql, values)
            total = cursor.fetchone()[0]
        # The first standards on the index alone, then their titles: joining before the
        # limit read the standard of every matching row.
        cursor.execute(
            "SELECT s.id, s.designation, s.title_zh, x.ics_root FROM ("  # noqa: S608
            "SELECT d.standard_id, d.ics_root, d.status_rank, d.sort_date "
            f"FROM catalog_searchdoc d WHERE {where} "
            "ORDER BY d.status_rank, d.sort_date DESC, d.standard_id DESC LIMIT %s) x "
            "JOIN catalog_standard s ON s.id = x.standard_id "
            "ORDER BY x.status_rank, x.sort_date DESC, x.standard_id DESC",
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


def _prefix(ordered: list[str], threshold: float) -> list[str]:
    """The first grams (in the global rarest-first order) that any set at least `threshold`
    alike must share one of.

    Prefix filtering (Bayardo et al., "Scaling up all pairs similarity search"): two sets
    with Jaccard >= t share a gram among the first |x| - ceil(t * |x|) + 1 of each, so only
    those are indexed and probed. Exact, and rare grams keep the candidate lists short
    (common bigrams such as 技术 are never probed).
    """
    return ordered[: len(ordered) - math.ceil(threshold * len(ordered)) + 1]


def similar_pairs(rows_a: list[tuple], rows_b: list[tuple], limit: int = MAX_PAIRS) -> list:
    """The `limit` most alike (score, designation, title, other designation, other title).

    Rows are (id, designation, title, ...); titles alike >= SIMILARITY (Jaccard of their
    tokens) pair, a standard never with itself; ordered by score, then designations. Once
    `limit` pairs are found the threshold rises to the lowest kept score, which shortens the
    probed prefixes (the index keeps the SIMILARITY prefixes, a superset of any higher one's).
    """
    grams_a = [_grams(row[2]) for row in rows_a]
    grams_b = [_grams(row[2]) for row in rows_b]
    frequency = Counter(g for grams in (*grams_a, *grams_b) for g in grams)

    def ordered(grams: frozenset[str]) -> list[str]:
        return sorted(grams, key=lambda g: (frequency[g], g))

    sizes_b = [len(grams) for grams in grams_b]
    postings: dict[str, list[int]] = defaultdict(list)
    for index, grams in enumerate(grams_b):
        for gram in _prefix(ordered(grams), SIMILARITY):
            postings[gram].append(index)
    threshold = SIMILARITY
    kept: list[tuple] = []

    def key(pair: tuple) -> tuple:
        return (-pair[0], pair[1], pair[3])

    for row, grams in zip(rows_a, grams_a, strict=True):
        if not grams:
            continue
        size = len(grams)
        probe = _prefix(ordered(grams), threshold)
        candidates = {i for gram in probe for i in postings.get(gram, ())}
        low, high = threshold * size, size / threshold
        for index in candidates:
            other = sizes_b[index]
            if not low <= other <= high:
                continue
            common = len(grams & grams_b[index])
            score = common / (size + other - common)
            if score >= threshold and rows_b[index][0] != row[0]:
                kept.append((score, row[1], row[2], rows_b[index][1], rows_b[index][2]))
        if len(kept) >= 2 * limit:
            kept.sort(key=key)
            del kept[limit:]
            threshold = max(threshold, kept[-1][0])
    kept.sort(key=key)
    return kept[:limit]


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
    result.pairs = [
        {"score": round(s, 2), "a": a, "a_title": at, "b": b, "b_title": bt}
        for s, a, at, b, bt in similar_pairs(rows_a, rows_b)
    ]
    return result
