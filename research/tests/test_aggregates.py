import pytest
from django.db.models import Count

from catalog.models import Standard, Status
from catalog.search.indexing import rebuild_index
from catalog.search.types import SearchError
from catalog.tests.factories import StandardFactory
from research.services.aggregates import count_by

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    for n in range(6):
        StandardFactory(designation=f"GB/T {40000 + n}-{2010 + n % 3}", ics_codes=["35.040"])
    for n in range(4):
        StandardFactory(
            designation=f"GB {50000 + n}-2015", status=Status.WITHDRAWN, ics_codes=["13.020"]
        )
    rebuild_index()


def _direct(field, **lookups):
    rows = Standard.objects.filter(**lookups).values(field).annotate(n=Count("id"))
    return {row[field]: row["n"] for row in rows}


def test_counts_match_direct_counts(catalogue):
    assert count_by("year") == _direct("year")
    assert count_by("status") == _direct("status")
    assert count_by("ics") == _direct("ics_root")
    assert sum(count_by("tier").values()) == Standard.objects.count()


def test_filtered_counts_use_search_filters(catalogue):
    assert count_by("year", {"ics": ["35"]}) == _direct("year", ics_root="35")
    assert count_by("status", {"status": ["withdrawn"]}) == {"withdrawn": 4}


def test_bad_filter_is_refused(catalogue):
    with pytest.raises(SearchError):
        count_by("year", {"colour": ["red"]})


def test_overdue_review_counts_only_old_current_standards(catalogue):
    from research.services.aggregates import count_overdue_review

    expected = Standard.objects.filter(status=Status.CURRENT, year__lt=2012).count()
    assert expected == 4  # 2010 and 2011 editions, twice each
    assert count_overdue_review(today_year=2017) == expected
    assert count_overdue_review({"ics": ["13"]}, today_year=2017) == 0
