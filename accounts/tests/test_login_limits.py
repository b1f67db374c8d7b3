"""One limiter for every sign-in path, the Django admin's included."""

from __future__ import annotations

import pytest
from django.test import Client

from audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def post(client, path):
    return client.post(path, {"username": "nobody", "password": "wrong-password"})


def test_admin_login_is_rate_limited(settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "login": "20/300"}
    client = Client()
    codes = [post(client, "/admin/login/").status_code for _ in range(25)]
    assert codes[:20] == [200] * 20
    assert codes[20:] == [429] * 5
    assert AuditEntry.objects.filter(action="security.ratelimit.exceeded").count() == 5


def test_sign_in_paths_share_one_budget(settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "login": "20/300"}
    client = Client()
    assert {post(client, "/accounts/login/").status_code for _ in range(15)} == {200}
    codes = [post(client, "/admin/login/").status_code for _ in range(10)]
    assert codes == [200] * 5 + [429] * 5
    assert post(client, "/accounts/login/").status_code == 429
