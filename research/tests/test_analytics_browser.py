"""Browser: an analyst filters the dashboard, sees the charts drawn, downloads data and images."""

from __future__ import annotations

import csv
import io
import re

import openpyxl
import pytest

from catalog.models import Standard
from research.services.refresh import refresh_aggregates

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_dashboard_filter_chart_download(page, live_server, catalogue):
    refresh_aggregates()
    page.goto(f"{live_server.url}/research/analytics/")
    expect(page.locator("#staleness")).to_contain_text("此后目录未发生变化")
    page.locator("#tier").select_option("national")
    page.get_by_role("button", name="应用筛选").click()
    expect(page).to_have_url(re.compile(r"tier=national"))
    national = Standard.objects.filter(tier="national").count()
    expect(page.locator("#total-count")).to_have_text(str(national))
    tier_chart = page.locator("#chart-tier")
    expect(tier_chart).to_have_attribute("data-drawn", "1")
    expect(tier_chart.locator("canvas")).to_be_visible()

    with page.expect_download() as download:
        page.locator("[data-download=status-xlsx]").click()
    sheet = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes())).active
    counts = {row[0]: row[2] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert counts["current"] == Standard.objects.filter(tier="national", status="current").count()
    with page.expect_download() as download:
        page.locator("#chart-tier").locator("xpath=../..").get_by_role("link", name="CSV").click()
    rows = list(csv.reader(io.StringIO(download.value.path().read_text("utf-8-sig"))))
    assert rows[1][0] == "national" and int(rows[1][2]) == national
    with page.expect_download() as download:
        page.locator("[data-save-chart=tier][data-format=svg]").click()
    assert download.value.suggested_filename == "analytics-tier.svg"
    assert "<svg" in download.value.path().read_text("utf-8")
    with page.expect_download() as download:
        page.locator("[data-save-chart=status][data-format=png]").click()
    assert download.value.path().read_bytes().startswith(b"\x89PNG")

    # The one bar of the tier chart leads to the catalogue search that produces it.
    box = tier_chart.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] * 0.6)
    expect(page).to_have_url(re.compile(r"/search/\?tier=national$"))
