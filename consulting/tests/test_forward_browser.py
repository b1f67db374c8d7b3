"""Browser: the desk forwards a 验证委托 to a verification centre; both pages show the link."""

from __future__ import annotations

import pytest

from consulting.services import requests as desk_services
from core.testing import sign_in

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_desk_forwards_a_commission_and_the_centre_sees_where_it_came_from(page, live_server, lab):
    req = desk_services.submit_request(
        lab["alice"], kind="verification", title="锂电池容量验证", question="请验证容量保持率。"
    )
    sign_in(page, live_server, lab["office"])
    page.goto(f"{live_server.url}{req.get_absolute_url()}")
    form = page.locator("#forward-form")
    form.get_by_label("转至").select_option(lab["to"])
    form.get_by_label("致中心的说明").fill("请于三月前出具报告")
    form.locator("#forward-button").click()
    link = page.locator("#service-links a")
    expect(link).to_contain_text("企业验证委托")
    expect(page.locator("#service-links")).to_contain_text("已转至河南电池验证中心")
    expect(page.locator("#forward-form")).to_have_count(0)
    sign_in(page, live_server, lab["engineer"])
    page.goto(f"{live_server.url}{link.get_attribute('href')}")
    expect(page.locator("#commission-source")).to_contain_text(req.number)
    expect(page.get_by_text("请于三月前出具报告")).to_be_visible()
    page.locator("#to-accepted").click()
    expect(page.locator("#commission-state")).to_have_text("已受理")


def test_a_declined_commission_shows_on_the_desk_page_and_it_is_forwarded_again(
    page, live_server, lab
):
    from consulting.services import dispatch

    req = desk_services.submit_request(
        lab["alice"], kind="verification", title="热失控验证", question="请验证热失控蔓延。"
    )
    desk_services.assign_request(req, lab["office"], assignee=lab["expert"])
    link = dispatch.forward_request(req, lab["office"], lab["to"])
    sign_in(page, live_server, lab["engineer"])
    page.goto(f"{live_server.url}{link.url}")
    page.locator("form.commission-state-form input[name=comment]").fill("暂无试验舱")
    page.locator("#to-declined").click()
    expect(page.locator("#commission-state")).to_have_text("不予受理")
    sign_in(page, live_server, lab["office"])
    page.goto(f"{live_server.url}{req.get_absolute_url()}")
    expect(page.locator("#request-state")).to_have_text("已提交")
    state = page.locator("#service-links .service-link-state")
    expect(state).to_contain_text("不予受理")
    expect(state).to_contain_text("暂无试验舱")
    expect(page.locator("#thread")).to_contain_text("暂无试验舱")
    page.locator("#forward-form #forward-button").click()
    expect(page.locator("#service-links .service-link-state")).to_contain_text("已收到")
