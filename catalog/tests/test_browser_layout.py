"""Layout in a real Chromium at 1366 px and 390 px, in Chinese and English: the header,
buttons that keep their label on one line, and filters before the results on a phone."""

from __future__ import annotations

import pytest

from catalog.models import Replacement, Standard
from catalog.search import rebuild_index
from catalog.tests.ui_data import build_catalogue, build_many

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDE, PHONE = 1366, 390
LANGUAGES = ("zh-hans", "en")


@pytest.fixture
def catalogue(transactional_db):
    catalogue = build_catalogue()
    build_many(25)
    rebuild_index()
    yield catalogue
    Replacement.objects.all().delete()
    Standard.objects.all().delete()
    rebuild_index()


@pytest.fixture
def open_page(browser, live_server):
    """Open a page at a width in a language; fails the test on script or CSP errors."""
    contexts, errors = [], []

    def opener(path: str, width: int, language: str):
        context = browser.new_context(viewport={"width": width, "height": 900})
        context.add_cookies(
            [{"name": "django_language", "value": language, "url": live_server.url}]
        )
        contexts.append(context)
        tab = context.new_page()
        tab.on("pageerror", lambda exc: errors.append(str(exc)))
        tab.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        tab.goto(live_server.url + path)
        return tab

    yield opener
    for context in contexts:
        context.close()
    assert errors == []


def _box(page, selector: str) -> dict:
    box = page.locator(selector).first.bounding_box()
    assert box, selector
    return box


def _no_horizontal_overflow(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("language", LANGUAGES)
def test_header_keeps_the_brand_on_one_line_beside_the_links_at_1366(
    open_page, catalogue, language
):
    page = open_page("/", WIDE, language)
    name = page.locator(".brand-name")
    line = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.brand-name')).lineHeight)"
    )
    assert _box(page, ".brand-name")["height"] < 1.5 * line
    # The whole name is shown, not cut.
    assert name.evaluate("e => e.scrollWidth <= e.clientWidth")
    brand, first_link = _box(page, ".navbar-brand"), _box(page, "#site-nav .nav-link")
    assert brand["x"] + brand["width"] <= first_link["x"]
    header = _box(page, ".site-header")
    switch = _box(page, ".language-switch")
    assert switch["x"] + switch["width"] <= WIDE and header["height"] < 90
    _no_horizontal_overflow(page)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("width", [WIDE, PHONE])
def test_buttons_never_break_their_label(open_page, catalogue, language, width):
    page = open_page("/search/?q=%E9%94%82%E7%A6%BB%E5%AD%90", width, language)
    expect(page.locator('[data-testid="hits"]')).to_be_visible()
    # A narrow row of two-character Chinese buttons next to an input, as on the 2FA,
    # admin-like and watch-list forms: each stays one line high and fully readable.
    page.evaluate(
        """() => {
          const row = document.createElement('div');
          row.className = 'd-flex gap-1';
          row.id = 'narrow-row';
          row.style.width = '120px';
          const input = document.createElement('input');
          input.className = 'form-control';
          row.append(input);
          for (const label of ['验证', '过滤器', '保存', '删除']) {
            const button = document.createElement('button');
            button.className = 'btn btn-primary';
            button.textContent = label;
            row.append(button);
          }
          document.querySelector('main').prepend(row);
        }"""
    )
    buttons = page.locator("main .btn:visible")
    assert buttons.count() > 8
    for index in range(buttons.count()):
        button = buttons.nth(index)
        single = button.evaluate(
            "e => { const s = getComputedStyle(e); return parseFloat(s.lineHeight)"
            " + parseFloat(s.paddingTop) + parseFloat(s.paddingBottom)"
            " + parseFloat(s.borderTopWidth) + parseFloat(s.borderBottomWidth); }"
        )
        box = button.bounding_box()
        label = button.inner_text()
        assert box["height"] <= single + 1, label
        assert button.evaluate("e => e.scrollWidth <= e.clientWidth + 1"), label


@pytest.mark.parametrize("language", LANGUAGES)
def test_phone_reaches_the_filters_before_the_results(open_page, catalogue, language):
    page = open_page("/search/?q=%E9%94%82%E7%A6%BB%E5%AD%90", PHONE, language)
    hits = page.locator('[data-testid="hits"] > li')
    expect(hits.first).to_be_visible()
    assert hits.count() == 20
    toggle = page.locator('[data-testid="facet-toggle"]')
    expect(toggle).to_be_visible()
    facets = page.locator('[data-testid="facets"]')
    # Folded behind the button so the results start near the top of the screen.
    expect(facets).to_be_hidden()
    assert _box(page, '[data-testid="hits"] > li')["y"] < 900
    toggle.click()
    tier = page.locator('[data-facet="tier"] a.facet-link').first
    expect(tier).to_be_visible()
    assert tier.bounding_box()["y"] < _box(page, '[data-testid="hits"] > li')["y"]
    # Choosing a filter keeps working from there (htmx swaps the results in).
    tier.click()
    expect(page.locator(".filter-chip").first).to_be_visible()
    expect(page.locator('[data-testid="facet-toggle"]')).to_contain_text("1")
    _no_horizontal_overflow(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_wide_screen_shows_the_filters_beside_the_results(open_page, catalogue, language):
    page = open_page("/search/?q=%E9%94%82%E7%A6%BB%E5%AD%90", WIDE, language)
    expect(page.locator('[data-testid="facets"]')).to_be_visible()
    expect(page.locator('[data-testid="facet-toggle"]')).to_be_hidden()
    facets, hit = _box(page, '[data-testid="facets"]'), _box(page, '[data-testid="hits"] > li')
    assert facets["x"] + facets["width"] <= hit["x"] and abs(facets["y"] - hit["y"]) < 120


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("width", [WIDE, PHONE])
def test_home_page_fits_and_its_examples_find_standards(open_page, catalogue, language, width):
    page = open_page("/", width, language)
    expect(page.locator('[data-testid="holdings"]')).to_be_visible()
    _no_horizontal_overflow(page)
    chip = page.locator('[data-testid="examples"] a').first
    expect(chip).to_be_visible()
    chip.click()
    expect(page.locator('[data-testid="hits"] > li').first).to_be_visible()
