"""Browser: an enterprise submits a request with an attachment; the desk assigns it, the expert
answers, the requester rates it and allows the FAQ; the desk publishes it."""

from __future__ import annotations

import re

import pytest

from consulting.models import ServiceRequest
from core.testing import sign_in

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_request_from_submission_to_rating(page, live_server, desk, tmp_path):
    attachment = tmp_path / "产品清单.txt"
    attachment.write_text("GB/T 18487.1-2023\n", encoding="utf-8")
    sign_in(page, live_server, desk["alice"])
    page.goto(f"{live_server.url}/consulting/new/")
    page.get_by_label("类型").select_option("advice")
    page.get_by_label("主题").fill("充电桩适用标准")
    page.get_by_label("需求说明").fill("我公司生产交流充电桩，请问适用哪些现行标准？")
    page.get_by_label("附件").set_input_files(str(attachment))
    page.get_by_role("button", name="提交").click()
    expect(page.locator("#request-state")).to_have_text("已提交")
    expect(page.get_by_role("link", name="产品清单.txt")).to_be_visible()
    number = ServiceRequest.objects.get().number

    sign_in(page, live_server, desk["office"])
    page.goto(f"{live_server.url}/consulting/")
    page.locator("#queue").get_by_role("link", name=number).click()
    page.locator("#assign-form").get_by_label("承办人").select_option(label="expert")
    page.locator("#assign-form").get_by_role("button", name="分派").click()
    expect(page.locator("#request-state")).to_have_text("已分派")

    sign_in(page, live_server, desk["expert"])
    page.goto(f"{live_server.url}/consulting/{number}/")
    page.locator("#message-form textarea[name=body]").fill("适用 GB/T 18487.1-2023 等标准。")
    page.locator("#answer-button").click()
    expect(page.locator("#request-state")).to_have_text("已答复")

    sign_in(page, live_server, desk["alice"])
    page.goto(f"{live_server.url}/consulting/{number}/")
    expect(page.locator("#thread")).to_contain_text("GB/T 18487.1-2023")
    page.locator("#rating-form").get_by_label("满意度").select_option("4")
    page.locator("#rating-form").get_by_label(re.compile("常见问题")).check()
    page.locator("#rating-form").get_by_role("button", name="保存评价").click()
    expect(page.locator("#rating-form")).to_contain_text("您的评分：4 分")

    sign_in(page, live_server, desk["office"])
    page.goto(f"{live_server.url}/consulting/{number}/")
    page.locator("#faq-form").get_by_label("常见问题").fill("交流充电桩适用哪些标准？")
    page.locator("#faq-form").get_by_role("button", name="发布").click()
    page.goto(f"{live_server.url}/consulting/faq/")
    expect(page.locator("#faq")).to_contain_text("交流充电桩适用哪些标准？")
    expect(page.locator("#faq")).not_to_contain_text("alice")
