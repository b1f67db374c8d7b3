"""The first run is honest: examples come from what is loaded and find something, and the
home page says what the catalogue holds and how an administrator loads more."""

from __future__ import annotations

import datetime
import re
from html import unescape

import pytest
from django.contrib.auth.models import Permission

from catalog.importers.records import StandardRecord
from catalog.search import SearchQuery, search
from catalog.services.imports import import_records
from catalog.services.suggestions import suggest_examples
from catalog.tests.factories import ccs_node
from catalog.tests.ui_data import build_catalogue

pytestmark = pytest.mark.django_db

# What the home page offered before, whatever was loaded.
OLD_FIXED_EXAMPLES = ("信息安全", "混凝土结构", "GB/T 19001", "quality management", "管道")


@pytest.fixture
def catalogue():
    return build_catalogue()


def _total(text: str) -> int:
    return search(SearchQuery(text=text, page_size=1, facets=False)).total


def _every_example(suggestions) -> list[str]:
    examples = [*suggestions.chips, *suggestions.spellings]
    if suggestions.number:
        examples.append(suggestions.number)
    if suggestions.substring:
        examples.extend(suggestions.substring)
    return examples


def _chips(html: str) -> list[str]:
    return [unescape(t) for t in re.findall(r'data-example="([^"]+)"', html)]


def test_every_suggested_example_finds_standards(client, catalogue):
    suggestions = suggest_examples()
    # The test catalogue has national and industry standards, ISO 9001 and CCS words.
    assert suggestions.designations == ["GB/T 19001", "JB/T 10000"]
    assert suggestions.international == ["ISO 9001"]
    assert set(suggestions.chinese_terms) <= {"质量管理", "信息技术", "技术管理"}
    assert suggestions.chinese_terms and suggestions.english_terms
    assert suggestions.number and suggestions.substring and suggestions.spellings
    for example in _every_example(suggestions):
        assert _total(example) >= 1, example
    # The pages offer exactly those, and each chip leads to hits.
    home = client.get("/").content.decode()
    assert _chips(home) == suggestions.chips
    designation, word = suggestions.placeholder_examples
    assert f"如 {designation} 或 {word}" in home
    for chip in _chips(home):
        page = client.get("/search/", {"q": chip}).content.decode()
        assert 'data-testid="hits"' in page, chip


def test_no_results_hints_use_examples_that_find_something(client, catalogue):
    html = client.get("/search/", {"q": "不存在的词语"}).content.decode()
    assert 'data-testid="no-results"' in html
    suggestions = suggest_examples()
    number = re.search(r'data-testid="hint-number">[^<]*?(\d+)', html).group(1)
    assert number == suggestions.number and _total(number) >= 1
    short, long = suggestions.substring
    assert f"“{short}”可找到“{long}”" in html
    assert long in "".join(h.standard.title_zh for h in search(SearchQuery(text=short)).hits)
    assert "管道" not in html and "燃气管道" not in html
    assert _chips(html) == suggestions.chips


def test_suggestions_change_after_an_import(client, catalogue):
    before = suggest_examples()
    ccs_node("K81", "电池", 3)
    import_records(
        [
            StandardRecord(
                designation=f"DB41/T {2400 + n}-2024",
                title_zh=f"锂离子电池 储能系统 第{n}部分",
                status="current",
                issued=datetime.date(2024, 5, n + 1),
                ccs=["K81"],
            )
            for n in range(4)
        ],
        source_slug="spreadsheet",
        fmt="spreadsheet",
    )
    after = suggest_examples()
    assert after != before
    assert "DB41/T 2403" in after.designations
    assert "电池" in after.chinese_terms
    for example in _every_example(after):
        assert _total(example) >= 1, example
    assert "电池" in _chips(client.get("/").content.decode())


def test_fixed_examples_that_find_nothing_are_not_offered(client, db):
    html = client.get("/").content.decode()
    assert 'data-testid="examples"' not in html
    assert 'data-testid="holdings-empty"' in html
    assert 'placeholder="标准号、中文或英文名称"' in html
    for old in OLD_FIXED_EXAMPLES:
        assert old not in html, old


def test_home_says_what_the_catalogue_holds_by_tier_and_source(client, catalogue):
    html = client.get("/").content.decode()
    summary = re.search(r'data-testid="holdings-summary">(.*?)</p>', html, re.S).group(1)
    assert "共 7 项标准：国际标准 1 项，中国标准 6 项。" in summary
    assert "尚未载入地方标准、团体标准。" in summary
    row = re.search(r'<tr data-source="ui-test">(.*?)</tr>', html, re.S).group(1)
    assert "测试目录快照" in row and "2025-06-01" in row
    assert "国家标准 5" in row and "行业标准 1" in row and "国际标准 1" in row
    # Visitors are not shown how to import.
    assert 'data-testid="import-guide"' not in html


def test_an_importer_is_told_how_to_load_catalogues(client, catalogue, django_user_model):
    user = django_user_model.objects.create_user("editor", "editor@example.cn", "Qx7!mPz9#Lw2")
    user.user_permissions.add(Permission.objects.get(codename="add_standard"))
    client.force_login(user)
    html = client.get("/").content.decode()
    guide = re.search(r'data-testid="import-guide">.*?</section>', html, re.S).group(0)
    for field in ("C_STD_CODE", "C_C_NAME", "C_SUPERSEDE_CODE", "标准号", "Relaton"):
        assert field in guide
    assert "docs/import-template.md" in guide
    # The web import page and the command line are both offered.
    assert 'href="/import/" data-testid="import-link"' in guide and "stdbase import FILE" in guide
    response = client.get(re.search(r'href="([^"]+)" data-testid="template-download"', guide)[1])
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:2] == b"PK"
