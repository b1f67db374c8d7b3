"""/api/ is the API's landing page; Swagger UI and ReDoc are titled in the site's language
and lead back to the site."""

from __future__ import annotations

import re

import pytest
from django.db.models import fields
from django.utils import translation

from catalog.models import Standard

pytestmark = pytest.mark.django_db


def test_api_landing_page_explains_the_api_and_links_to_docs_schema_and_tokens(client):
    response = client.get("/api/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="h3 mb-3">开放 API</h1>' in html
    for link in ("/api/v1/docs/", "/api/v1/redoc/", "/api/v1/schema/", "/accounts/tokens/"):
        assert f'href="{link}"' in html, link
    assert "Authorization: Token" in html
    for endpoint in ("/api/v1/standards/", "/api/v1/search/", "/api/v1/ics/", "/api/v1/checks/"):
        assert endpoint in html


@pytest.mark.parametrize(
    ("url", "title"),
    [
        ("/api/v1/docs/", "开放 API 接口文档（Swagger UI）· 标准化创新云服务平台"),
        ("/api/v1/redoc/", "开放 API 参考（ReDoc）· 标准化创新云服务平台"),
    ],
)
def test_docs_pages_are_titled_in_chinese_with_a_way_back(client, url, title):
    html = client.get(url).content.decode()
    assert '<html lang="zh-hans">' in html
    assert f"<title>{title}</title>" in html
    bar = re.search(r'data-testid="api-docs-bar">.*?</header>', html, re.S).group(0)
    assert 'href="/">← 返回标准化创新云服务平台</a>' in bar
    assert 'href="/api/"' in bar and 'aria-current="page"' in bar


def test_docs_pages_follow_the_chosen_language(client):
    client.cookies["django_language"] = "en"
    html = client.get("/api/v1/docs/").content.decode()
    assert '<html lang="en">' in html
    assert "Back to the Standardisation Innovation Cloud Service Platform" in html


def test_select_placeholders_are_chinese():
    with translation.override("zh-hans"):
        blank = str(Standard._meta.get_field("tier").formfield().choices[0][1])
    # Django 6 labels the empty choice "- Select an option -" (5.2: a row of dashes).
    if hasattr(fields, "BLANK_CHOICE_LABEL"):
        assert blank == "- 请选择 -"
    else:
        assert blank == "---------"
