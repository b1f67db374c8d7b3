"""The expert pool on a phone (390 px) and a desktop (1366 px): rows become stacked cards that
fit the screen, and the search and ranking forms fold behind a button."""

from __future__ import annotations

import pytest

from core.tests.test_registry_browser import sign_in

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The page, or the list's own scrolling container, is wider than the screen.
OVERFLOW = """() => [document.querySelector('[data-testid="experts"]').parentElement, document.body]
    .some(el => el.scrollWidth > el.clientWidth + 1)"""


def test_the_expert_list_fits_a_phone_and_folds_its_filters(page, live_server, office, make_expert):
    for n in range(3):
        make_expert(
            employer=f"中国机械工业联合会标准化工作委员会第{n}专业技术分委员会秘书处",
            region="河南省郑州市", ics=["13.020.10", "91.100.30", "27.010"],
        )  # fmt: skip
    sign_in(page, live_server, office.username)
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(f"{live_server.url}/talent/experts/")
    table = page.get_by_test_id("experts")
    expect(table.locator("tbody tr")).to_have_count(3)
    assert page.evaluate(OVERFLOW) is False
    # Each card names its fields; the header row is left to screen readers.
    expect(table.locator("thead")).to_have_css("position", "absolute")
    expect(table.locator("tbody tr").first.locator("td[data-label]").first).to_be_visible()
    label = table.locator("tbody td[data-label]").first.evaluate(
        "td => getComputedStyle(td, '::before').content"
    )
    assert label == '"职称"'
    # The forms are folded; the button opens them, showing how many filters are in use.
    expect(page.get_by_label("地区")).to_be_hidden()
    page.goto(f"{live_server.url}/talent/experts/?region=郑州&keyword=")
    toggle = page.get_by_test_id("filters-toggle")
    expect(toggle).to_have_text("检索与排序 (1)")
    toggle.click()
    expect(page.get_by_label("地区")).to_have_value("郑州")

    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{live_server.url}/talent/experts/")
    expect(page.get_by_test_id("filters-toggle")).to_be_hidden()
    expect(page.get_by_label("地区")).to_be_visible()
    expect(table.locator("thead th").first).to_be_visible()
    assert page.evaluate(OVERFLOW) is False
