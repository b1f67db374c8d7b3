"""How large result sets are counted and paged: estimates, exact counts on request, and
PostgreSQL's pilot samples, GIN bucket samples and ordered walks (forced here on a small
catalogue by lowering the limits that a million standards would cross)."""

from __future__ import annotations

import importlib
from collections import Counter

import pytest
from django.db import connection

from catalog.models import Standard
from catalog.search import SearchQuery, search
from catalog.search import service as service_module
from catalog.tests.search_data import build_search_catalogue, make

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="PostgreSQL search strategies"
)


@pytest.fixture
def catalogue():
    return build_search_catalogue()


def ids(text: str, **kwargs) -> list[int]:
    return [hit.standard.id for hit in search(SearchQuery(text=text, **kwargs)).hits]


def all_pages(text: str, page_size: int, **kwargs) -> list[int]:
    """Hit ids of every page, in order."""
    first = search(SearchQuery(text=text, page_size=page_size, **kwargs))
    found = [hit.standard.id for hit in first.hits]
    for number in range(2, first.num_pages + 1):
        found += ids(text, page=number, page_size=page_size, **kwargs)
    return found


def walked_pages(text: str, page_size: int, count: int, **kwargs) -> list[int]:
    """Hit ids of the pages that hold `count` matches, whatever total was estimated."""
    found: list[int] = []
    for number in range(1, -(-count // page_size) + 1):
        found += ids(text, page=number, page_size=page_size, **kwargs)
    return found


def facet_map(result) -> dict[str, dict[str, int]]:
    return {key: {f.value: f.count for f in values} for key, values in result.facets.items()}


def expected_facets(standards: list[Standard]) -> dict[str, Counter]:
    return {
        "tier": Counter(s.tier for s in standards),
        "status": Counter(s.status for s in standards),
        "year": Counter(str(s.year) for s in standards if s.year),
    }


# -- exact counts on request (both backends) -----------------------------------------------


def test_exact_request_counts_a_large_set_exactly(catalogue, monkeypatch):
    exact_ids = all_pages("quality", 100)
    matched = list(Standard.objects.filter(id__in=exact_ids))
    assert len(matched) > 2
    monkeypatch.setattr(service_module, "FACET_EXACT_LIMIT", 2)
    monkeypatch.setattr(service_module, "FACET_SAMPLE", 2)
    result = search(SearchQuery(text="quality", exact=True))
    assert result.total == len(matched)
    assert not result.total_approximate and not result.facets_approximate
    counts = facet_map(result)
    for key, expected in expected_facets(matched).items():
        assert counts[key] == dict(expected), key


def test_exact_counts_are_cached_until_the_index_changes(catalogue, monkeypatch):
    monkeypatch.setattr(service_module, "FACET_EXACT_LIMIT", 2)
    first = search(SearchQuery(text="quality", exact=True))
    again = search(SearchQuery(text="quality", exact=True, sort="date", page_size=2))
    assert again.total == first.total and facet_map(again) == facet_map(first)
    assert not again.total_approximate and len(again.hits) == 2
    make("GB/T 99999-2024", "", "Quality of test data")
    after = search(SearchQuery(text="quality", exact=True))
    assert after.total == first.total + 1


def test_browse_total_follows_index_changes(catalogue):
    before = search(SearchQuery(text=""))
    assert before.total == len(catalogue)
    make("GB/T 99998-2024", "新增的标准", "")
    assert search(SearchQuery(text="")).total == len(catalogue) + 1


sqlite_only = pytest.mark.skipif(
    "connection.vendor != 'sqlite'", reason="SQLite samples every large set's facets"
)


@sqlite_only
def test_the_page_offers_exact_counts_for_an_estimate(client, catalogue, monkeypatch):
    monkeypatch.setattr(service_module, "FACET_EXACT_LIMIT", 2)
    page = client.get("/search/", {"q": "quality"}).content.decode()
    assert 'data-testid="facets-approximate"' in page
    # SQLite's total is exact: only the sampled facet counts offer to count exactly.
    assert 'data-testid="count-exactly"' not in page
    assert 'data-testid="facets-count-exactly"' in page and "exact=1" in page
    exact = client.get("/search/", {"q": "quality", "exact": "1"}).content.decode()
    assert 'data-testid="facets-approximate"' not in exact
    assert "count-exactly" not in exact


@sqlite_only
def test_the_api_reports_estimates_and_counts_exactly_on_request(client, catalogue, monkeypatch):
    monkeypatch.setattr(service_module, "FACET_EXACT_LIMIT", 2)
    estimated = client.get("/api/v1/search/", {"q": "quality"}).json()
    assert estimated["facets_approximate"] is True
    exact = client.get("/api/v1/search/", {"q": "quality", "exact": "true"}).json()
    assert exact["facets_approximate"] is False and exact["count_approximate"] is False
    assert exact["count"] == estimated["count"]
    facets = client.get("/api/v1/facets/", {"q": "quality", "exact": "true"}).json()
    assert facets["facets"] == exact["facets"]


# -- PostgreSQL ---------------------------------------------------------------------------


@pytest.fixture
def pg():
    from catalog.search.backends import postgres

    return postgres


@postgres_only
def test_documents_carry_the_bucket_lexemes_the_migration_writes(catalogue, pg):
    migration = importlib.import_module("catalog.migrations.0003_search_sampling")
    standard_id = catalogue["GB/T 19001-2016"].id
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tsvector_to_array(txt), "  # noqa: S608
            f"array_to_tsvector({migration._LEXEMES}) FROM catalog_searchdoc "
            "WHERE standard_id = %s",
            [standard_id],
        )
        lexemes, migrated = cursor.fetchone()
    expected = pg.bucket_lexemes(standard_id)
    assert set(expected) <= set(lexemes)
    assert migrated == " ".join(f"'{lexeme}'" for lexeme in sorted(expected))
    assert migration.BUCKETS == pg.BUCKETS


@postgres_only
def test_bucket_sample_counts_the_matches_of_one_bucket(catalogue, pg):
    from catalog.search.filters import Filters
    from catalog.search.indexing import get_backend
    from catalog.search.query import plan_query

    matched = Standard.objects.filter(id__in=all_pages("quality", 100))
    backend = get_backend()
    match = backend.match(plan_query("quality"), Filters())
    for size in (4, 16):
        sample = backend._bucket_sample(match, size)
        in_bucket = [s for s in matched if s.id % size == 0]
        assert sample.hits == len(in_bucket)
        assert sample.percent == 100.0 / size
        assert dict(sample.counts["tier"]) == dict(Counter(s.tier for s in in_bucket))


@pytest.fixture
def large(monkeypatch, pg):
    """Make every set of more than three matches 'large' on a huge-looking table."""
    monkeypatch.setattr(service_module, "FACET_EXACT_LIMIT", 3)
    monkeypatch.setattr(service_module, "FACET_SAMPLE", 2)
    monkeypatch.setattr(pg, "_estimated_rows", lambda: 1e9)
    return monkeypatch


def _exact_order(text: str, monkeypatch, **kwargs) -> list[int]:
    with monkeypatch.context() as patched:
        patched.setattr(service_module, "FACET_EXACT_LIMIT", 10_000)
        patched.setattr(service_module, "RANK_LIMIT", 0)  # the cheap order, as walks use
        return all_pages(text, 100, **kwargs)


@postgres_only
@pytest.mark.parametrize("sort", ["relevance", "date", "-date", "designation"])
def test_estimated_sets_are_paged_like_exact_ones(catalogue, large, sort):
    expected = _exact_order("quality", large, sort=sort)
    assert len(expected) > 3
    result = search(SearchQuery(text="quality", sort=sort, page_size=2))
    # Estimated from the matches whose id is 0 modulo 4 (or, when there are none, from
    # all of them: then exactly); each facet sums to the total either way.
    assert result.total > 3
    assert result.total_approximate == result.facets_approximate
    assert sum(f.count for f in result.facets["tier"]) == pytest.approx(result.total, abs=2)
    # Pages past an estimate that falls short are still served while they have hits.
    assert walked_pages("quality", 2, len(expected), sort=sort) == expected


@postgres_only
def test_a_walk_that_runs_out_sorts_the_matched_set(catalogue, large, pg):
    expected = _exact_order("quality", large)
    large.setattr(pg, "WALK_MAX_ROWS", 1)  # every walk gives up at once
    assert walked_pages("quality", 2, len(expected)) == expected


@postgres_only
def test_walks_apply_filters(catalogue, large):
    filters = {"status": ["current"], "publisher": ["ISO"]}
    expected = _exact_order("quality", large, filters=filters)
    found = walked_pages("quality", 1, len(expected), filters=filters)
    assert found == expected
    assert all(
        s.status == "current" and s.publisher.code == "ISO"
        for s in Standard.objects.filter(id__in=found)
    )


@postgres_only
def test_prefix_queries_are_sampled_by_pages(catalogue, large, pg):
    expected = _exact_order("qualit", large)
    calls = []
    original = pg.PostgresBackend._page_sample
    large.setattr(pg, "PAGE_SAMPLE_MAX_PERCENT", 100.0)
    large.setattr(
        pg.PostgresBackend,
        "_page_sample",
        lambda self, match, percent: calls.append(percent) or original(self, match, percent),
    )
    result = search(SearchQuery(text="qualit", page_size=100))  # "qualit*" while typing
    assert len(calls) == 2  # the pilot, then the larger page sample
    assert calls[1] > calls[0]
    assert result.total > 3
    assert [hit.standard.id for hit in result.hits] == expected


@postgres_only
def test_a_pilot_that_overestimates_does_not_inflate_the_total(catalogue, monkeypatch, pg):
    expected = all_pages("quality", 100)
    monkeypatch.setattr(pg, "_estimated_rows", lambda: 1e9)
    monkeypatch.setattr(pg, "LARGE_FACTOR", -1.0)  # every text query goes to estimation
    monkeypatch.setattr(service_module, "FACET_SAMPLE", 2)
    monkeypatch.setattr(service_module, "RANK_LIMIT", 0)
    result = search(SearchQuery(text="quality", page_size=100))
    # Nothing showed the set to be large: the sample falls back to the whole set, exactly.
    assert result.total == len(expected) and not result.total_approximate
    assert sorted(hit.standard.id for hit in result.hits) == sorted(expected)
    assert search(SearchQuery(text="nosuchwordanywhere")).total == 0
