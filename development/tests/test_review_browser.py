"""Public comment to publication in headless Chromium: comment window → comments → resolutions →
意见汇总处理表 download → ballot → votes → close → the standard is published."""

from __future__ import annotations

import io

import pytest

from bodies.services import add_member
from development.tests.conftest import DRAFT_V1, upload
from development.tests.test_browser import _sign_in

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _comment(page, clause: str, kind: str, text: str, organisation: str) -> None:
    page.locator("#c-clause").fill(clause)
    page.locator("#c-kind").select_option(kind)
    page.locator("#c-org").fill(organisation)
    page.locator("#c-text").fill(text)
    page.locator("#new-comment ~ form button[type=submit]").first.click()
    expect(page.locator("#comments")).to_contain_text(text)


def test_comment_window_to_publication(
    page, live_server, world, catalogue, make_project, make_user
):
    import openpyxl

    from development.models import Draft, Project
    from development.services.drafts import upload_draft

    project = make_project("40.20")
    draft = upload_draft(project, upload("dis.txt", DRAFT_V1), kind="dis", user=world.sec_a)
    voter = make_user("voter_x")
    add_member(world.a, "body_member", actor=None, user=voter)
    draft_url = f"{live_server.url}{draft.get_absolute_url()}"

    _sign_in(page, live_server, world.sec_a)
    page.goto(draft_url)
    expect(page.locator("#w-days")).to_have_value("30")
    page.locator("#window-form button").click()
    expect(page.locator("#window-dates .badge")).to_have_text("征求意见中")
    window_url = page.url

    _sign_in(page, live_server, world.outsider)
    page.goto(window_url)
    _comment(page, "4", "te", "建议增加建模功能的要求。", "某检测中心")
    _comment(page, "3.1", "ed", "“表达”改为“表示”。", "某大学")

    _sign_in(page, live_server, world.sec_a)
    page.goto(window_url)
    expect(page.locator("#stats")).to_contain_text("2")
    first, second = page.locator("#comments tbody tr").all()
    first.locator("select").select_option("partly")
    first.locator("input[name=reason]").fill("部分适用，见第5章。")
    first.locator("button").click()
    page.locator("#c2 select").select_option("adopted")
    page.locator("#c2 button").click()
    expect(page.locator("#c2 select")).to_have_value("adopted")
    with page.expect_download() as info:
        page.locator("a[href$='table.xlsx']").click()
    book = openpyxl.load_workbook(io.BytesIO(info.value.path().read_bytes()))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0][:5] == ("序号", "章条编号", "意见内容", "提出单位", "处理意见及理由")
    assert rows[1][4] == "部分采纳：部分适用，见第5章。" and rows[2][4] == "采纳"
    assert rows[1][3] == "某检测中心"

    page.goto(draft_url)
    page.locator("#b-rule").select_option("iso-dis")
    page.locator("#b-days").fill("10")
    page.locator("#b-advance").fill("50.00")
    page.locator("#ballot-form button").click()
    expect(page.locator("#voters tbody tr")).to_have_count(2)
    ballot_url = page.url

    for person, position in ((world.author, "approve"), (voter, "approve_with_comments")):
        _sign_in(page, live_server, person)
        page.goto(ballot_url)
        page.locator(f"#p-{position}").check()
        page.locator("#v-reasons").fill("同意。")
        page.locator("#vote-title ~ form button[type=submit]").click()
        expect(page.locator(f"#p-{position}")).to_be_checked()

    _sign_in(page, live_server, world.sec_a)
    page.goto(ballot_url)
    expect(page.locator("#live")).to_contain_text("2")
    page.locator("form[action$='/close/'] button").click()
    expect(page.locator("#result-title")).to_have_text("投票通过。")
    expect(page.locator("#result [data-condition='approval'] td").last).to_have_text("✓")
    assert Project.objects.get(pk=project.pk).state == "50.00"

    page.goto(f"{live_server.url}{project.get_absolute_url()}")
    page.locator("#id_published_on").fill("2026-03-01")
    page.locator("#id_implemented_on").fill("2026-06-01")
    page.locator("#publish-form button").click()
    expect(page.locator("#published-standard")).to_have_text("T/HNXX 001—2026")
    assert Draft.objects.get(pk=draft.pk).comments.filter(resolution="").count() == 0
