"""Search, facets and export through the REST API, and its throttling of anonymous clients."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from catalog.tests.api_data import build_api_catalogue, ok

pytestmark = pytest.mark.django_db

SEARCH = "/api/v1/search/"
FACETS = "/api/v1/facets/"
EXPORT = "/api/v1/search/export/"


@pytest.fixture
def catalogue():
    return build_api_catalogue()


def assert_error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content
    body = response.json()
    assert body["code"] == code, body
    assert any("\u4e00" <= ch <= "\u9fff" for ch in body["detail"]), body
    return body


def test_search_answers_ranked_hits_with_highlights_and_facets(api, catalogue):
    body = ok(api.get(SEARCH, {"q": "质量管理"}))
    assert set(body) == {
        "count",
        "count_approximate",
        "page",
        "num_pages",
        "kind",
        "took_ms",
        "results",
        "facets",
        "facets_approximate",
    }
    assert body["count_approximate"] is False and body["facets_approximate"] is False
    found = [r["designation"] for r in body["results"]]
    assert {"GB/T 19001-2016", "GB/T 19001-2008"} <= set(found)
    assert body["count"] == len(found)
    assert body["kind"] == "text"
    hit = body["results"][0]
    assert "<mark>" in "".join(hit["highlights"].values())
    assert {"score", "exact", "url", "web_url", "tier_label"} <= set(hit)
    assert set(body["facets"]) == {"tier", "status", "publisher", "ics", "ccs", "year"}
    tiers = {f["value"]: f for f in body["facets"]["tier"]}
    assert tiers["national"]["count"] >= 2
    assert tiers["national"]["label"] == "国家标准"


def test_exact_designation_ranks_first(api, catalogue):
    body = ok(api.get(SEARCH, {"q": "GB/T 19001-2016"}))
    assert body["results"][0]["designation"] == "GB/T 19001-2016"
    assert body["results"][0]["exact"] is True
    assert body["kind"] == "designation"


def test_filters_sort_and_pages(api, catalogue):
    body = ok(api.get(SEARCH, {"q": "quality", "tier": "international"}))
    assert [r["designation"] for r in body["results"]] == ["ISO 9001:2015"]
    page = ok(api.get(SEARCH, {"q": "要求", "sort": "date", "page_size": 1, "page": 2}))
    assert page["page"] == 2 and len(page["results"]) == 1
    assert page["num_pages"] == page["count"] >= 3
    newest = ok(api.get(SEARCH, {"q": "要求", "sort": "date"}))["results"]
    assert newest[0]["designation"] == "GB 4943.1-2022"


@pytest.mark.parametrize(
    "q",
    [
        '"',
        "*",
        "NEAR",
        "-",
        "a NEAR b",
        '质量" OR "x',
        "AND OR NOT",
        "'; DROP TABLE x; --",
        "(",
        "^",
        "{}",
    ],
)
def test_fts_operator_characters_just_work(api, catalogue, q):
    body = ok(api.get(SEARCH, {"q": q}))
    assert body["count"] >= 0


def test_empty_query_browses_the_catalogue_newest_first(api, catalogue):
    body = ok(api.get(SEARCH, {"q": "", "status": "current"}))
    assert body["kind"] == "browse"
    assert body["count"] == 5
    assert body["results"][0]["designation"] == "GB 4943.1-2022"


def test_ten_thousand_characters_is_a_400(api, catalogue):
    body = assert_error(api.get(SEARCH, {"q": "质" * 10_000}), 400, "too_long")
    assert "查询过长" in body["detail"]


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"q": "质量", "page": 50}, "bad_page"),
        ({"q": "质量", "page": 0}, "invalid"),
        ({"q": "质量", "page_size": 101}, "invalid"),
        ({"q": "质量", "sort": "random"}, "invalid"),
        ({"q": "质量", "tier": "galactic"}, "invalid"),
        ({"q": "质量", "ics": "x.1"}, "invalid"),
        ({"q": "质量", "year": "20x6"}, "invalid"),
        ({"q": "质量", "publisher": "NOBODY"}, "unknown_filter_value"),
    ],
)
def test_bad_search_parameters_answer_400(api, catalogue, params, code):
    assert_error(api.get(SEARCH, params), 400, code)


def test_facets_only(api, catalogue):
    body = ok(api.get(FACETS, {"q": "质量管理"}))
    assert set(body) == {
        "count",
        "count_approximate",
        "kind",
        "took_ms",
        "facets",
        "facets_approximate",
    }
    search_body = ok(api.get(SEARCH, {"q": "质量管理"}))
    assert body["count"] == search_body["count"]
    assert body["facets"] == search_body["facets"]


def test_facets_with_filters_and_bad_input(api, catalogue):
    body = ok(api.get(FACETS, {"q": "要求", "status": "current"}))
    assert {f["value"] for f in body["facets"]["status"]} == {"current"}
    assert_error(api.get(FACETS, {"q": "x" * 10_000}), 400, "too_long")


def test_export_csv(api, catalogue):
    response = api.get(EXPORT, {"q": "质量管理", "format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Disposition"].endswith('.csv"')
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][0] == "标准编号" or rows[0][0]  # header in the active language
    exported = [row[0] for row in rows[1:]]
    assert {"GB/T 19001-2016", "GB/T 19001-2008"} <= set(exported)
    assert response["X-Export-Rows"] == str(len(exported))
    assert response["X-Export-Truncated"] == "false"


def test_export_xlsx_is_the_default(api, catalogue):
    response = api.get(EXPORT, {"q": "GB/T 19001"})
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    values = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert values[0] == "GB/T 19001-2016"
    assert "GB/T 19001-2008" in values


def test_export_bad_input_is_json(api, catalogue):
    body = assert_error(api.get(EXPORT, {"q": "x", "format": "pdf"}), 400, "invalid")
    assert "format" in body["errors"]
    response = api.get(EXPORT, {"q": "x" * 10_000, "format": "csv"})
    assert response["Content-Type"].startswith("application/json")
    assert_error(response, 400, "too_long")


def test_anonymous_search_is_throttled(api, catalogue, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"search": "3/min", "export": "1/min"},
    }
    for _ in range(3):
        ok(api.get(SEARCH, {"q": "质量"}))
    body = assert_error(api.get(FACETS, {"q": "质量"}), 429, "throttled")
    assert body["detail"]
    # Other endpoints are not counted against the search scope.
    ok(api.get("/api/v1/standards/"))
    assert api.get(EXPORT, {"q": "质量", "format": "csv"}).status_code == 200
    assert api.get(EXPORT, {"q": "质量", "format": "csv"}).status_code == 429


def test_signed_in_clients_are_not_throttled(api, catalogue, settings, django_user_model):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"search": "1/min", "export": "1/min"},
    }
    user = django_user_model.objects.create_user(username="reader", password="x-Secret-123")
    api.force_authenticate(user)
    for _ in range(3):
        ok(api.get(SEARCH, {"q": "质量"}))


def test_a_kept_answer_is_replaced_after_an_import(api, catalogue):
    from catalog.importers.records import StandardRecord
    from catalog.services.imports import import_records

    before = ok(api.get(SEARCH, {"q": "质量管理", "sort": "designation"}))
    again = ok(api.get(SEARCH, {"sort": "designation", "q": "质量管理"}))
    assert again["results"] == before["results"]
    record = StandardRecord(designation="GB/T 19004-2020", title_zh="质量管理 组织的质量", line=2)
    assert import_records([record], source_slug="spreadsheet", fmt="spreadsheet").created == 1
    after = ok(api.get(SEARCH, {"q": "质量管理", "sort": "designation"}))
    assert after["count"] == before["count"] + 1
    assert "GB/T 19004-2020" in [r["designation"] for r in after["results"]]
    facets = ok(api.get(FACETS, {"q": "质量管理"}))
    assert facets["count"] == after["count"]
