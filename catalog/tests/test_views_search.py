"""The search page through HTTP: results, highlights, facets, filters, sort, pages, htmx."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest

from catalog.tests.ui_data import build_catalogue, build_many

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    return build_catalogue()


def _designations(html: str) -> list[str]:
    """The designations of the hits, in page order."""
    return [
        unescape(d) for d in re.findall(r'<li class="hit p-3" data-designation="([^"]+)"', html)
    ]


def _facet(html: str, key: str) -> dict[str, tuple[int, bool, str]]:
    """value -> (count, active, url) of one facet group."""
    section = re.search(rf'data-facet="{key}".*?</section>', html, re.S)
    assert section, f"facet {key} missing"
    options = {}
    for match in re.finditer(
        r'<a class="facet-link( active)?" href="([^"]+)"[^>]*data-value="([^"]+)".*?'
        r'facet-count">([\d,]+)<',
        section.group(0),
        re.S,
    ):
        active, url, value, count = match.groups()
        options[unescape(value)] = (int(count.replace(",", "")), bool(active), unescape(url))
    return options


def test_home_shows_overview_and_autofocused_search_box(client, catalogue):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(r'<input type="search" id="q" name="q"[^>]*autofocus', html, re.S)
    assert 'hx-trigger="input changed delay:250ms, search"' in html
    assert 'data-testid="overview"' in html
    assert re.search(r'data-testid="total-standards">7<', html)
    # Tier counts of the whole catalogue as entry points.
    tiers = re.search(r'id="browse-tier".*?</section>', html, re.S).group(0)
    assert re.search(r'href="/search/\?tier=national".*?facet-count">5<', tiers, re.S)
    assert "/ics/" in html and "/ccs/" in html
    # (The names come from a vocabulary cache of the search service, so only codes are checked.)
    top_ics = re.search(r'data-testid="top-ics">.*?</ul>', html, re.S).group(0)
    assert re.search(
        r'href="/ics/03/">\s*<span class="facet-label">03[^<]*</span>\s*'
        r"<span[^>]*>4</span>",
        top_ics,
    )


def test_chinese_query_returns_highlighted_hits_and_facet_counts(client, catalogue):
    response = client.get("/search/", {"q": "信息安全"})
    html = response.content.decode()
    assert response.status_code == 200
    assert _designations(html) == ["GB/T 22080-2016"]
    assert "<mark>信息安全</mark>" in html
    assert _facet(html, "tier") == {
        "national": (1, False, "/search/?q=%E4%BF%A1%E6%81%AF%E5%AE%89%E5%85%A8&tier=national")
    }


def test_facet_counts_and_filter_chip(client, catalogue):
    html = client.get("/search/", {"q": "quality management"}).content.decode()
    tiers = _facet(html, "tier")
    assert tiers["national"][0] == 3
    assert tiers["international"][0] == 1
    statuses = _facet(html, "status")
    assert statuses["current"][0] == 2
    assert statuses["replaced"][0] == 2

    # Clicking the facet link filters; the active value is marked and offered as a chip.
    url = tiers["international"][2]
    filtered = client.get(url).content.decode()
    assert _designations(filtered) == ["ISO 9001:2015"]
    assert _facet(filtered, "tier")["international"][1] is True
    chip = re.search(r'<a class="filter-chip[^"]*" href="([^"]+)"', filtered)
    assert chip, "active filter chip missing"
    removed = parse_qs(urlsplit(unescape(chip.group(1))).query)
    assert removed == {"q": ["quality management"]}
    # The filter travels with the next typed query as a hidden field of the search form.
    assert '<input type="hidden" name="tier" value="international" form="search-form">' in filtered


def test_designation_search_ranks_exact_edition_first(client, catalogue):
    html = client.get("/search/", {"q": "gbt19001-2016"}).content.decode()
    hits = _designations(html)
    assert hits[0] == "GB/T 19001-2016"
    assert "标准号匹配" in html


def test_sort_by_date_and_designation(client, catalogue):
    newest = _designations(client.get("/search/", {"q": "19001", "sort": "date"}).content.decode())
    assert newest == ["GB/T 19001-2016", "GB/T 19001-2008", "GB/T 19001-2000"]
    oldest = _designations(client.get("/search/", {"q": "19001", "sort": "-date"}).content.decode())
    assert oldest == list(reversed(newest))
    html = client.get("/search/", {"q": "质量", "sort": "designation"}).content.decode()
    hits = _designations(html)
    assert hits == sorted(hits)
    assert re.search(r'class="btn btn-primary" href="[^"]*sort=designation"', html)


def test_pagination_links_and_second_page(client, db):
    build_many(25)
    first = client.get("/search/", {"q": "锂离子电池", "sort": "designation"}).content.decode()
    assert len(_designations(first)) == 20
    assert "共 25 条结果" in first
    page2 = re.search(r'<a class="page-link" href="([^"]+)"[^>]*data-page="2"', first)
    assert page2
    second = client.get(unescape(page2.group(1))).content.decode()
    hits = _designations(second)
    assert len(hits) == 5
    assert not set(hits) & set(_designations(first))


def test_htmx_request_gets_only_the_results_partial(client, catalogue):
    full = client.get("/search/", {"q": "混凝土"})
    partial = client.get("/search/", {"q": "混凝土"}, headers={"HX-Request": "true"})
    assert "<html" in full.content.decode()
    body = partial.content.decode()
    assert "<html" not in body and 'id="search-form"' not in body
    assert _designations(body) == ["GB 50010-2010"]
    assert "<mark>混凝土</mark>" in body
    # A history restore after a cache miss needs the whole page again.
    restore = client.get(
        "/search/",
        {"q": "混凝土"},
        headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )
    assert "<html" in restore.content.decode()


def test_no_hits_shows_help_and_examples(client, catalogue):
    html = client.get("/search/", {"q": "不存在的词语组合"}).content.decode()
    assert 'data-testid="no-results"' in html
    assert "未找到与“不存在的词语组合”相关的标准" in html
    assert "/search/?q=GB%2FT+19001" in html


@pytest.mark.parametrize(
    ("params", "needle"),
    [
        ({"q": "质" * 10_000}, "查询"),
        ({"q": '"信息 NEAR 安全" * -要求'}, ""),
        ({"q": "AND OR NOT ( ) ^ :"}, ""),
        ({"q": "'; DROP TABLE catalog_standard; --"}, ""),
        ({"q": "GB/T", "tier": "bogus"}, "筛选"),
        ({"q": "质量", "page": "9999"}, "页"),
        ({"q": "质量", "page": "abc"}, "页码"),
        ({"q": "质量", "page": "-3"}, "页码"),
        ({"q": "质量", "sort": "price"}, "排序"),
    ],
)
def test_bad_input_gives_a_friendly_message_never_a_500(client, catalogue, params, needle):
    for headers in ({}, {"HX-Request": "true"}):
        response = client.get("/search/", params, headers=headers)
        assert response.status_code == 200
        html = response.content.decode()
        if needle:
            assert re.search(
                r'data-testid="search-(error|notice)"[^>]*>.*?' + needle, html, re.S
            ), html[:3000]


def test_unknown_facet_value_can_be_removed_again(client, catalogue):
    html = client.get("/search/", {"q": "质量", "tier": "bogus"}).content.decode()
    chip = re.search(r'<a class="filter-chip[^"]*" href="([^"]+)"', html)
    assert chip
    assert parse_qs(urlsplit(unescape(chip.group(1))).query) == {"q": ["质量"]}


def test_export_links_carry_the_current_query(client, catalogue):
    html = client.get("/search/", {"q": "质量", "tier": "national", "page": "1"}).content.decode()
    xlsx = re.search(r'href="([^"]+)" data-testid="export-xlsx"', html).group(1)
    csv_url = re.search(r'href="([^"]+)" data-testid="export-csv"', html).group(1)
    assert urlsplit(unescape(xlsx)).path == "/search/export.xlsx"
    assert parse_qs(urlsplit(unescape(xlsx)).query) == {"q": ["质量"], "tier": ["national"]}
    assert urlsplit(unescape(csv_url)).path == "/search/export.csv"


def test_page_out_of_range_offers_the_first_page(client, catalogue):
    html = client.get("/search/", {"q": "质量", "page": "9999"}).content.decode()
    assert "页码超出范围" in html
    link = re.search(r'class="alert-link" href="([^"]+)"', html)
    assert link
    assert parse_qs(urlsplit(unescape(link.group(1))).query) == {"q": ["质量"]}


def test_estimated_counts_are_labelled(client, catalogue, monkeypatch):
    from catalog.views import search as search_views

    real_search = search_views.search

    def estimating_search(query):
        result = real_search(query)
        result.total_approximate = result.facets_approximate = True
        return result

    monkeypatch.setattr(search_views, "search", estimating_search)
    html = client.get("/search/", {"q": "quality management"}).content.decode()
    assert "约 4 条结果" in html
    assert 'data-testid="facets-approximate"' in html


@pytest.mark.parametrize(
    ("total_approximate", "facets_approximate"),
    [(False, True), (False, False), (True, False)],
)
def test_count_exactly_is_offered_only_for_an_estimated_count(
    client, catalogue, monkeypatch, total_approximate, facets_approximate
):
    from catalog.views import search as search_views

    real_search = search_views.search

    def estimating_search(query):
        result = real_search(query)
        result.total_approximate = total_approximate
        result.facets_approximate = facets_approximate
        return result

    monkeypatch.setattr(search_views, "search", estimating_search)
    html = client.get("/search/", {"q": "quality management"}).content.decode()
    heading = re.search(r'data-testid="result-count">.*?</h2>', html, re.S).group(0)
    # The exact total of a sampled-facets result is already exact: no 精确统计 beside it.
    assert ('data-testid="count-exactly"' in heading) is total_approximate
    facets = re.search(r'data-testid="facets".*?</section>', html, re.S).group(0)
    assert ("精确统计" in facets) is facets_approximate
    if not (total_approximate or facets_approximate):
        assert "精确统计" not in html


def test_filters_come_before_the_results_in_the_page(client, catalogue):
    html = client.get("/search/", {"q": "quality management"}).content.decode()
    assert html.index('data-testid="facet-toggle"') < html.index('data-testid="hits"')
    toggle = re.search(r'data-testid="facet-toggle">([^<]*)<', html).group(1)
    assert toggle.strip() == "筛选"
