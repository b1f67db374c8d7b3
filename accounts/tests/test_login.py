"""Sign-in by username or email, lockout, session fixation, logout everywhere, idle timeout."""

from __future__ import annotations

import time

import pytest
from django.test import Client

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


def test_wrong_password_is_audited_and_locks_progressively(make_user, settings):
    settings.LOGIN_FAILURE_LIMIT = 5
    settings.LOGIN_LOCKOUT_SECONDS = 300
    user = make_user("li")
    client = Client()
    for _ in range(5):
        response = login(client, "li", "wrong-password")
        assert response.status_code == 200
    assert "锁定" in response.content.decode() or "locked" in response.content.decode()
    row = LoginThrottle.objects.get(username="li")
    first_lock = row.locked_until
    # Even the right password is refused while locked.
    assert login(client, "li@example.cn").status_code == 200
    row.refresh_from_db()
    assert row.failures == 6
    assert (row.locked_until - row.last_failure_at).total_seconds() == pytest.approx(600, abs=2)
    assert row.locked_until > first_lock
    assert AuditEntry.objects.filter(action="accounts.login.failed", result="failure").count() == 6
    locked = AuditEntry.objects.get(action="accounts.user.locked")
    assert locked.object_id == str(user.pk)


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
