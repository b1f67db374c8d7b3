"""Upload → results → export in a real headless Chromium (Playwright, system browser)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from checks.tests.documents import make_xlsx

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_upload_results_filter_export(page, live_server, catalogue, tmp_path):
    source = tmp_path / "引用标准清单.xlsx"
    source.write_bytes(
        make_xlsx(
            {
                "清单": [
                    ["序号", "标准", "说明"],
                    [1, "《混凝土结构工程施工质量验收规范》GB 50204-2002", "主体"],
                    [2, "JGJ 59-1999", "安全"],
                    [3, "ISO 712", "粮食"],
                    [4, "GB/T 5606-2004", "500kV"],
                ]
            }
        )
    )
    page.goto(f"{live_server.url}/checks/")
    page.get_by_label("或上传文件").set_input_files(str(source))
    page.get_by_role("button", name="查新", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("查新结果")
    rows = page.locator("#results-table tbody tr")
    expect(rows).to_have_count(4)
    expect(page.locator("tr[data-status='replaced']").first).to_contain_text("GB 50204-2015")
    expect(page.locator("tr[data-status='withdrawn']")).to_contain_text("JGJ 59-1999")

    page.locator("a[data-verdict='replaced']").click()  # htmx filter
    expect(rows).to_have_count(2)
    expect(page).to_have_url(re.compile(r"/checks/\d+/\?status=replaced$"))

    with page.expect_download() as info:
        page.locator("#export-xlsx").click()
    book = load_workbook(io.BytesIO(Path(info.value.path()).read_bytes()))
    original = [[c.value for c in row] for row in book["清单"].iter_rows()]
    assert original[0] == ["序号", "标准", "说明", "结论", "现行版本", "说明"]
    assert original[2][:3] == [2, "JGJ 59-1999", "安全"]
    assert original[2][3] == "JGJ 59-1999 废止"
    assert original[4][4] == "GB/T 5606.1-2023、GB/T 5606.2-2023"


def test_watch_list_add_says_what_was_added_and_swaps_in_one_click(
    page, live_server, catalogue, make_standard, link, django_user_model
):
    from django.conf import settings
    from django.test import Client

    from catalog.models import Status
    from checks.services import watchlists

    old = catalogue["iso712"]
    old.status = Status.REPLACED
    old.save()
    link(old, make_standard("ISO 712-1:2024"))
    alice = django_user_model.objects.create_user("alice", password="x")
    client = Client()
    client.force_login(alice)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    watchlist = watchlists.create_watchlist(alice, "谷物")
    page.goto(live_server.url + watchlist.get_absolute_url())
    page.locator("input[name=designation]").fill("iso712")
    page.locator("input[name=designation]").press("Enter")
    advice = page.get_by_test_id("watch-advice")
    expect(advice).to_contain_text("已将 ISO 712 加入关注列表")
    expect(advice).to_contain_text("ISO 712:2009 已被 ISO 712-1:2024 代替")
    page.get_by_test_id("watch-instead").click()
    expect(page.get_by_test_id("watch-advice")).to_have_count(0)
    expect(page.locator("main")).to_contain_text("ISO 712-1:2024")
