"""Browser: request → plan → upload data → a failed item is a comment on the draft → report PDF."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from core.testing import sign_in
from verification.models import VerificationRequest
from verification.tests.centre_fixtures import *  # noqa: F403

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ITEMS = "5.1 | 铅含量 | 不大于 0.5 mg/kg | 试验验证\n5.3 | 抗压强度 | 不低于 30 MPa | 现场试用\n"


def test_request_plan_upload_comment_and_report(page, live_server, lab, tmp_path):  # noqa: F405
    from openpyxl import load_workbook

    sign_in(page, live_server, lab["secretary"])
    page.goto(f"{live_server.url}/verification/requests/")
    page.locator("#request-from summary").click()
    page.locator("#request-from").get_by_role("link").first.click()
    page.get_by_label("拟委托验证中心").select_option(label="电工产品验证中心")
    page.get_by_label("待验证项目").fill(ITEMS)
    page.get_by_role("button", name="提交申请").click()
    expect(page.locator("#request-items")).to_contain_text("x ≤ 0.5 mg/kg")
    url = page.url
    req = VerificationRequest.objects.get()

    sign_in(page, live_server, lab["engineer"])
    page.goto(url)
    page.locator("#do-accept").click()
    plan = page.locator("#plan-form")
    plan.get_by_label("样品").fill("3 组电池样品")
    plan.get_by_label("实验室").fill("电池安全实验室")
    plan.get_by_label("计划开始").fill("2026-03-01")
    plan.get_by_label("计划结束").fill("2026-03-15")
    plan.get_by_role("button").click()
    expect(page.locator("#plan")).to_contain_text("电池安全实验室")

    with page.expect_download() as download:
        page.locator("#results-template").click()
    book = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    sheet = book.worksheets[0]
    sheet["D2"], sheet["D3"] = "0.9", "abc"
    bad = tmp_path / "bad.xlsx"
    book.save(bad)
    page.locator("#upload-form input[type=file]").set_input_files(str(bad))
    page.locator("#upload-form button[type=submit]").click()
    expect(page.locator("#request-error")).to_contain_text("第 3 行")
    expect(page.locator("#request-items")).not_to_contain_text("不符合")  # nothing half-saved
    sheet["D3"] = "31"
    good = tmp_path / "good.xlsx"
    book.save(good)
    page.locator("#upload-form input[type=file]").set_input_files(str(good))
    page.locator("#upload-form button[type=submit]").click()
    expect(page.locator("#request-items tr.item-fail")).to_contain_text("铅含量")
    expect(page.locator("#request-items tr.item-pass")).to_contain_text("抗压强度")
    page.locator("#do-report").click()
    expect(page.locator("#request-state")).to_have_text("已出具报告")

    sign_in(page, live_server, lab["secretary"])
    page.goto(url)
    page.locator("#request-items .comment-link").click()
    expect(page.get_by_text(re.compile("验证不符合.*铅含量"))).to_be_visible()
    expect(page.get_by_text("电工产品验证中心").first).to_be_visible()
    page.goto(url)
    with page.expect_download() as report:
        page.locator("#report-pdf").click()
    assert Path(report.value.path()).read_bytes().startswith(b"%PDF")
    req.refresh_from_db()
    assert report.value.suggested_filename == f"{req.report_number}.pdf"
