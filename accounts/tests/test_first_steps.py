"""What an administrator meets first: 2FA set-up, forced password change, labels, branding."""

from __future__ import annotations

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Membership, RoleCode
from accounts.services.two_factor import confirm_setup, start_setup
from accounts.tests.conftest import PASSWORD, signed_in, totp_now
from audit.services import log_action

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "Zk4!vRt8#Qm1pL"


def test_a_correct_setup_code_right_after_a_wrong_one_is_accepted(make_user, rf):
    # With django-otp's default throttle (no OTP_TOTP_THROTTLE_FACTOR override).
    user = make_user("fresh")
    client = Client()
    client.force_login(user)
    client.get("/accounts/2fa/setup/")
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    wrong = client.post("/accounts/2fa/setup/", {"token": "000000"})
    assert "验证码不正确" in wrong.content.decode()
    right = client.post("/accounts/2fa/setup/", {"token": totp_now(device)})
    assert "恢复码" in right.content.decode()
    assert TOTPDevice.objects.get(pk=device.pk).confirmed


def test_setup_service_accepts_the_code_after_a_typo(make_user, rf):
    from accounts.exceptions import AccountError

    user = make_user("typo")
    device = start_setup(user)
    request = rf.post("/")
    request.user, request.session = user, Client().session
    with pytest.raises(AccountError):
        confirm_setup(request, user, device, "123456")
    assert len(confirm_setup(request, user, device, totp_now(device))) == 10


def _admin_with_generated_password(make_user):
    admin = make_user("sysadmin", roles=[RoleCode.SYSTEM_ADMIN], must_change_password=True)
    return admin, signed_in(admin)


def test_forced_password_change_explains_refuses_the_old_one_and_keeps_next(make_user):
    _admin, client = _admin_with_generated_password(make_user)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/change/?next=%2Fadmin%2F"
    page = client.get(response["Location"]).content.decode()
    assert "其他人可能见过" in page
    assert 'name="next" value="/admin/"' in page
    same = client.post(
        "/accounts/password/change/?next=/admin/",
        {"old_password": PASSWORD, "new_password1": PASSWORD, "new_password2": PASSWORD},
    )
    assert same.status_code == 200
    assert "新密码不能与当前密码相同" in same.content.decode()
    changed = client.post(
        "/accounts/password/change/",
        {
            "old_password": PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
            "next": "/admin/",
        },
    )
    assert changed.status_code == 302 and changed["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_password_change_ignores_a_foreign_next(make_user):
    user = make_user("plain")
    client = signed_in(user)
    response = client.post(
        "/accounts/password/change/",
        {
            "old_password": PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
            "next": "https://evil.example/",
        },
    )
    assert response["Location"] == "/accounts/profile/"


def test_profile_shows_translated_labels_not_codes(make_user, make_org):
    user = make_user("labels", roles=[RoleCode.EXPERT])
    make_org("平顶山检测中心", admin=user)
    client = signed_in(user)
    client.post("/accounts/logout/")
    client.post("/accounts/login/", {"username": "labels", "password": PASSWORD})
    log_action("accounts.token.created", actor=user, obj=user)
    page = client.get("/accounts/profile/").content.decode()
    for raw in ("accounts.login.succeeded", "org_admin", "(admin)", ">success<", ">expert<"):
        assert raw not in page, raw
    for label in ("登录", "机构管理员", "专家", "成功"):
        assert label in page, label
    assert Membership.objects.get(user=user).role == "admin"


def test_admin_index_and_login_are_branded_and_in_chinese(make_user):
    system = make_user("sys", roles=[RoleCode.SYSTEM_ADMIN])
    login_page = Client().get("/admin/login/").content.decode()
    assert "StdBase 管理后台" in login_page and "Django" not in login_page
    index = signed_in(system).get("/admin/").content.decode()
    assert "OTP_TOTP" not in index and "TOTP devices" not in index
    assert "双因素认证" in index and "身份验证器" in index
    assert "StdBase 管理后台" in index and "Django 管理" not in index


def test_sign_in_verification_says_to_wait_after_a_wrong_code(make_user):
    from accounts.tests.conftest import enrol_totp

    user = make_user("waiter")
    enrol_totp(user)
    client = Client()
    client.force_login(user)
    client.post("/accounts/2fa/verify/", {"token": "000000"})
    response = client.post("/accounts/2fa/verify/", {"token": "000001"})
    assert "请等待" in response.content.decode()
