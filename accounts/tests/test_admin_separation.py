"""三员分立 through the Django admin: no administrator reaches another's credentials."""

from __future__ import annotations

import pytest
from django.core import mail
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import ApiToken, RoleCode, User
from accounts.services.tokens import create_token
from accounts.tests.conftest import PASSWORD, enrol_totp, fresh_code, signed_in
from audit.models import AuditEntry


@pytest.fixture
def triad(make_user):
    system = make_user("sys", roles=[RoleCode.SYSTEM_ADMIN])
    security = make_user("sec", roles=[RoleCode.SECURITY_ADMIN])
    auditor = make_user("aud", roles=[RoleCode.AUDIT_ADMIN])
    for person in (system, security, auditor):
        enrol_totp(person)
    return system, security, auditor


def test_system_admin_cannot_read_another_admins_totp_secret(triad):
    system, _security, auditor = triad
    device = TOTPDevice.objects.get(user=auditor)
    client = signed_in(system)
    listing = client.get("/admin/otp_totp/totpdevice/")
    assert listing.status_code == 200
    assert device.key not in listing.content.decode()
    detail = client.get(f"/admin/otp_totp/totpdevice/{device.pk}/change/")
    body = detail.content.decode()
    assert device.key not in body
    assert 'name="key"' not in body
    assert "otpauth://" not in body
    # The stock QR and configuration routes are gone.
    for suffix in ("config/", "qrcode/"):
        assert client.get(f"/admin/otp_totp/totpdevice/{device.pk}/{suffix}").status_code in {
            302,
            403,
            404,
        }
    # Nor can a device be added (with a known key) or changed for someone else.
    assert client.get("/admin/otp_totp/totpdevice/add/").status_code == 403


def test_system_admin_cannot_set_another_admins_password(triad):
    system, _security, auditor = triad
    client = signed_in(system)
    url = f"/admin/accounts/user/{auditor.pk}/password/"
    response = client.post(url, {"password1": "N3w!Passw0rd#x", "password2": "N3w!Passw0rd#x"})
    assert response.status_code in {403, 404}
    auditor.refresh_from_db()
    assert auditor.check_password(PASSWORD)


def test_system_admin_cannot_change_another_admins_email(triad):
    system, _security, auditor = triad
    client = signed_in(system)
    page = client.get(f"/admin/accounts/user/{auditor.pk}/change/")
    assert 'name="email"' not in page.content.decode()
    client.post(
        f"/admin/accounts/user/{auditor.pk}/change/",
        {"username": "aud", "email": "attacker@example.cn", "is_active": "on"},
    )
    auditor.refresh_from_db()
    assert auditor.email == "aud@example.cn"
    # Bulk deletion cannot reach administrators either.
    client.post(
        "/admin/accounts/user/",
        {"action": "delete_selected", "_selected_action": [auditor.pk], "post": "yes"},
    )
    assert User.objects.filter(pk=auditor.pk).exists()


def test_system_admin_cannot_grant_staff_in_the_admin(triad, make_user):
    system, _security, _auditor = triad
    person = make_user("plain")
    client = signed_in(system)
    page = client.get(f"/admin/accounts/user/{person.pk}/change/").content.decode()
    assert 'name="is_staff"' not in page
    client.post(
        f"/admin/accounts/user/{person.pk}/change/",
        {"username": "plain", "email": "plain@example.cn", "is_active": "on", "is_staff": "on"},
    )
    person.refresh_from_db()
    assert not person.is_staff


def test_admin_change_is_audited_with_client_ip(triad, make_user):
    system, _security, _auditor = triad
    person = make_user("plain2")
    client = signed_in(system)
    response = client.post(
        f"/admin/accounts/user/{person.pk}/change/",
        {"username": "plain2", "email": "new@example.cn", "display_name": "新", "is_active": "on"},
        REMOTE_ADDR="203.0.113.9",
    )
    assert response.status_code == 302, response.content[:2000]
    entry = AuditEntry.objects.filter(action="admin.accounts.user.changed").get()
    assert entry.ip_address == "203.0.113.9"
    assert entry.actor_id == system.pk


def _reset(client, person, code):
    return client.post(
        f"/accounts/security/users/{person.pk}/reset-credentials/",
        {"token": code},
        REMOTE_ADDR="198.51.100.7",
    )


def test_security_admin_resets_credentials_with_own_fresh_code(triad):
    _system, security, auditor = triad
    _token, _key = create_token(auditor, name="cli")
    client = signed_in(security)
    # A wrong code of the security administrator changes nothing.
    assert _reset(client, auditor, "000000").status_code == 200
    auditor.refresh_from_db()
    assert auditor.check_password(PASSWORD)
    assert TOTPDevice.objects.filter(user=auditor).exists()

    response = _reset(client, auditor, fresh_code(security))
    assert response.status_code == 302
    auditor.refresh_from_db()
    assert not auditor.has_usable_password()
    assert not TOTPDevice.objects.filter(user=auditor).exists()
    assert not ApiToken.objects.usable().filter(user=auditor).exists()
    # The person gets a link to choose a new password; nobody else learns a credential.
    assert mail.outbox[-1].to == ["aud@example.cn"]
    assert "/accounts/password/reset/" in mail.outbox[-1].body
    entry = AuditEntry.objects.get(action="accounts.credentials.reset")
    assert entry.ip_address == "198.51.100.7"
    assert entry.actor_id == security.pk and entry.object_id == str(auditor.pk)


@pytest.mark.parametrize("role", [RoleCode.SYSTEM_ADMIN, RoleCode.AUDIT_ADMIN])
def test_other_administrators_cannot_reset_credentials(triad, make_user, role):
    holder = make_user(roles=[role])
    victim = triad[1]
    client = signed_in(holder)
    assert _reset(client, victim, fresh_code(holder)).status_code == 403
    victim.refresh_from_db()
    assert victim.check_password(PASSWORD)


def test_security_admin_cannot_reset_own_credentials_this_way(triad):
    security = triad[1]
    client = signed_in(security)
    _reset(client, security, fresh_code(security))
    security.refresh_from_db()
    assert security.check_password(PASSWORD)
