"""The search and detail pages in a real headless Chromium (Playwright, system browser)."""

from __future__ import annotations

import re

import pytest

from catalog.models import Replacement, Standard
from catalog.search import rebuild_index
from catalog.tests.ui_data import build_catalogue, build_many

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def catalogue(transactional_db):
    catalogue = build_catalogue()
    build_many(25)
    # The index tables are not Django models: rebuild them from this test's rows.
    rebuild_index()
    yield catalogue
    Replacement.objects.all().delete()
    Standard.objects.all().delete()
    rebuild_index()


def _hits(page):
    return page.locator('[data-testid="hits"] > li')


def _mark_document(page) -> None:
    """Tag the loaded document; a full page load would lose the tag."""
    page.evaluate("document.documentElement.dataset.loaded = 'once'")


def _assert_same_document(page) -> None:
    assert page.evaluate("document.documentElement.dataset.loaded") == "once"


def test_type_filter_sort_and_paginate_without_reload(page, live_server, catalogue):
    page.goto(live_server.url + "/")
    expect(page.locator('[data-testid="overview"]')).to_be_visible()
    box = page.locator("#q")
    expect(box).to_be_focused()
    _mark_document(page)

    # Search as you type: results arrive without a page load, the URL follows.
    box.press_sequentially("quality management", delay=20)
    expect(_hits(page).first).to_be_visible()
    expect(
        page.locator('[data-testid="hits"] li[data-designation="GB/T 19001-2016"]')
    ).to_be_visible()
    expect(page.locator("mark").first).to_have_text(re.compile("quality", re.I))
    expect(page).to_have_url(re.compile(r"/search/\?q=quality(\+|%20)management$"))
    _assert_same_document(page)

    # A facet filter narrows the list and becomes a removable chip.
    page.locator('[data-facet="tier"] a[data-value="international"]').click()
    expect(_hits(page)).to_have_count(1)
    expect(_hits(page).first).to_have_attribute("data-designation", "ISO 9001:2015")
    chip = page.locator('[data-testid="active-filters"] .filter-chip')
    expect(chip).to_contain_text("国际标准")
    expect(page).to_have_url(re.compile(r"tier=international"))
    chip.click()
    expect(page.locator('[data-testid="active-filters"]')).to_have_count(0)
    expect(_hits(page)).to_have_count(4)

    # Sorting by date puts the newest edition first, the oldest last.
    page.locator('a[data-sort="-date"]').click()
    expect(page.locator('a[data-sort="-date"]')).to_have_attribute("aria-current", "true")
    expect(_hits(page).first).to_have_attribute("data-designation", "GB/T 19001-2000")
    page.locator('a[data-sort="date"]').click()
    expect(_hits(page).first).to_have_attribute("data-designation", "GB/T 19001-2016")
    _assert_same_document(page)

    # A new query keeps the sort; pagination moves through 25 hits.
    box.fill("锂离子电池")
    expect(page.locator('[data-testid="result-count"]')).to_contain_text("25")
    expect(_hits(page)).to_have_count(20)
    page.locator('a.page-link[data-page="2"]').click()
    expect(_hits(page)).to_have_count(5)
    expect(page.locator(".page-item.active")).to_have_text("2")
    expect(page).to_have_url(re.compile(r"page=2"))
    _assert_same_document(page)

    # The back button restores the first page.
    page.go_back()
    expect(_hits(page)).to_have_count(20)


def test_works_without_javascript(browser, live_server, catalogue):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/")
    page.locator("#q").fill("混凝土")
    page.locator('#search-form button[type="submit"]').click()
    expect(_hits(page)).to_have_count(1)
    page.locator('[data-facet="tier"] a[data-value="national"]').click()
    expect(page.locator('[data-testid="active-filters"]')).to_be_visible()
    context.close()


def test_open_detail_and_see_the_timeline(page, live_server, catalogue):
    page.goto(live_server.url + "/search/?q=GB/T+19001-2008")
    link = page.locator('[data-testid="hits"] li[data-designation="GB/T 19001-2008"] a').first
    link.click()
    expect(page).to_have_url(re.compile(r"/standards/GB/T%2019001-2008/$"))
    expect(page.locator("h1")).to_have_text("GB/T 19001-2008")
    expect(page.locator('[data-testid="status"]')).to_have_text("被代替")
    items = page.locator('[data-testid="timeline"] > li')
    expect(items).to_have_count(3)
    expect(items.nth(0)).to_have_attribute("data-designation", "GB/T 19001-2000")
    expect(items.nth(2)).to_have_attribute("data-designation", "GB/T 19001-2016")
    expect(items.nth(2)).to_have_class(re.compile("is-current"))
    expect(items.nth(1)).to_have_class(re.compile("is-self"))
    # Follow the timeline to the current edition.
    items.nth(2).locator("a").first.click()
    expect(page.locator("h1")).to_have_text("GB/T 19001-2016")
    expect(page.locator('[data-testid="status"]')).to_have_text("现行")


def test_language_switch_returns_to_the_current_results(page, live_server, catalogue):
    page.goto(live_server.url + "/")
    page.locator("#q").fill("混凝土")
    expect(_hits(page)).to_have_count(1)
    page.locator('[data-testid="lang-en"]').click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(re.compile(r"/search/\?q="))
    expect(_hits(page)).to_have_count(1)
    expect(page.locator('[data-testid="result-count"]')).to_contain_text("1 standard found")


def test_switch_language(page, live_server, catalogue):
    page.goto(live_server.url + "/standards/GB/T%2019001-2016/")
    expect(page.locator('[data-testid="status"]')).to_have_text("现行")
    page.locator('[data-testid="lang-en"]').click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator('[data-testid="status"]')).to_have_text("Current")
    expect(page.locator("#timeline-heading")).to_have_text("Edition timeline")
    page.locator('[data-testid="lang-zh-hans"]').click()
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(page.locator("#timeline-heading")).to_have_text("版本沿革")


def test_browse_ics_tree_to_standards(page, live_server, catalogue):
    page.goto(live_server.url + "/")
    page.locator('[data-testid="top-ics"] a[href="/ics/03/"]').click()
    expect(page.locator("h1")).to_contain_text("03")
    page.locator('[data-testid="tree"] a[data-code="03.120"]').click()
    expect(page.locator('[data-testid="breadcrumb"] a[href="/ics/03/"]')).to_be_visible()
    tree = page.locator('[data-testid="tree"] a[data-code="03.120.10"]')
    expect(tree).to_be_visible()
    expect(_hits(page)).to_have_count(4)
    _hits(page).filter(has_text="ISO 9001:2015").locator("a").first.click()
    expect(page.locator("h1")).to_have_text("ISO 9001:2015")


def test_an_estimated_result_is_counted_exactly_on_request(
    page, live_server, catalogue, monkeypatch
):
    from django.db import connection

    from catalog.search import service

    if connection.vendor != "sqlite":
        pytest.skip("SQLite samples the facets of every large set")
    monkeypatch.setattr(service, "FACET_EXACT_LIMIT", 5)  # 25 matches count as large
    page.goto(live_server.url + "/search/?q=锂离子电池")
    expect(page.locator('[data-testid="facets-approximate"]')).to_be_visible()
    _mark_document(page)
    # The total of this result is exact already: only the facet counts offer 精确统计.
    expect(page.locator('[data-testid="count-exactly"]')).to_have_count(0)
    page.locator('[data-testid="facets-count-exactly"]').click()
    expect(page.locator('[data-testid="facets-approximate"]')).to_have_count(0)
    expect(page.locator('[data-testid="count-exactly"]')).to_have_count(0)
    expect(page).to_have_url(re.compile(r"exact=1"))
    _assert_same_document(page)
    tier = page.locator('[data-facet="tier"]')
    expect(tier).to_contain_text("25")
