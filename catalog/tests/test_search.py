"""The search service on the real engine: Chinese, English, designations, ranking, facets."""

from __future__ import annotations

import pytest
from django.db.models import Q

from catalog.models import Standard
from catalog.search import SearchQuery, search
from catalog.tests.search_data import build_search_catalogue

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    return build_search_catalogue()


def designations(text: str, **kwargs) -> list[str]:
    result = search(SearchQuery(text=text, page_size=100, **kwargs))
    return [hit.standard.designation for hit in result.hits]


# -- Chinese substring semantics ---------------------------------------------------------


def test_chinese_word_inside_a_longer_word(catalogue):
    assert designations("管道") == ["CJJ/T 147-2010"]
    assert designations("燃气管道") == ["CJJ/T 147-2010"]


def test_partial_word_while_typing(catalogue):
    assert designations("锂离") == ["GB 31241-2022"]
    assert designations("锂离子电") == ["GB 31241-2022"]


def test_single_character_inside_and_at_the_end_of_a_word(catalogue):
    assert designations("锂") == ["GB 31241-2022"]
    # "道" ends the run "城镇燃气管道..."? No: it is followed by 非; in 道路 it starts one.
    assert set(designations("道")) == {"CJJ/T 147-2010", "DB41/T 1234-2016"}
    # "范" ends its run: found through the trailing unigram.
    assert set(designations("范")) == {"GB 50204-2015", "GB 31241-2022", "DB41/T 1234-2016"}


def test_chinese_phrase_is_not_matched_across_a_space(catalogue):
    # "体系 要求" are two runs; "系要" never occurs contiguously.
    assert designations("系要") == []
    assert "GB/T 19001-2016" in designations("体系 要求")


def test_chinese_words_combine_with_and(catalogue):
    assert designations("信息安全 要求") == ["GB/T 22080-2016"]
    assert designations("混凝土结构") == ["GB 50204-2015"]


# -- English ------------------------------------------------------------------------------


def test_english_words_case_and_plural(catalogue):
    hits = designations("Quality Management")
    assert "GB/T 19001-2016" in hits and "ISO 9001:2015" in hits
    assert "GB 31241-2022" not in hits
    # "battery" finds "batteries", "requirement" finds "Requirements".
    assert designations("battery") == ["GB 31241-2022"]
    assert "IEC 60601-1:2005" in designations("requirement")


def test_last_english_word_is_a_prefix(catalogue):
    assert designations("lithium batt") == ["GB 31241-2022"]


# -- designations ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["GB/T 19001-2016", "gbt19001", "ＧＢ／Ｔ　１９００１—２０１６", "GB/T19001", "gb/t 19001"],
)
def test_designation_spellings_find_the_current_edition_first(catalogue, text):
    result = search(SearchQuery(text=text))
    assert result.kind == "designation"
    first = result.hits[0]
    assert first.standard.designation == "GB/T 19001-2016"
    assert first.exact is True
    found = [hit.standard.designation for hit in result.hits]
    # Other editions of the series follow, newest first.
    assert found[1:3] == ["GB/T 19001-2008", "GB/T 19001-2000"]


def test_designation_with_adoption_suffix(catalogue):
    result = search(SearchQuery(text="GB/T 19001-2016/ISO 9001:2015"))
    assert result.hits[0].standard.designation == "GB/T 19001-2016" and result.hits[0].exact


def test_exact_older_edition_comes_before_the_current_one(catalogue):
    found = designations("GB/T 19001-2008")
    assert found[:3] == ["GB/T 19001-2008", "GB/T 19001-2016", "GB/T 19001-2000"]
    result = search(SearchQuery(text="GB/T 19001-2008"))
    assert [hit.exact for hit in result.hits[:2]] == [True, False]


def test_bare_number_searches_main_numbers(catalogue):
    result = search(SearchQuery(text="19001"))
    assert result.kind == "number"
    found = [hit.standard.designation for hit in result.hits]
    assert found == ["GB/T 19001-2016", "GB/T 19001-2008", "GB/T 19001-2000"]
    # A partial number is a prefix of main numbers, not of years.
    assert set(designations("1900")) == {
        "GB/T 19001-2016",
        "GB/T 19001-2008",
        "GB/T 19001-2000",
        "GB/T 19000-2016",
    }
    assert designations("199") == []  # GB/T 3100-1993 has 1993 only as its year


def test_number_and_designation_with_a_part(catalogue):
    assert designations("4943.1") == ["GB 4943.1-2022"]
    assert designations("4943.2") == []
    assert designations("GB 4943.1")[0] == "GB 4943.1-2022"
    assert search(SearchQuery(text="4943.1")).hits[0].highlights["designation"] == (
        "GB <mark>4943.1</mark>-2022"
    )


def test_iso_designation_also_finds_adoptions(catalogue):
    found = designations("ISO 9001")
    assert found[:2] == ["ISO 9001:2015", "ISO 9001:2008"]
    assert "GB/T 19001-2016" in found  # identical adoption of ISO 9001:2015
    assert "GB/T 19001-2008" not in found


def test_iso_iec_and_parts(catalogue):
    assert designations("ISO/IEC 27001:2022")[:2] == ["ISO/IEC 27001:2022", "ISO/IEC 27001:2013"]
    assert designations("IEC 60601-1")[0] == "IEC 60601-1:2005"


def test_partial_designation_is_a_prefix(catalogue):
    assert designations("GB/T 2208") == ["GB/T 22080-2016"]
    result = search(SearchQuery(text="GB/T 2208"))
    assert result.hits[0].highlights["designation"] == "<mark>GB/T 2208</mark>0-2016"


def test_designation_mixed_with_words(catalogue):
    assert designations("GB 50204 混凝土") == ["GB 50204-2015"]
    assert designations("GB50204混凝土") == ["GB 50204-2015"]
    found = designations("ISO 9001 quality")
    assert found[:2] == ["ISO 9001:2015", "ISO 9001:2008"] and "GB/T 19001-2016" in found
    assert designations("GB 50204 管道") == []
    assert search(SearchQuery(text="GB 50204 混凝土")).kind == "designation"


# -- ranking, highlights ------------------------------------------------------------------------


def test_text_ranking_puts_current_editions_above_replaced_ones(catalogue):
    found = designations("质量管理体系 要求")
    assert found.index("GB/T 19001-2016") < found.index("GB/T 19001-2008")
    result = search(SearchQuery(text="质量管理体系 要求"))
    assert all(hit.score is not None for hit in result.hits)


def test_highlights_are_escaped_and_marked(catalogue):
    result = search(SearchQuery(text="管道"))
    assert "燃气<mark>管道</mark>非开挖" in result.hits[0].highlights["title_zh"]
    result = search(SearchQuery(text="河南"))
    assert result.hits[0].highlights["title_zh"].startswith("&lt;b&gt;<mark>河南</mark>&lt;/b&gt;")
    result = search(SearchQuery(text="lithium batt"))
    assert "<mark>batteries</mark>" in result.hits[0].highlights["title_en"]


# -- facets, filters, sorting, pages -----------------------------------------------------------


def _facet(result, key):
    return {f.value: f.count for f in result.facets[key]}


def test_facet_counts_equal_orm_counts(catalogue):
    result = search(SearchQuery(text="要求", page_size=100))
    ids = [hit.standard.id for hit in result.hits]
    matched = Standard.objects.filter(Q(title_zh__contains="要求") | Q(title_en__icontains="要求"))
    assert sorted(ids) == sorted(matched.values_list("id", flat=True))
    assert result.total == matched.count() == 4
    for tier, count in _facet(result, "tier").items():
        assert matched.filter(tier=tier).count() == count
    for status, count in _facet(result, "status").items():
        assert matched.filter(status=status).count() == count
    assert _facet(result, "year") == {"2016": 2, "2008": 1, "2000": 1}
    assert _facet(result, "ics") == {"03": 2, "35": 1}
    assert _facet(result, "ccs") == {"A": 2, "L": 1}
    assert _facet(result, "publisher") == {"SAMR": 4}
    labels = {f.value: f.label for f in result.facets["tier"]}
    assert labels["national"]


def test_browse_mode_lists_everything_newest_first_with_facets(catalogue):
    result = search(SearchQuery(text="", page_size=100))
    assert result.kind == "browse"
    assert result.total == Standard.objects.count() == len(catalogue)
    assert result.hits[0].standard.designation == "GB 31241-2022"
    assert _facet(result, "tier")["international"] == 5
    assert sum(f.count for f in result.facets["tier"]) == result.total


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"tier": ["international"]}, {"ISO 9001:2015", "ISO 9001:2008"}),
        ({"status": ["replaced"]}, {"GB/T 19001-2008", "GB/T 19001-2000"}),
        ({"publisher": ["ISO"]}, {"ISO 9001:2015", "ISO 9001:2008"}),
        ({"year": ["2016", "2015"]}, {"GB/T 19001-2016", "GB/T 19000-2016", "ISO 9001:2015"}),
        ({"ics": ["03"]}, {"GB/T 19001-2016", "GB/T 19001-2008", "ISO 9001:2015"}),
        ({"ics": ["03.120.10"]}, {"GB/T 19001-2016", "GB/T 19001-2008", "ISO 9001:2015"}),
        ({"ccs": ["A00"]}, {"GB/T 19001-2016", "GB/T 19001-2008"}),
        ({"ccs": ["a"]}, {"GB/T 19001-2016", "GB/T 19001-2008"}),
        (
            {"mandate": ["recommended"], "status": ["current"]},
            {"GB/T 19001-2016", "GB/T 19000-2016"},
        ),
    ],
)
def test_filters(catalogue, filters, expected):
    assert set(designations("quality management", filters=filters)) == expected


def test_filter_totals_match_facet_counts(catalogue):
    facets = search(SearchQuery(text="")).facets
    for key in ("tier", "status", "year", "ics", "ccs", "publisher"):
        for facet in facets[key]:
            filtered = search(SearchQuery(text="", filters={key: [facet.value]}))
            assert filtered.total == facet.count, (key, facet.value)


def test_sorting(catalogue):
    by_date = designations("quality", sort="date")
    assert by_date[0] == "GB/T 19001-2016" or by_date[0] == "GB/T 19000-2016"
    assert by_date[-1] == "GB/T 19001-2000"
    assert designations("quality", sort="-date")[0] == "GB/T 19001-2000"
    by_designation = designations("", sort="designation")
    assert by_designation.index("GB 31241-2022") < by_designation.index("GB 50204-2015")
    assert by_designation.index("GB/T 3100-1993") < by_designation.index("GB/T 19000-2016")


def test_pagination(catalogue):
    first = search(SearchQuery(text="", page_size=4, facets=False))
    second = search(SearchQuery(text="", page=2, page_size=4, facets=False))
    assert first.num_pages == 4 and first.total == len(catalogue)
    ids_first = {hit.standard.id for hit in first.hits}
    ids_second = {hit.standard.id for hit in second.hits}
    assert len(ids_first) == len(ids_second) == 4 and not ids_first & ids_second
    last = search(SearchQuery(text="", page=4, page_size=4))
    assert len(last.hits) == len(catalogue) - 12


def test_large_match_sets_use_the_cheap_order(catalogue, monkeypatch):
    from catalog.search import service

    monkeypatch.setattr(service, "RANK_LIMIT", 1)
    result = search(SearchQuery(text="要求", page_size=100))
    assert all(hit.score is None for hit in result.hits)
    keys = [
        (0 if h.standard.status == "current" else 1, -h.standard.issued.toordinal())
        for h in result.hits
    ]
    assert keys == sorted(keys)
    assert result.hits[-1].standard.designation == "GB/T 19001-2000"


def test_very_large_match_sets_get_estimated_facets(catalogue, monkeypatch):
    from django.db import connection

    from catalog.search import service

    exact = search(SearchQuery(text="quality"))
    assert exact.facets_approximate is False and exact.total_approximate is False
    monkeypatch.setattr(service, "FACET_EXACT_LIMIT", 2)
    monkeypatch.setattr(service, "FACET_SAMPLE", 1000)  # every document: same counts
    large = search(SearchQuery(text="quality"))
    # SQLite samples by id; PostgreSQL counts a set this small exactly in one pass.
    assert large.facets_approximate is (connection.vendor == "sqlite")
    assert large.total == exact.total and large.total_approximate is False
    assert {k: [(f.value, f.count) for f in v] for k, v in large.facets.items()} == {
        k: [(f.value, f.count) for f in v] for k, v in exact.facets.items()
    }
    monkeypatch.setattr(service, "FACET_SAMPLE", (exact.total + 1) // 2)
    halved = search(SearchQuery(text="quality"))
    # Counted over about half of the matches, scaled so that each facet sums to the total.
    assert halved.total == exact.total
    assert abs(sum(f.count for f in halved.facets["tier"]) - exact.total) <= 2
