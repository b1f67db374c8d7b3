"""`stdbase ensure_admin`: one system administrator with a generated password, idempotent."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command

from accounts.models import User
from accounts.roles import has_role, requires_two_factor

pytestmark = pytest.mark.django_db


def test_creates_admin_once_with_generated_password():
    out = io.StringIO()
    call_command("ensure_admin", stdout=out)
    password = re.search(r"password: (\S+)", out.getvalue())[1]
    admin = User.objects.get(username="sysadmin")
    assert admin.is_superuser and admin.check_password(password)
    assert admin.must_change_password and requires_two_factor(admin)
    assert has_role(admin, "system_admin")
    assert len(password) >= 20

    again = io.StringIO()
    call_command("ensure_admin", stdout=again)
    assert "password" not in again.getvalue()
    assert User.objects.filter(is_superuser=True).count() == 1


def test_two_installations_get_different_passwords():
    first = io.StringIO()
    call_command("ensure_admin", stdout=first)
    User.objects.all().delete()
    second = io.StringIO()
    call_command("ensure_admin", stdout=second)
    pattern = r"password: (\S+)"
    assert re.search(pattern, first.getvalue())[1] != re.search(pattern, second.getvalue())[1]


def test_no_default_credentials_in_code():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    for path in [*root.glob("accounts/**/*.py"), *root.glob("stdbase/*.py"), root / "Makefile"]:
        if "tests" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"password\s*=\s*['\"](admin|123456|password)", text, re.I), path


def test_first_login_of_the_bootstrap_admin_sets_up_totp_then_changes_password(settings):
    from django.test import Client
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.tests.conftest import totp_now

    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    out = io.StringIO()
    call_command("ensure_admin", stdout=out)
    password = re.search(r"password: (\S+)", out.getvalue())[1]
    client = Client()
    response = client.post("/accounts/login/", {"username": "sysadmin", "password": password})
    assert response.status_code == 302
    assert client.get("/admin/")["Location"].startswith("/accounts/2fa/setup/")
    client.get("/accounts/2fa/setup/")
    device = TOTPDevice.objects.get(user__username="sysadmin", confirmed=False)
    client.post("/accounts/2fa/setup/", {"token": totp_now(device)})
    assert client.get("/admin/")["Location"].startswith("/accounts/password/change/")
    new = "Another-Long-Secret-77"
    response = client.post(
        "/accounts/password/change/",
        {"old_password": password, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    assert not User.objects.get(username="sysadmin").must_change_password
