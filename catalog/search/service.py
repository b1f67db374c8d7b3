"""The `search()` service: validate, match in the engine, count facets, load one page."""

from __future__ import annotations

import math
import re
import time

from django.core.cache import cache

from catalog.search.backends.base import Match
from catalog.search.highlight import highlights
from catalog.search.indexing import get_backend
from catalog.search.query import MAX_QUERY_LENGTH, QueryPlan, plan_query
from catalog.search.types import (
    FILTER_KEYS,
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
FACET_TOP = 20
_ICS = re.compile(r"[0-9]{2}(?:\.[0-9]{1,3}(?:\.[0-9]{1,2})?)?")
_CCS = re.compile(r"[A-Z](?:[0-9]{1,2})?")
_YEAR = re.compile(r"(?:19|20)[0-9]{2}")
_BROWSE_CACHE_SECONDS = 600


def _choices(name: str) -> dict[str, str]:
    from catalog import models

    choices = getattr(models, name).choices
    return {str(value): str(label) for value, label in choices if value}


def _validate(query: SearchQuery) -> None:
    if len(query.text or "") > MAX_QUERY_LENGTH:
        raise SearchError(f"查询过长（最多 {MAX_QUERY_LENGTH} 个字符）", code="too_long")
    if query.sort not in SORTS:
        raise SearchError(f"未知的排序方式：{query.sort}", code="bad_sort")
    if not isinstance(query.page, int) or query.page < 1:
        raise SearchError("页码超出范围", code="bad_page")
    if not isinstance(query.page_size, int) or not 1 <= query.page_size <= MAX_PAGE_SIZE:
        raise SearchError(f"每页条数必须在 1 到 {MAX_PAGE_SIZE} 之间", code="bad_page_size")


def _values(query: SearchQuery) -> dict[str, list[str]]:
    cleaned: dict[str, list[str]] = {}
    for key, raw in (query.filters or {}).items():
        if key not in FILTER_KEYS:
            raise SearchError(f"未知的筛选条件：{key}", code="unknown_filter")
        values = [raw] if isinstance(raw, str) else list(raw or [])
        values = [str(v).strip() for v in values if str(v).strip()]
        if values:
            cleaned[key] = list(dict.fromkeys(values))
    return cleaned


def _bad_value(key: str, value: str) -> SearchError:
    return SearchError(f"未知的筛选值：{key}={value[:50]}", code="unknown_filter_value")


def _in(column: str, values: list) -> tuple[str, list]:
    return f"d.{column} IN ({', '.join(['%s'] * len(values))})", list(values)


def _classification(
    values: list[str], root_column: str, link_table: str, code_table: str, root_length: int
) -> tuple[str, list]:
    # A first-level value uses the denormalised root column (what the facet counts);
    # deeper codes look at every classification of the standard.
    parts, params = [], []
    for value in values:
        if len(value) == root_length:
            parts.append(f"d.{root_column} = %s")
            params.append(value)
        else:
            parts.append(
                f"EXISTS (SELECT 1 FROM {link_table} l JOIN {code_table} c ON c.id = l.code_id "  # noqa: S608
                "WHERE l.standard_id = d.standard_id AND c.code LIKE %s)"
            )
            params.append(value + "%")
    return "(" + " OR ".join(parts) + ")", params


def filter_sql(filters: dict[str, list[str]]) -> tuple[str, list]:
    """SQL conditions on catalog_searchdoc `d` for the filters; unknown values raise."""
    from catalog.models import Publisher

    clauses: list[tuple[str, list]] = []
    for key in ("tier", "status", "mandate"):
        if key in filters:
            allowed = _choices({"tier": "Tier", "status": "Status", "mandate": "Mandate"}[key])
            for value in filters[key]:
                if value not in allowed:
                    raise _bad_value(key, value)
            clauses.append(_in(key, filters[key]))
    if "publisher" in filters:
        found = dict(
            Publisher.objects.filter(code__in=filters["publisher"]).values_list("code", "id")
        )
        for value in filters["publisher"]:
            if value not in found:
                raise _bad_value("publisher", value)
        clauses.append(_in("publisher_id", list(found.values())))
    if "year" in filters:
        for value in filters["year"]:
            if not _YEAR.fullmatch(value):
                raise _bad_value("year", value)
        clauses.append(_in("year", [int(v) for v in filters["year"]]))
    if "ics" in filters:
        for value in filters["ics"]:
            if not _ICS.fullmatch(value):
                raise _bad_value("ics", value)
        clauses.append(
            _classification(filters["ics"], "ics_root", "catalog_standardics", "catalog_icscode", 2)
        )
    if "ccs" in filters:
        values = [v.upper() for v in filters["ccs"]]
        for value in values:
            if not _CCS.fullmatch(value):
                raise _bad_value("ccs", value)
        clauses.append(
            _classification(values, "ccs_root", "catalog_standardccs", "catalog_ccscode", 1)
        )
    if not clauses:
        return "1 = 1", []
    return " AND ".join(sql for sql, _ in clauses), [p for _, ps in clauses for p in ps]


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


def _facets(backend, match: Match, filters, plan: QueryPlan):
    if plan.kind != "browse":
        return backend.facet_counts(match, filters)
    # Browsing without text is the busiest page and its counts only change with the
    # index, so they are cached per index version.
    key = f"stdbase:search:browse:{backend.version()}:{hash((filters[0], tuple(filters[1])))}"
    counts = cache.get(key)
    if counts is None:
        counts = backend.browse_facet_counts(filters)
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
        "tier": _choices("Tier"),
        "status": _choices("Status"),
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
    filters = filter_sql(_values(query))
    plan = plan_query(query.text)

    def result(total: int, hits: list[Hit], facets: dict, num_pages: int) -> SearchResult:
        return SearchResult(
            query=query,
            total=total,
            hits=hits,
            facets=facets,
            page=query.page,
            num_pages=num_pages,
            kind=plan.kind if not plan.empty else "text",
            took_ms=(time.perf_counter() - started) * 1000,
        )

    if plan.empty:
        if query.page != 1:
            raise SearchError("页码超出范围", code="bad_page")
        return result(
            0,
            [],
            {key: [] for key in ("tier", "status", "publisher", "ics", "ccs", "year")}
            if query.facets
            else {},
            0,
        )
    backend = get_backend()
    match = backend.browse() if plan.kind == "browse" else backend.match(plan)
    facets: dict[str, list[FacetValue]] = {}
    if query.facets:
        raw = _facets(backend, match, filters, plan)
        total = raw.pop("total")[0][1]
        facets = _label_facets(raw)
    else:
        total = backend.count(match, filters)
    num_pages = max(1, math.ceil(total / query.page_size))
    if query.page > num_pages:
        raise SearchError("页码超出范围", code="bad_page")
    if total == 0:
        return result(0, [], facets, 0)
    ranked = query.sort == "relevance" and plan.kind == "text" and total <= RANK_LIMIT
    page = backend.page(
        match,
        filters,
        _order(plan, query.sort),
        offset=(query.page - 1) * query.page_size,
        limit=query.page_size,
        ranked=ranked,
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
    return result(total, hits, facets, num_pages)
