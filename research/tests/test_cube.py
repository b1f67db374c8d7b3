import pytest
from django.db.models import Count, Q

from catalog.models import Standard
from catalog.search.filters import validate_filters
from catalog.search.indexing import index_standards
from research.models import AggregateCell, GapField, OutdatedAdoption
from research.services.cube import cube_counts
from research.services.refresh import refresh_aggregates, refresh_if_changed, staleness

pytestmark = pytest.mark.django_db

ISO = Q(adopted_designation__startswith="ISO") | Q(adopted_designation__startswith="IEC")


def _direct(field, query):
    rows = Standard.objects.filter(query).values(field).annotate(n=Count("id"))
    return {row[field] or "": row["n"] for row in rows}


def _nonempty(counts):
    return {key or "": n for key, n in counts.items()}


@pytest.mark.parametrize(
    ("raw", "query"),
    [
        ({}, Q()),
        ({"tier": ["national"]}, Q(tier="national")),
        ({"status": ["current"], "ics": ["35"]}, Q(status="current", ics_root="35")),
        ({"tier": ["national", "industry"], "year": ["2015"]},
         Q(tier__in=["national", "industry"], year=2015)),
        ({"ccs": ["L"], "status": ["withdrawn"], "tier": ["national"], "year": ["2010"]},
         Q(ccs_root="L", status="withdrawn", tier="national", year=2010)),
    ],
)  # fmt: skip
def test_cube_matches_direct_counts_and_the_live_path(catalogue, raw, query):
    refresh_aggregates()
    filters = validate_filters(raw)
    for dim, field in (("year", "year"), ("status", "status"), ("tier", "tier"),
                       ("ics", "ics_root"), ("ccs", "ccs_root")):  # fmt: skip
        counts = cube_counts((dim,), filters)
        assert counts.source == "cube"
        expected = _direct(field, query)
        got = _nonempty(counts.as_dict())
        if dim == "year":
            expected = {int(k) if k != "" else None: v for k, v in expected.items()}
            got = counts.as_dict()
        assert got == expected, dim
        assert cube_counts((dim,), filters, use_cube=False).as_dict() == counts.as_dict()


def test_adoption_classes_by_year_match_direct_counts(catalogue):
    refresh_aggregates()
    filters = validate_filters({"tier": ["national"]})
    counts = cube_counts(("adoption", "year"), filters).as_dict()
    for degree in ("IDT", "MOD", "NEQ"):
        for year in (2005, 2010, 2015, 2020, 2023):
            direct = Standard.objects.filter(
                ISO, tier="national", adoption_degree=degree, year=year
            ).count()
            assert counts.get((degree, year), 0) == direct
    none = Standard.objects.filter(tier="national").exclude(ISO).count()
    assert sum(n for (degree, _y), n in counts.items() if degree == "") == none


def test_deep_ics_filter_is_counted_live(catalogue):
    refresh_aggregates()
    filters = validate_filters({"ics": ["35.040"]})
    counts = cube_counts(("tier",), filters)
    assert counts.source == "live"
    assert counts.total == Standard.objects.filter(ics_links__code__code="35.040").count()


def test_gaps_and_outdated_adoptions(catalogue):
    refresh_aggregates()
    fields = {f.ics_code: f for f in GapField.objects.all()}
    # 13.020 holds ISO 3000, which nothing adopts; 35.040 holds ISO 1000 (adopted) and 2000.
    assert (fields["13.020"].international, fields["13.020"].adopted) == (1, 0)
    assert (fields["35.040"].international, fields["35.040"].adopted) == (2, 1)
    outdated = OutdatedAdoption.objects.get()
    assert outdated.designation == "GB/T 1000-2012"
    assert outdated.verdict == "replaced"
    assert outdated.latest == "ISO 1000:2019"


def test_refresh_follows_index_changes(catalogue):
    assert not staleness().current
    job = refresh_if_changed()  # immediate mode in tests: runs at once
    assert job.state == "succeeded"
    assert staleness().current and AggregateCell.objects.exists()
    assert refresh_if_changed() is None  # nothing changed
    std = Standard.objects.filter(tier="national").first()
    index_standards([std.pk])
    assert not staleness().current
    assert refresh_if_changed().state == "succeeded"
    assert staleness().current


@pytest.mark.parametrize(
    "raw",
    [
        {"ics": ["35.040"]},
        {"ics": ["35.040", "13"], "tier": ["national"]},
        {"ics": ["35.040"], "status": ["current"], "tier": ["international", "national"]},
    ],
)
def test_live_counts_share_one_grouped_query_and_equal_direct_counts(catalogue, raw):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    filters = validate_filters(raw)
    groups = [("tier",), ("status",), ("year",), ("adoption", "ics"), ("publisher",), ()]
    expected = {g: cube_counts(g, filters, use_cube=False).as_dict() for g in groups}
    counted = {}
    with CaptureQueriesContext(connection) as queries:
        for group in groups:
            counted[group] = cube_counts(group, filters).as_dict()
    assert counted == expected
    scans = [q for q in queries.captured_queries if "catalog_searchdoc" in q["sql"]]
    assert len(scans) == 1  # one grouped query; the other counts read its cached rows
    # The dashboard's subsets (current, national) come from the same cached rows.
    from dataclasses import replace

    national = replace(filters, tier=["national"])
    assert (
        cube_counts(("year",), national).as_dict()
        == cube_counts(("year",), national, use_cube=False).as_dict()
    )


def test_live_rows_follow_an_index_change(catalogue):
    filters = validate_filters({"ics": ["35.040"]})
    before = cube_counts((), filters).total
    standard = Standard.objects.filter(ics_links__code__code="35.040").first()
    standard.status = "withdrawn"
    standard.save()
    index_standards([standard.pk])
    counts = cube_counts(("status",), filters).as_dict()
    assert counts == cube_counts(("status",), filters, use_cube=False).as_dict()
    assert sum(counts.values()) == before
    assert counts.get("withdrawn", 0) >= 1
