"""Browser: an organisation answers through its link; the secretariat sees the aggregated page."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client

from verification.services.applicability import add_question, create_questionnaire, invite
from verification.tests.evaluation_fixtures import *  # noqa: F403
from workflows.services import transition

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_questionnaire_response_to_aggregated_results(page, live_server, world):
    user = world["secretary"]
    q = create_questionnaire(user=user, standard=world["standard"], title="插座标准适用性",
                             body=world["alliance"])  # fmt: skip
    add_question(q, user=user, dimension="clarity", kind="score", text="条文是否清晰", weight="2")
    add_question(q, user=user, dimension="gaps", kind="choice", text="是否需要修订",
                 choices="需要\n不需要")  # fmt: skip
    add_question(q, user=user, dimension="gaps", kind="text", text="其他意见", required=False)
    transition(q, "open", user, "")
    _invitation, token = invite(q, user=user, organization=world["adopter"])

    page.goto(f"{live_server.url}/verification/evaluation/answer/{token}/")
    page.get_by_label("5").check()
    page.get_by_role("button", name="提交答卷").click()
    expect(page.locator("#answer-error")).to_contain_text("请回答“是否需要修订”")
    expect(page.get_by_label("5")).to_be_checked()  # nothing entered is lost
    page.get_by_label("需要", exact=True).check()
    page.get_by_label("其他意见").fill("检验方法需要补充示例")
    page.get_by_role("button", name="提交答卷").click()
    expect(page.locator("#answer-message")).to_contain_text("您的答卷已记录")

    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "url": live_server.url, "value": cookie}]
    )
    page.goto(live_server.url + q.get_absolute_url())
    expect(page.locator("#response-count")).to_contain_text("1 份答卷")
    expect(page.locator("#overall-score")).to_have_text("5.00")
    expect(page.locator("svg.evaluation-chart").first).to_be_visible()
    expect(page.get_by_text("检验方法需要补充示例")).to_be_visible()
    page.goto(f"{live_server.url}/verification/evaluation/questionnaires/")
    expect(page.locator("#grouped-scores")).to_contain_text("GB/T 2099.1-2021")
    page.get_by_role("link", name="按联盟").click()  # htmx swaps the grouping in place
    expect(page.locator("#grouped-scores")).to_contain_text("智能制造产业联盟")
    expect(page).to_have_url(re.compile(r"by=alliance"))
