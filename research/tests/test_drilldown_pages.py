"""The drill-down list pages exactly like the plain query, also where it splits by date.

An age-bounded list (min_age) is read in two parts, split at 1 January of the year after the
bound: the later-dated rows through the partial index of documents dated after their year,
the older ones by walking the date index (`research.services.drilldown._page_sql`).
"""

import datetime
import random
import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog.models import Status
from catalog.search.indexing import rebuild_index
from catalog.tests.factories import DataSourceFactory, PublisherFactory, StandardFactory
from research.services import drilldown

THIS_YEAR = datetime.date.today().year
PREFIXES = ["GB/T", "GB", "DB41/T"]
STATUSES = [Status.CURRENT, Status.CURRENT, Status.WITHDRAWN, Status.REPLACED, Status.UPCOMING]


def _issued(rng: random.Random, year: int | None) -> datetime.date | None:
    """An issue date around the year: none, within it, on its edges, later or earlier."""
    if year is None:
        return rng.choice([None, None, datetime.date(THIS_YEAR - rng.randint(0, 12), 1, 1)])
    kind = rng.randrange(8)
    if kind == 0:
        return None  # sort date 1 January of the year
    if kind == 1:
        return datetime.date(year + 1, 1, 1)  # the split boundary when the bound is `year`
    if kind == 2:
        return datetime.date(year, 12, 31)
    if kind in (3, 6):
        return datetime.date(year + rng.randint(1, 6), rng.choice([1, 6]), rng.choice([1, 15]))
    if kind == 4:
        return datetime.date(year - 1, 12, 31)
    # Few distinct days, so that many standards share a sort date (ordered by id then).
    return datetime.date(year, rng.choice([3, 9]), rng.choice([1, 20]))


@pytest.fixture
def generated(db):
    rng = random.Random(14)
    publisher, source = PublisherFactory(code="SAMR"), DataSourceFactory()
    for n in range(260):
        year = rng.choice([None, *range(THIS_YEAR - 28, THIS_YEAR + 1)])
        prefix = rng.choice(PREFIXES)
        degree = rng.choice(["IDT", "MOD", "", ""]) if prefix.startswith("GB") else ""
        StandardFactory(
            designation=f"{prefix} {10000 + n}" + (f"-{year}" if year else ""),
            issued=_issued(rng, year),
            status=rng.choice(STATUSES),
            adopted_designation=f"ISO {7000 + n}:2001" if degree else "",
            adoption_degree=degree,
            publisher=publisher,
            source=source,
        )
    # On every split boundary: published in the bound year, a year earlier, and a year
    # later (outside the bound), all issued on 1 January after the bound year.
    for age in range(12):
        for n, year in enumerate((THIS_YEAR - age, THIS_YEAR - age - 1, THIS_YEAR - age + 1)):
            StandardFactory(
                designation=f"GB/T {20000 + 10 * age + n}-{year}",
                issued=datetime.date(THIS_YEAR - age + 1, 1, 1),
                status=rng.choice(STATUSES),
                publisher=publisher,
                source=source,
            )
    rebuild_index()


def _plain(raw: dict, params: dict) -> list[int]:
    where, values = drilldown._where(raw, params)
    join = " JOIN catalog_standard s ON s.id = d.standard_id" if params.get("adoption") else ""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT d.standard_id FROM catalog_searchdoc d{join} WHERE {where} "  # noqa: S608
            "ORDER BY d.sort_date DESC, d.standard_id DESC",
            values,
        )
        return [row[0] for row in cursor.fetchall()]


CASES = [
    ({}, {"min_age": "0"}),
    ({}, {"min_age": "3"}),
    ({"status": ["current"]}, {"min_age": "6"}),
    ({"status": ["withdrawn", "replaced"]}, {"min_age": "5"}),
    ({"tier": ["national"]}, {"min_age": "10", "max_age": "20"}),
    ({"tier": ["local"], "status": ["current"]}, {"min_age": "2"}),
    ({"tier": ["national"]}, {"min_age": "4", "adoption": "any"}),
    ({}, {"min_age": "7", "adoption": "none"}),
    ({}, {"min_age": "1", "adoption": "IDT"}),
    ({}, {"min_age": "199"}),
    ({}, {"min_age": "40"}),
    ({"year": [str(THIS_YEAR - 8), str(THIS_YEAR - 3)]}, {"min_age": "5"}),
    ({"status": ["current"]}, {}),
    ({}, {"max_age": "6"}),
]


@pytest.mark.parametrize(("raw", "params"), CASES)
def test_every_page_equals_the_plain_query(generated, monkeypatch, raw, params):
    # Seven to a page gives many pages; walk share 0 splits every age-bounded page, the
    # deepest included, the default only the first quarter of the list.
    monkeypatch.setattr(drilldown, "PAGE_SIZE", 7)
    expected = _plain(raw, params)
    for walk_share in (0, drilldown.WALK_SHARE):
        monkeypatch.setattr(drilldown, "WALK_SHARE", walk_share)
        split = 0
        for page in range(1, len(expected) // 7 + 3):
            with CaptureQueriesContext(connection) as queries:
                total, rows = drilldown.list_standards(AnonymousUser(), raw, params, page=page)
            split += any("WITH recent" in q["sql"] for q in queries.captured_queries)
            assert total == len(expected)
            assert [s.id for s in rows] == expected[(page - 1) * 7 : page * 7], (walk_share, page)
        assert bool(split) == bool("min_age" in params and not raw.get("year") and expected)


def test_the_generated_catalogue_has_rows_on_both_sides_of_the_split(generated):
    """The data reach the cases the split must get right (else the test above proves little)."""
    bound = THIS_YEAR - 6
    split = (bound + 1) * 10000 + 101
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT SUM(CASE WHEN sort_date = %s THEN 1 ELSE 0 END), "
            "SUM(CASE WHEN sort_date > %s THEN 1 ELSE 0 END), "
            "SUM(CASE WHEN sort_date < %s THEN 1 ELSE 0 END), "
            "SUM(CASE WHEN year IS NULL THEN 1 ELSE 0 END), "
            "SUM(CASE WHEN sort_date = 0 THEN 1 ELSE 0 END) "
            "FROM catalog_searchdoc WHERE year IS NULL OR year <= %s",
            [split, split, split, bound],
        )
        on_boundary, later, earlier, no_year, no_date = cursor.fetchone()
    assert on_boundary and later > 5 and earlier > 50 and no_year and no_date


def test_the_late_index_survives_a_rebuild_and_serves_the_split(generated):
    rebuild_index()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'index' "
                "AND name = 'catalog_searchdoc_late'"
            )
        else:
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE indexname = 'catalog_searchdoc_late'"
            )
        (definition,) = cursor.fetchone()
    assert "WHEREsort_date>=year+1*10000+101" in re.sub(r"[()\s]", "", definition)
    if connection.vendor != "sqlite":
        return
    filters = drilldown.validate_filters({"status": ["current"]})
    params = {"min_age": "6"}
    sql, values = drilldown._page_sql(
        filters, params, "FROM catalog_searchdoc d", drilldown._where({}, params), 0, 10**6
    )
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", [*values, 50, 0])
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    assert "catalog_searchdoc_late" in plan and "catalog_searchdoc_date" in plan


def test_postgresql_reads_a_tier_set_by_the_tier_rank_index_after_a_rebuild(generated):
    rebuild_index()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":  # SQLite keeps its plans (catalog 0008)
            cursor.execute(
                "SELECT COUNT(*) FROM sqlite_master WHERE name = 'catalog_searchdoc_tier_rank'"
            )
            assert cursor.fetchone()[0] == 0
            return
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'catalog_searchdoc_tier_rank'"
        )
        (definition,) = cursor.fetchone()
        assert "(tier, status_rank, sort_date DESC, standard_id)" in definition
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")  # a few test rows: sorting is cheaper
        cursor.execute(
            "EXPLAIN SELECT d.standard_id FROM catalog_searchdoc d WHERE d.tier = 'group' "
            "ORDER BY d.status_rank, d.sort_date DESC, d.standard_id DESC LIMIT 3000"
        )
        plan = " ".join(row[0] for row in cursor.fetchall())
    assert "catalog_searchdoc_tier_rank" in plan
