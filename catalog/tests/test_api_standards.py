"""The standards endpoints of the REST API: list, filters, ordering, pages, detail, lookup."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from catalog.models import Standard
from catalog.tests.api_data import build_api_catalogue
from catalog.tests.edition_cases import converted_and_partly_replaced

pytestmark = pytest.mark.django_db

LIST = "/api/v1/standards/"


@pytest.fixture
def catalogue() -> dict[str, Standard]:
    return build_api_catalogue()


def designations(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["designation"] for row in response.json()["results"]]


def assert_error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["code"] == code
    assert isinstance(body["detail"], str) and body["detail"]
    return body


# -- list ---------------------------------------------------------------------------------


def test_list_is_paginated_and_lightweight(api, catalogue):
    body = api.get(LIST).json()
    assert body["count"] == 6
    assert body["page"] == 1 and body["num_pages"] == 1
    assert body["next"] is None and body["previous"] is None
    row = next(r for r in body["results"] if r["designation"] == "GB/T 19001-2016")
    assert row == {
        "id": catalogue["GB/T 19001-2016"].pk,
        "designation": "GB/T 19001-2016",
        "title_zh": "质量管理体系 要求",
        "title_en": "Quality management systems - Requirements",
        "tier": "national",
        "tier_label": row["tier_label"],
        "mandate": "recommended",
        "status": "current",
        "status_label": row["status_label"],
        "issued": "2016-12-30",
        "effective": "2017-07-01",
        "withdrawn": None,
        "publisher": "SAMR",
        "url": f"http://testserver/api/v1/standards/{catalogue['GB/T 19001-2016'].pk}/",
        "web_url": "http://testserver" + catalogue["GB/T 19001-2016"].get_absolute_url(),
    }
    assert row["status_label"] == "现行"


def test_list_default_order_is_by_designation(api, catalogue):
    assert designations(api.get(LIST)) == sorted(catalogue)


def test_list_query_count_does_not_grow_with_rows(api, catalogue, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        assert api.get(LIST).status_code == 200


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("tier=international", {"ISO 9001:2015"}),
        ("tier=international&tier=industry", {"ISO 9001:2015", "JB/T 5000.1-2007"}),
        ("status=replaced", {"GB/T 19001-2008"}),
        ("mandate=mandatory", {"GB 4943.1-2022"}),
        ("publisher=ISO", {"ISO 9001:2015"}),
        ("year=2016", {"GB/T 19001-2016", "GB/T 22080-2016"}),
        ("prefix=gb/t", {"GB/T 19001-2016", "GB/T 19001-2008", "GB/T 22080-2016"}),
        # ICS and CCS select the node and everything below it.
        # GB/T 22080's primary class is 35.030 (its second is 03.120.10): not under 03.
        ("ics=03", {"GB/T 19001-2016", "GB/T 19001-2008", "ISO 9001:2015"}),
        ("ics=35", {"GB/T 22080-2016", "GB 4943.1-2022"}),
        ("ics=35.030", {"GB/T 22080-2016"}),
        ("ccs=A", {"GB/T 19001-2016", "GB/T 19001-2008"}),
        ("ccs=A00/09", {"GB/T 19001-2016", "GB/T 19001-2008"}),
        ("ccs=l70", {"GB/T 22080-2016"}),
        ("tier=national&status=current&ics=03", {"GB/T 19001-2016"}),
    ],
)
def test_list_filters(api, catalogue, query, expected):
    response = api.get(f"{LIST}?{query}")
    assert set(designations(response)) == expected
    assert response.json()["count"] == len(expected)


def test_updated_since(api, catalogue):
    old = timezone.now() - datetime.timedelta(days=30)
    Standard.objects.exclude(designation="GB 4943.1-2022").update(updated_at=old)
    since = (timezone.now() - datetime.timedelta(days=1)).isoformat()
    assert designations(api.get(LIST, {"updated_since": since})) == ["GB 4943.1-2022"]
    assert len(designations(api.get(LIST, {"updated_since": "2000-01-01"}))) == 6


def test_ordering_by_issue_date_puts_missing_dates_last(api, catalogue):
    newest = designations(api.get(LIST, {"ordering": "-issued"}))
    assert newest[:2] == ["GB 4943.1-2022", "GB/T 19001-2016"]
    assert newest[-1] == "JB/T 5000.1-2007"
    oldest = designations(api.get(LIST, {"ordering": "issued"}))
    assert oldest[0] == "GB/T 19001-2008"
    assert oldest[-1] == "JB/T 5000.1-2007"
    assert designations(api.get(LIST, {"ordering": "designation"})) == sorted(catalogue)


@pytest.mark.parametrize("ordering", [",", ",designation", "designation,"])
def test_an_ordering_with_empty_entries_ignores_them(api, catalogue, ordering):
    response = api.get(LIST, {"ordering": ordering})
    assert response.status_code == 200
    if "designation" in ordering:
        assert designations(response) == sorted(catalogue)


@pytest.mark.parametrize("ordering", ["-", "-,designation", "colour"])
def test_an_ordering_by_no_field_is_a_clear_400(api, catalogue, ordering):
    response = api.get(LIST, {"ordering": ordering})
    assert response.status_code == 400 and "ordering" in response.json()["errors"]


def test_pages(api, catalogue):
    first = api.get(LIST, {"page_size": 4}).json()
    assert (first["count"], first["num_pages"], len(first["results"])) == (6, 2, 4)
    assert "page=2" in first["next"]
    second = api.get(LIST, {"page_size": 4, "page": 2}).json()
    assert second["page"] == 2 and len(second["results"]) == 2
    both = [r["designation"] for r in first["results"] + second["results"]]
    assert both == sorted(catalogue)


@pytest.mark.parametrize(
    ("query", "code", "field"),
    [
        ("page=99", "page_out_of_range", None),
        ("page=0", "invalid", "page"),
        ("page=abc", "invalid", "page"),
        ("page=-1", "invalid", "page"),
        ("page_size=101", "invalid", "page_size"),
        ("page_size=0", "invalid", "page_size"),
        ("page_size=x", "invalid", "page_size"),
        ("tier=planetary", "invalid", "tier"),
        ("status=dead", "invalid", "status"),
        ("publisher=NOPE", "invalid", "publisher"),
        ("year=abc", "invalid", "year"),
        ("year=99999999999999999999", "invalid", "year"),
        ("ics=99", "invalid", "ics"),
        ("ics=abc", "invalid", "ics"),
        ("ccs=Z99", "invalid", "ccs"),
        ("ordering=title_zh", "invalid", "ordering"),
        ("updated_since=yesterday", "invalid", "updated_since"),
    ],
)
def test_bad_list_parameters_answer_400_in_chinese(api, catalogue, query, code, field):
    body = assert_error(api.get(f"{LIST}?{query}"), 400, code)
    if field:
        assert field in body["errors"]
        assert body["detail"].startswith("参数无效")
    # Chinese by default: at least one CJK character in the message.
    assert any("\u4e00" <= ch <= "\u9fff" for ch in body["detail"])


def test_page_out_of_range_names_the_page_count(api, catalogue):
    body = assert_error(api.get(LIST, {"page": 3, "page_size": 4}), 400, "page_out_of_range")
    assert "3" in body["detail"] and "2" in body["detail"]


def test_english_when_chosen_with_the_language_switch(api, catalogue, settings):
    api.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = api.get(LIST, {"page": 9}).json()
    assert body["detail"] == "Page 9 is out of range (there are 1 pages)."


def test_write_methods_are_refused(api, catalogue):
    assert_error(api.post(LIST, {"designation": "GB 1-2020"}), 405, "method_not_allowed")
    pk = catalogue["GB/T 19001-2016"].pk
    assert_error(api.delete(f"{LIST}{pk}/"), 405, "method_not_allowed")


# -- detail ---------------------------------------------------------------------------------


def test_detail_has_every_field(api, catalogue):
    std = catalogue["GB/T 19001-2016"]
    body = api.get(f"{LIST}{std.pk}/").json()
    assert body["designation"] == "GB/T 19001-2016"
    assert body["series_key"] == "GB/T 19001"
    assert body["prefix"] == "GB/T" and body["year"] == 2016
    assert body["mandate"] == "recommended"
    assert body["committee"] == "SAC/TC 151"
    assert body["publisher"] == {
        "code": "SAMR",
        "name_zh": "国家市场监督管理总局",
        "name_en": "State Administration for Market Regulation",
    }
    assert body["ics"] == [
        {
            "code": "03.120.10",
            "name_zh": "质量管理和质量保证",
            "name_en": "Quality management and quality assurance",
        }
    ]
    assert body["ccs"] == [{"code": "A00", "name_zh": "标准化、质量管理"}]
    assert body["adoption"]["designation"] == "ISO 9001:2015"
    assert body["adoption"]["degree"] == "IDT"
    assert body["source"]["licence"] == "CC BY 4.0"
    assert body["source"]["as_of"] == "2025-06-01"
    assert body["as_of"] == "2025-06-01"
    old = catalogue["GB/T 19001-2008"]
    assert body["replaces"] == [
        {
            "designation": "GB/T 19001-2008",
            "partial": False,
            "id": old.pk,
            "url": f"http://testserver/api/v1/standards/{old.pk}/",
        }
    ]
    assert body["replaced_by"] == []
    assert [e["designation"] for e in body["current_editions"]] == ["GB/T 19001-2016"]
    timeline = body["timeline"]
    assert [e["designation"] for e in timeline] == ["GB/T 19001-2008", "GB/T 19001-2016"]
    assert [e["is_self"] for e in timeline] == [False, True]
    assert timeline[1]["is_current"] is True
    assert timeline[1]["replaces"] == [{"designation": "GB/T 19001-2008", "partial": False}]
    assert timeline[0]["id"] == old.pk


def test_detail_of_a_replaced_edition_points_to_the_current_one(api, catalogue):
    body = api.get(f"{LIST}{catalogue['GB/T 19001-2008'].pk}/").json()
    assert body["status"] == "replaced"
    assert body["withdrawn"] == "2017-07-01"
    assert [r["designation"] for r in body["replaced_by"]] == ["GB/T 19001-2016"]
    assert [e["designation"] for e in body["current_editions"]] == ["GB/T 19001-2016"]
    assert body["adoption"] is None


def test_detail_of_an_unknown_id_is_404(api, catalogue):
    body = assert_error(api.get(f"{LIST}999999/"), 404, "not_found")
    assert body["detail"] == "未找到。"
    assert api.get(f"{LIST}abc/").status_code == 404


# -- lookup by designation ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "spelling",
    ["GB/T 19001-2016", "gb/t19001-2016", "ＧＢ／Ｔ　１９００１—２０１６", " GB/T 19001—2016 "],
)
def test_lookup_of_a_dated_designation_in_any_spelling(api, catalogue, spelling):
    body = api.get(f"{LIST}lookup/", {"designation": spelling}).json()
    assert body["designation"] == "GB/T 19001-2016"
    assert body["dated"] is True
    assert body["standard"]["id"] == catalogue["GB/T 19001-2016"].pk
    assert body["standard"]["timeline"]
    assert [e["designation"] for e in body["editions"]] == ["GB/T 19001-2016"]


def test_lookup_of_an_undated_designation_gives_the_edition_in_force_and_all(api, catalogue):
    body = api.get(f"{LIST}lookup/", {"designation": "gbt19001"}).json()
    assert body["dated"] is False
    assert body["series_key"] == "GB/T 19001"
    assert body["standard"]["designation"] == "GB/T 19001-2016"
    assert [e["designation"] for e in body["editions"]] == ["GB/T 19001-2016", "GB/T 19001-2008"]


def test_lookup_of_an_unknown_designation_is_404_with_message(api, catalogue):
    body = assert_error(
        api.get(f"{LIST}lookup/", {"designation": "GB/T 99999-2020"}), 404, "not_found"
    )
    assert "GB/T 99999-2020" in body["detail"]


@pytest.mark.parametrize("text", ["hello world", "GB/T", "", "x" * 150])
def test_lookup_of_an_unreadable_designation_is_400_with_reason(api, catalogue, text):
    response = api.get(f"{LIST}lookup/", {"designation": text})
    body = assert_error(response, 400, "invalid_designation" if text else "invalid")
    if text:
        assert body["reason"]
        assert "无法" in body["detail"]


def test_lookup_needs_the_parameter(api, catalogue):
    body = assert_error(api.get(f"{LIST}lookup/"), 400, "invalid")
    assert "designation" in body["errors"]


def test_lookup_and_record_give_the_same_verdict_and_wording_as_the_page(api, db):
    converted, _code = converted_and_partly_replaced()
    body = api.get(f"{LIST}lookup/", {"designation": "GB 50010-2010"}).json()
    assert body["standard"] is None
    resolution = body["resolution"]
    assert (resolution["verdict"], resolution["current"], resolution["partly"]) == (
        "converted",
        ["GB/T 50010-2010"],
        ["GB 55008-2021"],
    )
    assert resolution["explanation"].startswith("GB 50010-2010 已转为 GB/T 50010-2010")
    record = api.get(f"{LIST}{converted.pk}/").json()
    assert record["resolution"]["verdict"] == "partly_replaced"
    assert record["resolution"]["explanation"] == (
        "GB/T 50010-2010 现行有效，但部分内容已由 GB 55008-2021 代替。"
    )
    assert [e["designation"] for e in record["current_editions"]] == [
        "GB/T 50010-2010",
        "GB 55008-2021",
    ]
