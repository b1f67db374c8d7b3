"""The `search()` service: validate, match in the engine, count facets, load one page."""

from __future__ import annotations

import hashlib
import math
import time

from django.core.cache import cache

from catalog.search.backends.base import Match
from catalog.search.filters import Filters, choice_labels, validate_filters
from catalog.search.highlight import highlights
from catalog.search.indexing import get_backend
from catalog.search.query import MAX_QUERY_LENGTH, QueryPlan, plan_query
from catalog.search.types import (
    MAX_PAGE_SIZE,
    SORTS,
    FacetValue,
    Hit,
    SearchError,
    SearchQuery,
    SearchResult,
)

# Above this many matches bm25/ts_rank over every row dominates latency: order by a
# cheap key instead (current editions first, newest first).
RANK_LIMIT = 5000
# Facet counts are exact up to this many matches, estimated from a sample above it.
FACET_EXACT_LIMIT = 5000
FACET_SAMPLE = 2000
FACET_KEYS = ("tier", "status", "publisher", "ics", "ccs", "year")
FACET_TOP = 20
_BROWSE_CACHE_SECONDS = 600


def _validate(query: SearchQuery) -> None:
    if len(query.text or "") > MAX_QUERY_LENGTH:
        raise SearchError(f"查询过长（最多 {MAX_QUERY_LENGTH} 个字符）", code="too_long")
    if query.sort not in SORTS:
        raise SearchError(f"未知的排序方式：{query.sort}", code="bad_sort")
    if not isinstance(query.page, int) or query.page < 1:
        raise SearchError("页码超出范围", code="bad_page")
    if not isinstance(query.page_size, int) or not 1 <= query.page_size <= MAX_PAGE_SIZE:
        raise SearchError(f"每页条数必须在 1 到 {MAX_PAGE_SIZE} 之间", code="bad_page_size")


def _order(plan: QueryPlan, sort: str) -> list[tuple[str, list]]:
    order: list[tuple[str, list]] = []
    if plan.designation:
        # The exact edition always comes first, whatever the sort.
        order.append(
            ("CASE WHEN d.designation = %s THEN 0 ELSE 1 END", [plan.designation.canonical])
        )
    if sort == "date":
        return [*order, ("d.sort_date DESC", []), ("d.standard_id DESC", [])]
    if sort == "-date":
        return [
            *order,
            ("CASE WHEN d.sort_date = 0 THEN 1 ELSE 0 END", []),
            ("d.sort_date", []),
            ("d.standard_id", []),
        ]
    if sort == "designation":
        return [*order, ("d.sort_key", [])]
    if plan.designation:
        order += [
            ("CASE WHEN d.series_key = %s THEN 0 ELSE 1 END", [plan.designation.series_key]),
            ("CASE WHEN d.main_number = %s THEN 0 ELSE 1 END", [plan.designation.main_number]),
        ]
    elif plan.number:
        order.append(("CASE WHEN d.main_number = %s THEN 0 ELSE 1 END", [plan.number.main]))
    if plan.kind == "browse":
        return [("d.sort_date DESC", []), ("d.standard_id DESC", [])]
    return [*order, ("d.status_rank", []), ("d.sort_date DESC", []), ("d.sort_key", [])]


def _facets(backend, match: Match, filters: Filters, plan: QueryPlan):
    """Exact facet counts; browsing without text is cached per index version."""
    if plan.kind != "browse":
        return backend.facet_counts(match)
    # Browsing is the busiest page and its counts only change with the index.
    digest = hashlib.sha256(repr(filters.key()).encode()).hexdigest()[:16]
    key = f"stdbase:search:browse:{backend.vendor}:{backend.version()}:{digest}"
    counts = cache.get(key)
    if counts is None:
        counts = backend.browse_facet_counts(match)
        cache.set(key, counts, _BROWSE_CACHE_SECONDS)
    return counts


_LABELS_SECONDS = 60.0
_labels_cache: dict[str, object] = {"at": -1e9, "labels": {}}


def _vocabulary_labels() -> dict[str, dict[str, object]]:
    """First-level ICS/CCS names, kept for a minute in this process.

    They are small, keyed by code, change only when vocabularies are loaded, and would
    otherwise cost two queries on every search.
    """
    from catalog.models import CcsCode, IcsCode

    now = time.monotonic()
    if now - float(_labels_cache["at"]) > _LABELS_SECONDS:
        _labels_cache["labels"] = {
            "ics": {c.code: c.name for c in IcsCode.objects.filter(parent__isnull=True)},
            "ccs": {c.code: c.name for c in CcsCode.objects.filter(parent__isnull=True)},
        }
        _labels_cache["at"] = now
    return _labels_cache["labels"]  # type: ignore[return-value]


def _label_facets(raw: dict[str, list[tuple[str, int]]]) -> dict[str, list[FacetValue]]:
    from catalog.models import Publisher

    top = {
        key: sorted(values, key=lambda v: (-v[1], v[0]))[:FACET_TOP] for key, values in raw.items()
    }
    labels: dict[str, dict] = {
        "tier": choice_labels("Tier"),
        "status": choice_labels("Status"),
        "year": {},
        **_vocabulary_labels(),
    }
    publisher_ids = [int(value) for value, _ in top["publisher"]]
    labels["publisher"] = (
        {str(p.id): p for p in Publisher.objects.filter(id__in=publisher_ids)}
        if publisher_ids
        else {}
    )
    facets: dict[str, list[FacetValue]] = {}
    for key, values in top.items():
        items = []
        for value, count in values:
            if key == "publisher":
                publisher = labels["publisher"].get(value)
                if publisher is None:
                    continue
                items.append(FacetValue(publisher.code, str(publisher), count))
            else:
                items.append(FacetValue(value, str(labels[key].get(value, value)), count))
        if key == "year":
            items.sort(key=lambda f: f.value, reverse=True)
        facets[key] = items
    return facets


def _is_exact(plan: QueryPlan, standard) -> bool:
    part = plan.designation
    if part is None:
        return False
    if standard.designation == part.canonical:
        return True
    return not part.dated and standard.series_key == part.series_key


def search(query: SearchQuery) -> SearchResult:
    """Run a catalogue search: ranked hits of one page, total and facet counts."""
    from catalog.models import Standard

    started = time.perf_counter()
    _validate(query)
    filters = validate_filters(query.filters)
    plan = plan_query(query.text)

    def result(
        total: int,
        hits: list[Hit],
        facets: dict,
        num_pages: int,
        approximate: bool = False,
        total_approximate: bool = False,
    ) -> SearchResult:
        return SearchResult(
            query=query,
            total=total,
            hits=hits,
            facets=facets,
            page=query.page,
            num_pages=num_pages,
            kind=plan.kind if not plan.empty else "text",
            took_ms=(time.perf_counter() - started) * 1000,
            facets_approximate=approximate,
            total_approximate=total_approximate,
        )

    if plan.empty:
        if query.page != 1:
            raise SearchError("页码超出范围", code="bad_page")
        return result(0, [], {key: [] for key in FACET_KEYS} if query.facets else {}, 0)
    backend = get_backend()
    match = backend.browse(filters) if plan.kind == "browse" else backend.match(plan, filters)
    # Count first. A small matched set is fetched once as ids and then read through the
    # document table, so the full-text engine does not evaluate the query again.
    subset, raw, approximate, total_approximate = None, None, False, False
    if plan.kind == "browse":
        total = backend.count(match)
    else:
        ids = backend.first_ids(match, FACET_EXACT_LIMIT + 1)
        if len(ids) <= FACET_EXACT_LIMIT:
            total, subset = len(ids), backend.id_set(ids)
        elif query.facets:
            # Very large set: exact total, facet counts estimated from a sample.
            total, raw, exact_total, exact_facets = backend.count_and_estimate(
                match, target=FACET_SAMPLE, known_more_than=FACET_EXACT_LIMIT
            )
            approximate, total_approximate = not exact_facets, not exact_total
        else:
            total = backend.count(match)
    num_pages = max(1, math.ceil(total / query.page_size))
    if query.page > num_pages:
        raise SearchError("页码超出范围", code="bad_page")
    facets: dict[str, list[FacetValue]] = {}
    if query.facets:
        if raw is None:
            raw = _facets(backend, subset or match, filters, plan)
        facets = _label_facets(raw)
    if total == 0:
        return result(0, [], facets, 0)
    offset = (query.page - 1) * query.page_size
    if query.sort == "relevance" and plan.kind == "text":
        # Rank in the engine only when the set is small; otherwise the cheap order.
        ranked = subset is not None and total <= RANK_LIMIT
        page = backend.page(match, None, offset=offset, limit=query.page_size, ranked=ranked)
    else:
        page = backend.page(
            subset or match, _order(plan, query.sort), offset=offset, limit=query.page_size
        )
    standards = Standard.objects.select_related("publisher").in_bulk(page.ids)
    hits = [
        Hit(
            standard=standards[pk],
            score=score,
            exact=_is_exact(plan, standards[pk]),
            highlights=highlights(
                plan, standards[pk].designation, standards[pk].title_zh, standards[pk].title_en
            ),
        )
        for pk, score in zip(page.ids, page.scores, strict=True)
        if pk in standards
    ]
    return result(total, hits, facets, num_pages, approximate, total_approximate)
