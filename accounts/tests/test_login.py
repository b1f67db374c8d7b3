"""Sign-in by username or email, lockout, session fixation, logout everywhere, idle timeout."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.models import LoginThrottle
from accounts.signals import LAST_ACTIVITY_KEY
from accounts.tests.conftest import PASSWORD, signed_in
from audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def login(client, identifier, password=PASSWORD):
    return client.post("/accounts/login/", {"username": identifier, "password": password})


def test_login_with_username_or_email_changes_session_key(make_user):
    make_user("zhang", email="Zhang@Example.cn")
    for identifier in ("zhang", "ZHANG", "zhang@example.cn"):
        client = Client()
        client.get("/accounts/login/")
        client.session.save()
        before = client.session.session_key
        response = login(client, identifier)
        assert response.status_code == 302, identifier
        assert client.session.session_key != before
        assert client.session["_auth_user_id"]
    assert AuditEntry.objects.filter(action="accounts.login.succeeded").count() == 3


def login_from(address, identifier, password=PASSWORD):
    return Client(REMOTE_ADDR=address).post(
        "/accounts/login/", {"username": identifier, "password": password}
    )


def test_failures_delay_only_their_source_and_never_extend(make_user, settings):
    settings.LOGIN_FAILURE_LIMIT = 5
    settings.LOGIN_LOCKOUT_SECONDS = 300
    user = make_user("li")
    for _ in range(5):
        response = login_from("203.0.113.5", "li", "wrong-password")
        assert response.status_code == 200
    assert "请等到" in response.content.decode()
    row = LoginThrottle.objects.get(username="li", source="203.0.113.5")
    first = row.locked_until
    assert (first - row.last_failure_at).total_seconds() == pytest.approx(300, abs=2)
    # The attacker's address waits, even with the right password, and cannot extend it.
    for _ in range(3):
        assert login_from("203.0.113.5", "li@example.cn").status_code == 200
    row.refresh_from_db()
    assert (row.failures, row.locked_until) == (5, first)
    # The administrator at another address is not locked out.
    assert login_from("198.51.100.20", "li").status_code == 302
    assert AuditEntry.objects.filter(action="accounts.login.failed", result="failure").count() == 8
    delayed = AuditEntry.objects.get(action="accounts.login.delayed")
    assert delayed.object_id == str(user.pk) and delayed.ip_address == "203.0.113.5"


def test_delay_doubles_only_after_it_ran_out(make_user, settings):
    settings.LOGIN_FAILURE_LIMIT = 5
    settings.LOGIN_LOCKOUT_SECONDS = 300
    make_user("sun")
    for _ in range(5):
        login_from("203.0.113.6", "sun", "wrong-password")
    row = LoginThrottle.objects.get(username="sun")
    row.locked_until = timezone.now() - timedelta(seconds=1)
    row.save()
    login_from("203.0.113.6", "sun", "wrong-password")
    row.refresh_from_db()
    assert row.failures == 6
    assert (row.locked_until - row.last_failure_at).total_seconds() == pytest.approx(600, abs=2)


def test_password_reset_lifts_every_delay(make_user, settings):
    settings.LOGIN_FAILURE_LIMIT = 5
    user = make_user("zhou")
    for address in ("203.0.113.7", "203.0.113.8"):
        for _ in range(5):
            login_from(address, "zhou", "wrong-password")
    assert LoginThrottle.objects.filter(username="zhou").count() == 2
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    client = Client(REMOTE_ADDR="203.0.113.7")
    url = f"/accounts/password/reset/{uid}/{default_token_generator.make_token(user)}/"
    form_url = client.get(url)["Location"]
    response = client.post(
        form_url, {"new_password1": "Fr3sh!Passw0rd#", "new_password2": "Fr3sh!Passw0rd#"}
    )
    assert response.status_code == 302
    assert not LoginThrottle.objects.filter(username="zhou").exists()
    assert login_from("203.0.113.7", "zhou", "Fr3sh!Passw0rd#").status_code == 302


def test_delay_is_shown_in_local_time(make_user, settings):
    settings.LOGIN_FAILURE_LIMIT = 5
    make_user("wu")
    for _ in range(5):
        login_from("203.0.113.9", "wu", "wrong-password")
    row = LoginThrottle.objects.get(username="wu")
    row.locked_until = datetime(2030, 1, 2, 2, 30, tzinfo=UTC)
    row.save()
    page = login_from("203.0.113.9", "wu").content.decode()
    assert "2030-01-02 10:30" in page  # Asia/Shanghai, not 02:30 UTC
    admin_page = Client(REMOTE_ADDR="203.0.113.9").post(
        "/admin/login/", {"username": "wu", "password": PASSWORD}
    )
    assert "2030-01-02 10:30" in admin_page.content.decode()


def test_success_resets_failures(make_user):
    make_user("wang")
    client = Client()
    for _ in range(3):
        login(client, "wang", "nope-nope")
    assert login(client, "wang").status_code == 302
    assert not LoginThrottle.objects.filter(username="wang").exists()


def test_logout_everywhere_ends_other_sessions(make_user):
    user = make_user("zhao")
    other = Client()
    assert login(other, "zhao").status_code == 302
    assert other.get("/accounts/profile/").status_code == 200
    me = signed_in(user)
    assert me.post("/accounts/logout/everywhere/").status_code == 302
    response = other.get("/accounts/profile/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_idle_session_expires(make_user, settings):
    settings.SESSION_IDLE_TIMEOUT = 600
    user = make_user("qian")
    client = signed_in(user)
    assert client.get("/accounts/profile/").status_code == 200
    session = client.session
    session[LAST_ACTIVITY_KEY] = int(time.time()) - 601
    session.save()
    response = client.get("/accounts/profile/")
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="accounts.session.expired").exists()
