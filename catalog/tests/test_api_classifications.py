"""ICS and CCS trees through the REST API, with counts of standards per node."""

from __future__ import annotations

import pytest

from catalog.tests.api_data import build_api_catalogue, ok

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    return build_api_catalogue()


def counts(body: dict) -> dict[str, int]:
    return {node["code"]: node["count"] for node in body["results"]}


def test_top_level_of_ics_with_counts(api, catalogue):
    body = ok(api.get("/api/v1/ics/"))
    # GB/T 22080 is in 35.030 (primary) and in 03.120.10: counted under 35 only, as the
    # search facets and the web tree count it.
    assert counts(body) == {"03": 3, "35": 2}
    node = body["results"][0]
    assert node["name_en"] == "Services. Company organization"
    assert node["parent"] is None and node["level"] == 1
    assert node["url"] == "http://testserver/api/v1/ics/03/"
    assert node["standards_url"] == "http://testserver/api/v1/standards/?ics=03"


def test_children_and_levels(api, catalogue):
    assert counts(ok(api.get("/api/v1/ics/", {"parent": "35"}))) == {"35.030": 1, "35.040": 1}
    assert counts(ok(api.get("/api/v1/ics/", {"level": 2}))) == {
        "03.120": 3,
        "35.030": 1,
        "35.040": 1,
    }
    assert counts(ok(api.get("/api/v1/ccs/"))) == {"A": 2, "L": 1}
    assert counts(ok(api.get("/api/v1/ccs/", {"parent": "a"}))) == {"A00/09": 2}


def test_counts_match_the_filtered_standards_list(api, catalogue):
    for scheme in ("ics", "ccs"):
        for level in (1, 2, 3):
            for node in ok(api.get(f"/api/v1/{scheme}/", {"level": level}))["results"]:
                listed = ok(api.get(node["standards_url"]))
                assert listed["count"] == node["count"], node["code"]


def test_ics_node_detail(api, catalogue):
    body = ok(api.get("/api/v1/ics/03.120/"))
    assert body["code"] == "03.120" and body["count"] == 3
    assert body["ancestors"] == [{"code": "03", "name": "服务、公司组织"}]
    assert [(c["code"], c["count"]) for c in body["children"]] == [("03.120.10", 3)]


def test_ccs_group_with_a_slash_and_lowercase(api, catalogue):
    body = ok(api.get("/api/v1/ccs/A00/09/"))
    assert body["name_zh"] == "标准化管理与一般规定"
    assert body["children"][0]["code"] == "A00"
    assert ok(api.get("/api/v1/ccs/l70/"))["count"] == 1


def test_unknown_nodes_and_bad_parameters(api, catalogue):
    for url in ("/api/v1/ics/99.999/", "/api/v1/ccs/Z/"):
        response = api.get(url)
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"
    response = api.get("/api/v1/ics/", {"level": "deep"})
    assert response.status_code == 400 and "level" in response.json()["errors"]
    assert ok(api.get("/api/v1/ics/", {"parent": "nothing"}))["count"] == 0


def test_query_count_is_bounded(api, catalogue, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        ok(api.get("/api/v1/ics/", {"level": 3}))
    with django_assert_max_num_queries(8):
        ok(api.get("/api/v1/ics/03.120/"))
