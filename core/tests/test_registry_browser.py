"""The registries in a real browser: menu → dashboard widgets, search → other documents."""

from __future__ import annotations

import re

import pytest

from accounts.tests import conftest as account_fixtures
from accounts.tests.conftest import PASSWORD
from catalog.models import Tier
from catalog.search import SearchQuery, search
from catalog.tests.factories import StandardFactory
from checks.models import WatchList

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
_roles = account_fixtures._roles
_fast_hashing = account_fixtures._fast_hashing
_fresh_rate_limits = account_fixtures._fresh_rate_limits
make_user = account_fixtures.make_user


def sign_in(page, live_server, username: str) -> None:
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("用户名或邮箱").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page).to_have_url(re.compile(r"/accounts/profile/$"))


def test_menu_leads_to_the_dashboard_and_search_finds_my_watch_list(page, live_server, make_user):
    user = make_user("wang")
    StandardFactory(designation="GB 50010-2010", title_zh="混凝土结构设计规范", tier=Tier.NATIONAL)
    WatchList.objects.create(name="混凝土项目清单", owner=user)
    sign_in(page, live_server, "wang")
    page.get_by_role("button", name="wang").or_(page.get_by_role("link", name="wang")).click()
    page.get_by_role("link", name="工作台").click()
    expect(page).to_have_url(re.compile(r"/dashboard/$"))
    # The widget reads the search service's counts (the index, which a transactional
    # test database does not empty between tests): compare with what the service says.
    total = search(SearchQuery(page_size=1, facets=True)).total
    expect(page.get_by_test_id("widget-catalogue-tiers")).to_contain_text(f"共 {total:,} 项标准")
    expect(page.get_by_test_id("widget-recent-checks")).to_contain_text("开始查新")
    page.goto(live_server.url + "/search/?q=混凝土")
    documents = page.get_by_test_id("document-results")
    expect(documents).to_contain_text("关注清单 (1)")
    documents.get_by_role("link", name="混凝土项目清单").click()
    expect(page).to_have_url(re.compile(r"/checks/watchlists/\d+/$"))
