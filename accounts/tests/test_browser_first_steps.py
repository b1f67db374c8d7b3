"""The administrator's first sign-in in Chromium, on a laptop and on a phone."""

from __future__ import annotations

import base64
import re

import pytest
from django_otp.oath import TOTP

from accounts.models import RoleCode
from accounts.tests import conftest as account_fixtures
from accounts.tests.conftest import PASSWORD

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
_roles = account_fixtures._roles
_fast_hashing = account_fixtures._fast_hashing
_fresh_rate_limits = account_fixtures._fresh_rate_limits
make_user = account_fixtures.make_user
NEW_PASSWORD = "Zk4!vRt8#Qm1pL"


def _code(secret: str, offset: int = 0) -> str:
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    totp = TOTP(key)
    totp.time += offset
    return f"{totp.token():06d}"


def _fits(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"horizontal scroll: {width}px"


@pytest.mark.parametrize("width", [1366, 390])
def test_first_admin_sign_in_sets_up_2fa_changes_password_and_reaches_admin(
    page, live_server, make_user, width
):
    page.set_viewport_size({"width": width, "height": 900})
    make_user("sysadmin", roles=[RoleCode.SYSTEM_ADMIN], must_change_password=True)
    page.goto(live_server.url + "/admin/")
    expect(page).to_have_url(re.compile(r"/admin/login/\?next=/admin/"))
    expect(page.get_by_text("StdBase 管理后台").first).to_be_visible()
    assert "Django" not in page.content()
    page.get_by_label("用户名或邮箱").fill("sysadmin")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()

    expect(page).to_have_url(re.compile(r"/accounts/2fa/setup/\?next=%2Fadmin%2F"))
    _fits(page)
    secret = page.locator("code.user-select-all").inner_text().strip()
    page.get_by_label("验证码").fill("000000")
    page.get_by_role("button", name="确认").click()
    expect(page.get_by_text("验证码不正确")).to_be_visible()
    # The right code straight after the typo is accepted.
    page.get_by_label("验证码").fill(_code(secret))
    page.get_by_role("button", name="确认").click()
    expect(page.get_by_role("heading", name="恢复码")).to_be_visible()
    _fits(page)
    page.get_by_role("link", name="继续").click()

    expect(page).to_have_url(re.compile(r"/accounts/password/change/\?next=%2Fadmin%2F"))
    expect(page.get_by_role("status")).to_contain_text("其他人可能见过")
    _fits(page)
    page.get_by_label("旧密码").fill(PASSWORD)
    page.get_by_label("新密码", exact=True).fill(PASSWORD)
    page.get_by_label("新密码确认").fill(PASSWORD)
    page.get_by_role("button", name="修改密码").click()
    expect(page.get_by_text("新密码不能与当前密码相同")).to_be_visible()
    page.get_by_label("旧密码").fill(PASSWORD)
    page.get_by_label("新密码", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("新密码确认").fill(NEW_PASSWORD)
    page.get_by_role("button", name="修改密码").click()

    expect(page).to_have_url(re.compile(r"/admin/$"))
    expect(page.get_by_text("StdBase 管理后台").first).to_be_visible()
    expect(page.get_by_text("双因素认证").first).to_be_visible()
    assert "OTP_TOTP" not in page.content()
