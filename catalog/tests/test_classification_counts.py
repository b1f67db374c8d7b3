"""One definition of a class's count on the home page, the trees, search and the API."""

from __future__ import annotations

import re

import pytest

from catalog.importers.records import StandardRecord
from catalog.models import Standard, Status
from catalog.search import SearchQuery, search
from catalog.services.classifications import list_children
from catalog.services.imports import import_records
from catalog.tests.factories import StandardFactory
from catalog.tests.ui_data import build_catalogue

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    cat = build_catalogue()
    # Primary class 35.030, second class under 03: counted under 35 only, everywhere.
    StandardFactory(
        designation="GB/T 22081-2016",
        title_zh="信息技术 安全技术 信息安全控制实践指南",
        source=cat.isms.source,
        ics_codes=["35.030", "03.120.10"],
    )
    from catalog.search import index_standards

    index_standards(Standard.objects.values_list("pk", flat=True))
    return cat


def _tree_counts(client, url: str) -> dict[str, int]:
    html = client.get(url).content.decode()
    return {
        code: int(count)
        for code, count in re.findall(r'data-code="([^"]+)".*?data-count="(\d+)"', html, re.S)
    }


def test_home_tree_search_facets_and_api_agree_on_ics_counts(client, catalogue):
    tree = _tree_counts(client, "/ics/")
    assert tree == {"03": 4, "25": 1, "35": 2, "91": 1}
    facets = {f.value: f.count for f in search(SearchQuery(facets=True)).facets["ics"]}
    assert facets == {code: n for code, n in tree.items() if n}
    home = client.get("/").content.decode()
    top = re.search(r'data-testid="top-ics">.*?</ul>', home, re.S).group(0)
    shown = dict(re.findall(r'href="/ics/([0-9.]+)/".*?facet-count">([\d,]+)<', top, re.S))
    assert {code: int(n) for code, n in shown.items()} == facets
    api = client.get("/api/v1/ics/").json()["results"]
    assert {node["code"]: node["count"] for node in api} == tree
    for code, count in tree.items():
        filtered = search(SearchQuery(filters={"ics": [code]}, page_size=1))
        assert filtered.total == count, code
        page = client.get(f"/ics/{code}/").content.decode()
        assert re.search(rf'data-testid="node-total">{count} ', page), code


def test_deeper_nodes_count_what_they_list(client, catalogue):
    children = {item.node.code: item.count for item in list_children("ics", None)}
    assert children["35"] == 2
    assert _tree_counts(client, "/ics/35/") == {"35.030": 2}
    page = client.get("/ics/03.120/").content.decode()
    listed = re.findall(r'data-designation="([^"]+)"', page)
    assert re.search(r'data-testid="node-total">4 ', page)
    assert len(listed) == 4 and "GB/T 22081-2016" not in listed


def test_node_lists_current_standards_first(client, catalogue):
    page = client.get("/ics/03/").content.decode()
    listed = re.findall(r'data-designation="([^"]+)"', page)
    statuses = [Standard.objects.get(designation=d).status for d in listed]
    assert statuses == sorted(statuses, key=lambda s: s != Status.CURRENT)
    assert listed[0] in ("GB/T 19001-2016", "ISO 9001:2015")
    assert listed[-2:] == ["GB/T 19001-2008", "GB/T 19001-2000"]


def test_class_a_source_uses_but_ics_does_not_list_is_not_named_by_its_code(client, catalogue):
    import_records(
        [
            StandardRecord(
                designation="IEEE 1234-2010",
                title_en="Common Format for Event Data Exchange",
                status="withdrawn",
                ics=["29.240.99", "35.05"],
            )
        ],
        source_slug="relaton-ieee",
        fmt="relaton-yaml",
    )
    standard = Standard.objects.get(designation="IEEE 1234-2010")
    html = client.get(standard.get_absolute_url()).content.decode()
    assert "35.05 35.05" not in html and "35.05</a> 35.05" not in html
    assert re.search(r'href="/ics/35.05/">35.05</a> （ICS 第 7 版中无此分类）', html)


def test_ics_names_stay_english_with_a_note_when_no_chinese_names_are_loaded(client, db):
    from catalog.tests.factories import ics_node

    ics_node("35", "Information technology")
    html = client.get("/ics/").content.decode()
    assert "Information technology" in html
    assert 'data-testid="ics-names-note"' in html
