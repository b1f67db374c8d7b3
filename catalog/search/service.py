"""The `search()` service: validate, match in the engine, count facets, load one page."""

from __future__ import annotations

import dataclasses
import hashlib
import math
import time
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache

from catalog.search.backends.base import Collected, Match, Page, Request
from catalog.search.filters import Filters, choice_labels, validate_filters
from catalog.search.highlight import highlights
from catalog.search.indexing import get_backend
from catalog.search.loading import load_standards
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


def _index_cache_key(backend, kind: str, parts: tuple) -> str:
    """A cache key that changes with the index version, so index writes invalidate it."""
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:16]
    return f"stdbase:search:{kind}:{backend.vendor}:{backend.version()}:{digest}"


T = TypeVar("T")


def remember_per_index_version(kind: str, parts: tuple, compute: Callable[[], T]) -> T:
    """Compute a value once per index version and `parts`; any index change recomputes it.

    Errors are raised, never kept. Used for whole API answers of identical requests,
    which only change when the index does.
    """
    key = _index_cache_key(get_backend(), kind, parts)
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, _BROWSE_CACHE_SECONDS)
    return value


def _browse_counts(backend, match: Match, filters: Filters, facets: bool):
    """Total and facet counts of browsing without text, cached per index version.

    Browsing is the busiest page, its counts only change with the index, and counting
    a million rows costs more than the rest of the page.
    """
    key = _index_cache_key(backend, "browse", (filters.key(), facets))
    counts = cache.get(key)
    if counts is None:
        counts = (backend.count(match), backend.browse_facet_counts(match) if facets else None)
        cache.set(key, counts, _BROWSE_CACHE_SECONDS)
    return counts


def _collect_exactly(backend, match: Match, request: Request, key: tuple) -> Collected:
    """Exact total and facet counts, however large the set, cached per index version.

    Counting a very common word exactly reads every match (about a second at a million
    standards on PostgreSQL); the counts are kept so that paging and re-sorting reuse
    them and repeated requests cannot keep the database busy.
    """
    cache_key = _index_cache_key(backend, "exact", (key, request.facets))
    cached = cache.get(cache_key)
    if cached is None:
        collected = backend.collect(match, dataclasses.replace(request, exact=True))
        cache.set(cache_key, (collected.total, collected.facets), _BROWSE_CACHE_SECONDS)
        return collected
    collected = backend.collect(match, dataclasses.replace(request, exact=False))
    collected.total, collected.facets = cached
    collected.total_exact = collected.facets_exact = True
    return collected


_LABELS_SECONDS = 60.0
_labels_cache: dict[str, object] = {"at": -1e9, "labels": {}}


def forget_cached_labels(**kwargs) -> None:
    """Drop this process's copy of facet labels (a publisher or classification changed)."""
    _labels_cache["at"] = -1e9


def _vocabulary_labels(publisher_ids: list[str]) -> dict[str, dict[str, object]]:
    """First-level ICS/CCS names and publishers by id, kept for a minute in this process.

    They are small, change only when vocabularies or new publishers are loaded, and
    would otherwise cost three queries on every search. A publisher missing from the
    copy (created since) reloads it at once.
    """
    from catalog.models import CcsCode, IcsCode, Publisher

    now = time.monotonic()
    labels: dict[str, dict] = _labels_cache["labels"]  # type: ignore[assignment]
    stale = now - float(_labels_cache["at"]) > _LABELS_SECONDS
    if stale or any(i not in labels["publisher"] for i in publisher_ids):
        labels = {
            "ics": {c.code: c.name for c in IcsCode.objects.filter(parent__isnull=True)},
            "ccs": {c.code: c.name for c in CcsCode.objects.filter(parent__isnull=True)},
            "publisher": {str(p.id): p for p in Publisher.objects.all()},
        }
        _labels_cache.update(labels=labels, at=now)
    return labels


def _label_facets(raw: dict[str, list[tuple[str, int]]]) -> dict[str, list[FacetValue]]:
    top = {
        key: sorted(values, key=lambda v: (-v[1], v[0]))[:FACET_TOP] for key, values in raw.items()
    }
    labels: dict[str, dict] = {
        "tier": choice_labels("Tier"),
        "status": choice_labels("Status"),
        "year": {},
        **_vocabulary_labels([value for value, _ in top["publisher"]]),
    }
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
    offset = (query.page - 1) * query.page_size
    if plan.kind == "browse":
        match = backend.browse(filters)
        total, raw = _browse_counts(backend, match, filters, query.facets)
        collected = Collected(total, raw, Page([], []))
        if offset < total:
            order = _order(plan, query.sort)
            collected.page = backend.page(match, order, offset=offset, limit=query.page_size)
    else:
        relevance = query.sort == "relevance" and plan.kind == "text"
        request = Request(
            order=None if relevance else _order(plan, query.sort),
            offset=offset,
            limit=query.page_size,
            facets=query.facets,
            relevance=relevance,
            exact=query.exact,
            exact_limit=FACET_EXACT_LIMIT,
            sample=FACET_SAMPLE,
            rank_limit=RANK_LIMIT,
            walk=plan.kind == "text",
        )
        match = backend.match(plan, filters)
        if query.exact:
            collected = _collect_exactly(backend, match, request, (query.text, filters.key()))
        else:
            collected = backend.collect(match, request)
    total = collected.total
    num_pages = max(1, math.ceil(total / query.page_size))
    if query.page > num_pages:
        # An estimated total may fall short of the matches: a page past it that still
        # has hits is shown (and counts as the last page known so far).
        if collected.total_exact or not collected.page.ids:
            raise SearchError("页码超出范围", code="bad_page")
        num_pages = query.page
    facets = _label_facets(collected.facets) if query.facets and collected.facets else {}
    approximate = not collected.facets_exact
    total_approximate = not collected.total_exact
    if total == 0:
        return result(0, [], facets, 0)
    page = collected.page
    standards = load_standards(page.ids)
    # Publishers come from the per-process copy rather than a join on every search.
    wanted = [str(s.publisher_id) for s in standards.values() if s.publisher_id is not None]
    publishers = _vocabulary_labels(wanted)["publisher"]
    for standard in standards.values():
        if standard.publisher_id is not None:
            standard.publisher = publishers[str(standard.publisher_id)]
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
