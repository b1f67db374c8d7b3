"""Browser steps shared by the whole-project walk: signing in, public comment and a ballot."""

from __future__ import annotations

import io

from core.testing import sign_in


def _comment(page, expect, clause: str, kind: str, text: str, organisation: str) -> None:
    page.locator("#c-clause").fill(clause)
    page.locator("#c-kind").select_option(kind)
    page.locator("#c-org").fill(organisation)
    page.locator("#c-text").fill(text)
    page.locator("#new-comment ~ form button[type=submit]").first.click()
    expect(page.locator("#comments")).to_contain_text(text)


def walk_comments(page, live_server, world) -> None:
    """From a draft's page (as the secretariat): comment window, two comments by an outsider,
    both resolved, the 意见汇总处理表 downloaded as xlsx and as docx and read."""
    import docx
    import openpyxl
    from playwright.sync_api import expect

    expect(page.locator("#w-days")).to_have_value("30")
    page.locator("#window-form button").click()
    expect(page.locator("#window-dates .badge")).to_have_text("征求意见中")
    window_url = page.url

    sign_in(page, live_server, world.outsider)
    page.goto(window_url)
    _comment(page, expect, "4", "te", "建议增加建模功能的要求。", "某检测中心")
    _comment(page, expect, "3.1", "ed", "“表达”改为“表示”。", "某大学")

    sign_in(page, live_server, world.sec_a)
    page.goto(window_url)
    expect(page.locator("#stats")).to_contain_text("2")
    first = page.locator("#comments tbody tr").first
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
    with page.expect_download() as info:
        page.locator("a[href$='table.docx']").click()
    assert info.value.suggested_filename.endswith(".docx")
    document = docx.Document(io.BytesIO(info.value.path().read_bytes()))
    assert "意见汇总处理表" in document.paragraphs[0].text
    table = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
    assert table[0] == ["序号", "章条编号", "意见内容", "提出单位", "处理意见及理由"]
    assert table[1][:2] == ["1", "4"] and table[1][3] == "某检测中心"
    assert "建议增加建模功能的要求。" in table[1][2]
    assert table[1][4] == "部分采纳：部分适用，见第5章。"
    assert table[2][1] == "3.1" and table[2][4] == "采纳" and len(table) == 3


def walk_ballot(page, live_server, world, *, voters) -> None:
    """From a draft's page (as the secretariat): a ballot opened, voted by all and closed."""
    from playwright.sync_api import expect

    page.locator("#b-rule").select_option("iso-dis")
    page.locator("#b-days").fill("10")
    page.locator("#b-advance").fill("50.00")
    page.locator("#ballot-form button").click()
    expect(page.locator("#voters tbody tr")).to_have_count(len(voters))
    ballot_url = page.url
    positions = ("approve", "approve_with_comments")
    for n, person in enumerate(voters):
        sign_in(page, live_server, person)
        page.goto(ballot_url)
        position = positions[n % 2]
        page.locator(f"#p-{position}").check()
        page.locator("#v-reasons").fill("同意。")
        page.locator("#vote-title ~ form button[type=submit]").click()
        expect(page.locator(f"#p-{position}")).to_be_checked()

    sign_in(page, live_server, world.sec_a)
    page.goto(ballot_url)
    expect(page.locator("#live")).to_contain_text(str(len(voters)))
    page.locator("form[action$='/close/'] button").click()
    expect(page.locator("#result-title")).to_have_text("投票通过。")
    expect(page.locator("#result [data-condition='approval'] td").last).to_have_text("✓")
