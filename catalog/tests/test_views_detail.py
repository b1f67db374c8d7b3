"""Standard detail, browse trees, error pages and the language switch through HTTP."""

from __future__ import annotations

import re
from html import unescape

import pytest

from catalog.models import Replacement, Status
from catalog.tests.edition_cases import converted_and_partly_replaced
from catalog.tests.factories import StandardFactory
from catalog.tests.ui_data import build_catalogue

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    return build_catalogue()


def test_detail_page_shows_the_record(client, catalogue):
    response = client.get("/standards/GB/T%2019001-2016/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="h3 mb-0 detail-designation">GB/T 19001-2016</h1>' in html
    assert "质量管理体系 要求" in html
    assert "Quality management systems - Requirements" in html
    assert re.search(r'data-testid="status">现行<', html)
    assert re.search(r'data-testid="tier">国家标准 · 推荐性 <span[^>]*>\(GB/T\)</span>', html)
    assert "2016-12-30" in html and "2017-07-01" in html
    # ICS and CCS with names, linking to the browse pages.
    assert re.search(r'href="/ics/03.120.10/">03.120.10</a> 质量管理和质量保证', html)
    assert re.search(r'href="/ccs/A00/">A00</a> 标准化、质量管理', html)
    assert "SAC/TC 151" in html
    assert "国家市场监督管理总局" in html
    # Adoption with degree; the adopted ISO standard is in the catalogue, so it is a link.
    adoption = re.search(r'data-testid="adoption">.*?</dd>', html, re.S).group(0)
    assert 'href="/standards/ISO%209001:2015/"' in adoption
    assert "等同采用" in adoption
    # Source, licence and as-of date.
    source = re.search(r'data-testid="source">.*?</aside>', html, re.S).group(0)
    assert 'href="https://example.org/catalogue"' in source and "测试目录快照" in source
    assert "CC BY 4.0" in source and "2025-06-01" in source


def test_timeline_lists_editions_oldest_first_with_current_highlighted(client, catalogue):
    html = client.get(catalogue.qms_2008.get_absolute_url()).content.decode()
    timeline = re.search(r'data-testid="timeline">.*?</ol>', html, re.S).group(0)
    items = re.findall(r'<li class="timeline-item([^"]*)" data-designation="([^"]+)"', timeline)
    assert [d for _, d in items] == ["GB/T 19001-2000", "GB/T 19001-2008", "GB/T 19001-2016"]
    classes = {d: c for c, d in items}
    assert "is-current" in classes["GB/T 19001-2016"]
    assert (
        "is-self" in classes["GB/T 19001-2008"] and "is-current" not in classes["GB/T 19001-2008"]
    )
    # The viewed edition says what it replaces and what replaced it.
    entry = re.search(r'data-designation="GB/T 19001-2008".*?</li>', timeline, re.S).group(0)
    dates = re.findall(r"<span>(发布|实施|废止) ([\d-]+)</span>", entry)
    assert dates == [("发布", "2008-10-29"), ("实施", "2009-03-01"), ("废止", "2017-07-01")]
    assert re.search(r"代替.*GB/T 19001-2000", entry, re.S)
    assert re.search(r"被代替.*GB/T 19001-2016", entry, re.S)
    # A replaced edition points at the edition in force.
    assert re.search(r'data-testid="in-force">.*?href="/standards/GB/T%2019001-2016/"', html, re.S)


def test_timeline_shows_partial_one_to_many_replacements(client, catalogue):
    old = StandardFactory(
        designation="GB/T 4943-2001", status=Status.REPLACED, title_zh="信息技术设备的安全"
    )
    part1 = StandardFactory(designation="GB 4943.1-2011", title_zh="信息技术设备 安全 第1部分")
    part23 = StandardFactory(designation="GB 4943.23-2012", title_zh="信息技术设备 安全 第23部分")
    for new in (part1, part23):
        Replacement.objects.create(
            predecessor=old,
            successor=new,
            predecessor_designation=old.designation,
            successor_designation=new.designation,
            partial=True,
            source=old.source,
        )
    html = client.get(old.get_absolute_url()).content.decode()
    entry = re.search(r'data-designation="GB/T 4943-2001".*?</li>', html, re.S).group(0)
    assert re.search(r'href="/standards/GB%204943.1-2011/">GB 4943.1-2011</a> \(部分\)', entry)
    assert re.search(r'href="/standards/GB%204943.23-2012/">GB 4943.23-2012</a> \(部分\)', entry)
    in_force = re.search(r'data-testid="in-force">.*?</div>', html, re.S).group(0)
    assert "GB 4943.1-2011" in in_force and "GB 4943.23-2012" in in_force


def test_non_canonical_spelling_redirects_to_canonical_url(client, catalogue):
    response = client.get("/standards/gbt19001-2016/")
    assert response.status_code == 301
    assert response["Location"] == "/standards/GB/T%2019001-2016/"
    fullwidth = client.get("/standards/ＧＢ／Ｔ　１９００１—２０１６/")
    assert fullwidth.status_code == 301
    assert fullwidth["Location"] == "/standards/GB/T%2019001-2016/"


def test_undated_designation_redirects_to_current_edition(client, catalogue):
    response = client.get("/standards/GB/T%2019001/")
    assert response.status_code == 302
    assert response["Location"] == "/standards/GB/T%2019001-2016/"


def test_unknown_designation_is_a_404_with_a_search_suggestion(client, catalogue):
    response = client.get("/standards/GB/T%2099999-2099/")
    html = response.content.decode()
    assert response.status_code == 404
    assert 'data-testid="not-found"' in html
    assert re.search(r'<input[^>]*name="q" value="GB/T 99999-2099"', html)
    garbage = client.get("/standards/%3C%3E%22!!/")
    assert garbage.status_code == 404
    assert "&lt;&gt;&quot;!!" in garbage.content.decode()


def test_generic_404_page(client, db):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "页面不存在" in html and 'action="/search/"' in html


def test_ics_root_counts_by_sql(client, catalogue, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        html = client.get("/ics/").content.decode()
    counts = dict(re.findall(r'data-code="([^"]+)".*?data-count="(\d+)"', html, re.S))
    assert counts == {"03": "4", "25": "1", "35": "1", "91": "1"}


def test_ics_node_shows_breadcrumb_children_and_standards(client, catalogue):
    html = client.get("/ics/03.120/").content.decode()
    crumbs = re.search(r'data-testid="breadcrumb">.*?</ol>', html, re.S).group(0)
    assert 'href="/ics/"' in crumbs and 'href="/ics/03/"' in crumbs and "03.120 质量" in crumbs
    counts = dict(re.findall(r'data-code="([^"]+)".*?data-count="(\d+)"', html, re.S))
    assert counts == {"03.120.10": "4"}
    hits = re.findall(r'<li class="hit p-3" data-designation="([^"]+)"', html)
    assert sorted(hits) == [
        "GB/T 19001-2000",
        "GB/T 19001-2008",
        "GB/T 19001-2016",
        "ISO 9001:2015",
    ]


def test_ccs_group_node_lists_its_classes(client, catalogue):
    root = client.get("/ccs/").content.decode()
    counts = dict(re.findall(r'data-code="([^"]+)".*?data-count="(\d+)"', root, re.S))
    assert counts == {"A": "3", "L": "1", "P": "1"}
    html = client.get("/ccs/A00/09/").content.decode()
    counts = dict(re.findall(r'data-code="([^"]+)".*?data-count="(\d+)"', html, re.S))
    assert counts == {"A00": "3", "A01": "0"}
    hits = re.findall(r'<li class="hit p-3" data-designation="([^"]+)"', html)
    assert len(hits) == 3
    assert client.get("/ccs/Z99/").status_code == 404


def test_english_switch(client, catalogue):
    # Chinese by default, even for a browser that prefers English.
    html = client.get("/", headers={"Accept-Language": "en-US,en;q=0.9"}).content.decode()
    assert '<html lang="zh-hans">' in html and "检索标准目录" in html
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/search/?q=19001"})
    assert response.status_code == 302
    assert response["Location"] == "/search/?q=19001"
    html = client.get("/search/?q=19001").content.decode()
    assert '<html lang="en">' in html
    assert "Standards Innovation" in html or "Cloud Service Platform" in html
    assert "Current" in html and "现行" not in html
    detail = client.get("/standards/GB/T%2019001-2016/").content.decode()
    assert "Edition timeline" in detail and "Quality management and quality assurance" in detail
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    assert "版本沿革" in client.get("/standards/GB/T%2019001-2016/").content.decode()


EXTERNAL_RESOURCE = (
    r"""<(?:script|link|img|iframe|source|object|embed)\b[^>]*\b(?:src|href)=["']?(?:https?:)?//"""
)


def test_csp_check_ignores_a_csrf_token_containing_cdn(client, catalogue, monkeypatch):
    from django.middleware import csrf

    monkeypatch.setattr(csrf, "_get_new_csrf_string", lambda: "cdn" + "x" * 29)
    html = client.get("/accounts/login/").content.decode()
    assert "cdn" in html.lower()  # the token is in the page
    assert re.findall(EXTERNAL_RESOURCE, html, flags=re.IGNORECASE) == []
    assert re.findall(EXTERNAL_RESOURCE, '<script src="https://cdn.example/x.js">') != []


@pytest.mark.parametrize(
    "url",
    ["/", "/search/?q=质量", "/standards/GB/T%2019001-2016/", "/ics/", "/ccs/A/", "/sources/"],
)
def test_pages_keep_the_strict_csp(client, catalogue, url):
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "script-src 'self'" in response["Content-Security-Policy"]
    # No inline script, no inline event handler, no style attribute, no CDN.
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert not re.search(r"\son[a-z]+=", html)
    assert not re.search(r"\sstyle=", html)
    # Nothing loaded from another host. (Searching the page for "cdn" failed whenever the
    # random CSRF token contained those letters; the addresses are what matters.)
    assert re.findall(EXTERNAL_RESOURCE, html, flags=re.IGNORECASE) == []
    assert "/static/vendor/htmx/htmx.min.js" in html
    assert "includeIndicatorStyles" in html


def test_sources_page_credits_the_data(client, catalogue):
    html = client.get("/sources/").content.decode()
    assert "测试目录快照" in html and "CC BY 4.0" in html
    assert unescape(re.search(r'<td class="text-end">(\d+)</td>', html).group(1)) == "7"


def test_error_pages_are_chinese_and_self_contained(rf, db):
    from django.core.exceptions import BadRequest, PermissionDenied
    from django.views import defaults

    request = rf.get("/")
    server = defaults.server_error(request)
    assert server.status_code == 500
    assert "服务器错误" in server.content.decode()
    assert "/static/vendor/bootstrap/css/bootstrap.min.css" in server.content.decode()
    forbidden = defaults.permission_denied(request, PermissionDenied())
    assert forbidden.status_code == 403 and "无权访问" in forbidden.content.decode()
    bad = defaults.bad_request(request, BadRequest())
    assert bad.status_code == 400 and "请求无效" in bad.content.decode()


def test_status_and_tier_labels_survive_other_apps_catalogues(client, db):
    # Other apps translate "Withdrawn" and "Enterprise" differently; contexts keep them apart.
    std = StandardFactory(
        designation="Q/ABC 001-2020", status=Status.WITHDRAWN, title_zh="企业产品标准"
    )
    html = client.get(std.get_absolute_url()).content.decode()
    assert re.search(r'data-testid="status">废止<', html)
    assert re.search(r'data-testid="tier">企业标准', html)


def test_converted_designation_page_explains_the_conversion(client, db):
    converted_and_partly_replaced()
    response = client.get("/standards/GB%2050010-2010/")
    assert response.status_code == 404  # the old designation itself is not catalogued
    html = unescape(response.content.decode())
    assert 'data-verdict="converted"' in html
    assert "GB 50010-2010 已转为 GB/T 50010-2010：同一版本，编号变更。" in html
    assert "部分内容已由 GB 55008-2021 代替" in html
    assert 'href="/standards/GB/T%2050010-2010/"' in html


def test_partly_replaced_standard_page_says_so_and_links_the_code(client, db):
    converted_and_partly_replaced()
    html = unescape(client.get("/standards/GB/T%2050010-2010/").content.decode())
    assert 'data-verdict="partly_replaced"' in html
    assert "GB/T 50010-2010 现行有效，但部分内容已由 GB 55008-2021 代替。" in html
    in_force = re.search(r'data-testid="in-force">.*?</div>', html, re.S).group(0)
    assert "GB 55008-2021" in in_force
