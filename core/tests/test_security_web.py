"""Web security baseline: headers, CSRF, cookies, rate limits, deploy checks, health."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from accounts.models import StoredFile
from accounts.tests import conftest as account_fixtures
from accounts.tests.conftest import PASSWORD, signed_in
from core.middleware import CONTENT_SECURITY_POLICY

# Fixtures shared with the accounts tests.
_roles = account_fixtures._roles
_fast_hashing = account_fixtures._fast_hashing
make_user = account_fixtures.make_user

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


def test_security_headers_on_pages():
    response = Client().get("/accounts/login/")
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert csp == CONTENT_SECURITY_POLICY
    assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_hsts_is_sent_when_configured(settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    response = Client().get("/accounts/login/", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_signed_in_pages_are_not_cached(make_user):
    response = signed_in(make_user()).get("/accounts/profile/")
    assert "no-store" in response["Cache-Control"]


def test_post_without_csrf_token_is_rejected_and_audited(make_user):
    from audit.models import AuditEntry

    make_user("csrf")
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "csrf", "password": PASSWORD})
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session
    assert AuditEntry.objects.filter(action="security.access.denied", detail__contains="csrf")
    # With the token from the form, the same post works.
    page = client.get("/accounts/login/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
    response = client.post(
        "/accounts/login/",
        {"username": "csrf", "password": PASSWORD, "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302


def test_signed_in_post_without_csrf_is_rejected(make_user):
    user = make_user()
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    assert client.post("/accounts/logout/everywhere/").status_code == 403
    user.refresh_from_db()
    assert user.session_version == 0


def test_session_cookie_flags_and_fixation(make_user):
    make_user("fix")
    client = Client()
    client.get("/accounts/login/")
    client.session.save()
    planted = client.session.session_key
    response = client.post("/accounts/login/", {"username": "fix", "password": PASSWORD})
    cookie = response.cookies["stdbase_session"]
    assert cookie.value != planted
    assert cookie["httponly"] and cookie["samesite"] == "Lax"


@pytest.mark.parametrize(
    ("url", "data", "scope"),
    [
        ("/accounts/login/", {"username": "nobody", "password": "x"}, "login"),
        ("/accounts/register/", {"username": "x"}, "register"),
        ("/accounts/password/reset/", {"email": "x@example.cn"}, "password_reset"),
    ],
)
def test_rate_limits(settings, url, data, scope):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, scope: "3/60"}
    client = Client()
    codes = [client.post(url, data).status_code for _ in range(4)]
    assert 429 not in codes[:3] and codes[3] == 429
    assert client.get(url).status_code == 200  # reading the form is not limited


def test_upload_rate_limit_and_size_limit(settings, make_user):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "upload": "2/60"}
    settings.UPLOAD_MAX_BYTES = 2048
    client = signed_in(make_user())
    big = SimpleUploadedFile("big.txt", b"a" * 4096)
    response = client.post("/accounts/files/", {"file": big})
    assert response.status_code == 200 and not StoredFile.objects.exists()
    ok = SimpleUploadedFile("ok.txt", "标准清单".encode())
    assert client.post("/accounts/files/", {"file": ok}).status_code == 302
    assert client.post("/accounts/files/", {"file": ok}).status_code == 429


def test_brute_force_login_ends_in_lockout(make_user):
    make_user("target")
    client = Client()
    for _ in range(5):
        client.post("/accounts/login/", {"username": "target", "password": "guess"})
    response = client.post("/accounts/login/", {"username": "target", "password": PASSWORD})
    assert response.status_code == 200 and "_auth_user_id" not in client.session


def test_healthz_reports_database():
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert Client().post("/healthz").status_code == 405


def test_media_files_are_not_served_directly(make_user, settings):
    from accounts.services.files import store_upload

    stored = store_upload(
        SimpleUploadedFile("a.txt", b"secret"), owner=make_user(), allowed={"txt"}
    )
    for url in (
        f"/media/{stored.file.name}",
        f"/{stored.file.name}",
        f"/static/{stored.file.name}",
    ):
        assert Client().get(url).status_code == 404


OWN_TEMPLATES = [
    *ROOT.glob("accounts/templates/**/*.html"),
    *ROOT.glob("audit/templates/**/*.html"),
    *ROOT.glob("core/templates/*.html"),
]


@pytest.mark.parametrize("path", OWN_TEMPLATES, ids=lambda p: p.name)
def test_templates_have_no_inline_script_style_or_handlers(path):
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text)
    assert not re.search(r"\sstyle\s*=", text)
    assert not re.search(r"\son[a-z]+\s*=", text)


def test_deploy_check_has_no_security_findings_in_production():
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "STDBASE_PRODUCTION": "true",
        "STDBASE_SECRET_KEY": "test-only-" + "k" * 60,
        "STDBASE_ALLOWED_HOSTS": "stdbase.example",
        "DJANGO_SETTINGS_MODULE": "stdbase.settings",
    }
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "ERROR"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    # `make lint` fails on any warning; this test pins the security-relevant ones.
    for tag in ("(security.", "(async.", "(mail.", "(csrf.", "(sessions.", "(auth."):
        assert tag not in output, output


def test_nul_bytes_in_path_or_query_get_400():
    client = Client()
    assert client.get("/search/", {"q": "GB\x00"}).status_code == 400
    assert client.get("/standards/GB%00/").status_code == 400
    assert client.get("/api/v1/search/", {"tier\x00": "x"}).status_code == 400
