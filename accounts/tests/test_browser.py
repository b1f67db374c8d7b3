"""Sign-in, registration and TOTP set-up in a real headless Chromium, with no CSP errors."""

from __future__ import annotations

import re

import pytest

from accounts.tests import conftest as account_fixtures
from accounts.tests.conftest import PASSWORD

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
_roles = account_fixtures._roles
_fast_hashing = account_fixtures._fast_hashing
_fresh_rate_limits = account_fixtures._fresh_rate_limits
make_user = account_fixtures.make_user


def test_register_sign_out_and_sign_in_by_email(page, live_server):
    page.goto(live_server.url + "/accounts/register/")
    page.get_by_label("用户名", exact=True).fill("liuyang")
    page.get_by_label("电子邮件").fill("liuyang@example.cn")
    page.get_by_label("密码", exact=True).fill(PASSWORD)
    page.get_by_label("确认密码").fill(PASSWORD)
    page.get_by_role("button", name="注册").click()
    expect(page.get_by_role("heading", name="请查收邮件")).to_be_visible()
    from django.core import mail

    path = re.search(r"/accounts/register/confirm/\S+/", mail.outbox[-1].body)[0]
    page.goto(live_server.url + path)
    expect(page).to_have_url(re.compile(r"/accounts/profile/$"))
    expect(page.get_by_role("heading", name="我的账户")).to_be_visible()
    page.get_by_role("button", name="退出所有设备").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.get_by_label("用户名或邮箱").fill("LiuYang@example.cn")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page).to_have_url(re.compile(r"/accounts/profile/$"))


def test_administrator_sees_the_qr_code_for_totp(page, live_server, make_user):
    from accounts.models import RoleCode

    make_user("auditor", roles=[RoleCode.AUDIT_ADMIN])
    page.goto(live_server.url + "/accounts/login/?next=/audit/")
    page.get_by_label("用户名或邮箱").fill("auditor")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page).to_have_url(re.compile(r"/accounts/2fa/setup/"))
    qr = page.get_by_role("img", name="身份验证器应用二维码")
    expect(qr).to_be_visible()
    assert page.evaluate("img => img.naturalWidth", qr.element_handle()) > 0
