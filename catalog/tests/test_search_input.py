"""Bad input to the search service answers with a SearchError or an empty result, never a crash."""

from __future__ import annotations

import pytest

from catalog.search import SearchError, SearchQuery, search
from catalog.tests.search_data import build_search_catalogue

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    return build_search_catalogue()


def test_too_long_query_is_refused(catalogue):
    with pytest.raises(SearchError) as info:
        search(SearchQuery(text="管道" * 5000))
    assert "查询过长" in info.value.message


@pytest.mark.parametrize("text", ['"', "*", "-", "()", "^", ":", "'", "\\", "%", "_"])
def test_operator_characters_alone_find_nothing(catalogue, text):
    result = search(SearchQuery(text=text))
    assert result.total == 0 and result.hits == []


@pytest.mark.parametrize(
    "text",
    [
        '"管道',
        "管道*",
        "管道 -燃气",
        "燃气 NEAR 管道",
        "燃气 OR 管道",
        "NOT 管道",
        "(管道)",
        "des:管道",
        "txt : 管道",
        "管道' OR 1=1 --",
        "{des} : 管道",
        "管道:*",
        "管道 <-> 燃气",
    ],
)
def test_operator_characters_are_plain_text(catalogue, text):
    result = search(SearchQuery(text=text))
    # The operators are ignored as punctuation or searched as words ("near", "or").
    for hit in result.hits:
        assert hit.standard.designation == "CJJ/T 147-2010"


def test_operator_words_are_searched_as_words(catalogue):
    assert search(SearchQuery(text="NEAR")).total == 0
    assert search(SearchQuery(text="管道 NOT")).total == 0
    assert search(SearchQuery(text="管道 *")).total == 1


def test_malformed_designation_is_text(catalogue):
    result = search(SearchQuery(text="GB/T"))
    assert result.kind == "text"
    result = search(SearchQuery(text="GB/T 19001-20166"))
    assert result.total >= 0


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ({"colour": ["red"]}, "未知的筛选条件"),
        ({"tier": ["galactic"]}, "未知的筛选值"),
        ({"status": ["current", "zombie"]}, "未知的筛选值"),
        ({"publisher": ["NOPE"]}, "未知的筛选值"),
        ({"year": ["20x6"]}, "未知的筛选值"),
        ({"ics": ["35.030'; DROP TABLE x"]}, "未知的筛选值"),
        ({"ccs": ["%"]}, "未知的筛选值"),
        ({"mandate": ["maybe"]}, "未知的筛选值"),
    ],
)
def test_unknown_filters_and_values(catalogue, filters, message):
    with pytest.raises(SearchError) as info:
        search(SearchQuery(text="quality", filters=filters))
    assert message in info.value.message


def test_empty_filter_values_are_ignored(catalogue):
    plain = search(SearchQuery(text="quality"))
    assert search(SearchQuery(text="quality", filters={"tier": ["", " "]})).total == plain.total


@pytest.mark.parametrize("page", [0, -1, 99])
def test_page_out_of_range(catalogue, page):
    with pytest.raises(SearchError) as info:
        search(SearchQuery(text="quality", page=page))
    assert "页码超出范围" in info.value.message


def test_second_page_of_nothing_is_out_of_range(catalogue):
    assert search(SearchQuery(text="不存在的词")).total == 0
    with pytest.raises(SearchError):
        search(SearchQuery(text="不存在的词", page=2))


@pytest.mark.parametrize("size", [0, 101])
def test_page_size_bounds(catalogue, size):
    with pytest.raises(SearchError):
        search(SearchQuery(text="quality", page_size=size))


def test_unknown_sort(catalogue):
    with pytest.raises(SearchError):
        search(SearchQuery(text="quality", sort="random"))
