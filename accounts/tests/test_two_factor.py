"""TOTP: required for administrators, optional for others, recovery codes single use."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import RecoveryCode, RoleCode
from accounts.tests.conftest import PASSWORD, enrol_totp, totp_now
from audit.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_totp_throttle(settings):
    # django-otp delays the attempt after a wrong code; tests retry immediately.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


def password_login(username: str) -> Client:
    client = Client()
    response = client.post("/accounts/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


@pytest.mark.parametrize(
    "role", [RoleCode.SYSTEM_ADMIN, RoleCode.SECURITY_ADMIN, RoleCode.AUDIT_ADMIN]
)
def test_administrators_must_set_up_totp_before_anything(make_user, role):
    make_user("boss", roles=[role])
    client = password_login("boss")
    response = client.get("/accounts/profile/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/setup/")
    page = client.get("/accounts/2fa/setup/")
    assert page.status_code == 200
    assert 'src="data:image/svg+xml;base64,' in page.content.decode()
    device = TOTPDevice.objects.get(user__username="boss", confirmed=False)
    response = client.post("/accounts/2fa/setup/", {"token": "000000"})
    assert response.status_code == 200  # wrong code: form again
    response = client.post("/accounts/2fa/setup/", {"token": totp_now(device)})
    assert response.status_code == 200
    codes = re.findall(r"<li>([a-z2-9]{5}-[a-z2-9]{5})</li>", response.content.decode())
    assert len(codes) == 10
    assert client.get("/accounts/profile/").status_code == 200
    assert AuditEntry.objects.filter(action="accounts.2fa.enabled").exists()


def test_api_calls_of_unverified_admin_are_refused(make_user):
    make_user("boss", roles=[RoleCode.SECURITY_ADMIN])
    client = password_login("boss")
    response = client.get("/api/v1/accounts/me/")
    assert response.status_code == 403


def test_enrolled_user_is_asked_for_code_and_cannot_re_enrol_without_it(make_user):
    user = make_user("opt")
    device = enrol_totp(user)
    client = password_login("opt")
    assert client.get("/accounts/profile/")["Location"].startswith("/accounts/2fa/verify/")
    # The set-up page must not let a password-only session replace the device.
    assert client.get("/accounts/2fa/setup/")["Location"].startswith("/accounts/2fa/verify/")
    response = client.post("/accounts/2fa/verify/?next=/accounts/tokens/", {"token": "123456"})
    assert response.status_code == 200
    response = client.post(
        "/accounts/2fa/verify/?next=/accounts/tokens/", {"token": totp_now(device)}
    )
    assert response["Location"] == "/accounts/tokens/"
    assert client.get("/accounts/profile/").status_code == 200


def test_verify_refuses_offsite_next(make_user):
    user = make_user("opt2")
    device = enrol_totp(user)
    client = password_login("opt2")
    response = client.post(
        "/accounts/2fa/verify/?next=https://evil.example/", {"token": totp_now(device)}
    )
    assert response["Location"] == "/accounts/profile/"


def test_recovery_codes_work_once(make_user):
    user = make_user("rec")
    client = password_login("rec")
    client.get("/accounts/2fa/setup/")
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    page = client.post("/accounts/2fa/setup/", {"token": totp_now(device)}).content.decode()
    code = re.findall(r"<li>([a-z2-9]{5}-[a-z2-9]{5})</li>", page)[0]
    assert not RecoveryCode.objects.filter(code_hash__contains=code).exists()  # stored hashed
    second = password_login("rec")
    assert second.post("/accounts/2fa/verify/", {"token": code}).status_code == 302
    assert second.get("/accounts/profile/").status_code == 200
    third = password_login("rec")
    assert third.post("/accounts/2fa/verify/", {"token": code}).status_code == 200
    assert RecoveryCode.objects.filter(user=user, used_at__isnull=False).count() == 1
    assert AuditEntry.objects.filter(action="accounts.2fa.recovery_code_used").count() == 1


def test_optional_user_may_disable_but_admin_may_not(make_user):
    from accounts.tests.conftest import signed_in

    user = make_user("plain")
    enrol_totp(user)
    client = Client()
    client.force_login(user)
    client.post("/accounts/2fa/verify/", {"token": totp_now(user.totpdevice_set.get())})
    assert client.post("/accounts/2fa/disable/").status_code == 302
    assert not TOTPDevice.objects.filter(user=user).exists()

    admin = make_user("sec", roles=[RoleCode.SECURITY_ADMIN])
    admin_client = signed_in(admin)
    admin_client.post("/accounts/2fa/disable/")
    assert TOTPDevice.objects.filter(user=admin).exists()
