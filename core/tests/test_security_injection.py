"""SQL injection and XSS payloads in every query parameter and form field: no 500, no echo."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.core.cache import cache
from django.test import Client

from accounts.models import RoleCode
from accounts.tests import conftest as account_fixtures
from accounts.tests.conftest import signed_in
from catalog.models import Standard
from catalog.tests.ui_data import build_catalogue

# Fixtures shared with the accounts tests.
_roles = account_fixtures._roles
_fast_hashing = account_fixtures._fast_hashing
make_user = account_fixtures.make_user

pytestmark = pytest.mark.django_db

SQLI = [
    "' OR '1'='1",
    "1' OR 1=1 --",
    "'; DROP TABLE catalog_standard; --",
    '" UNION SELECT username, password FROM accounts_user --',
    "1) OR (1=1",
    '"*" NEAR(a b) OR x:*',
    "GB/T 1%' AND SLEEP(5) AND '%'='",
    "\\'\\\"\x00",
]
XSS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(document.cookie)",
    "<svg/onload=alert(1)>",
    "{{7*7}}{% debug %}",
]
PAYLOADS = SQLI + XSS
# Fragments that would only appear if a payload were echoed without escaping.
DANGEROUS = ["<script>alert(1)", "<img src=x onerror", "<svg/onload", "49{% debug"]

CATALOGUE_PAGES = ["/", "/search/", "/search/export.csv", "/search/export.xlsx", "/ics/", "/ccs/"]
CATALOGUE_PARAMS = ["q", "tier", "status", "publisher", "ics", "ccs", "year", "sort", "page"]
API_ENDPOINTS = {
    "/api/v1/search/": ["q", "tier", "status", "publisher", "ics", "ccs", "year", "sort", "page"],
    "/api/v1/facets/": ["q", "tier", "status", "ics", "ccs", "year"],
    "/api/v1/standards/": [
        "tier",
        "status",
        "mandate",
        "publisher",
        "year",
        "ics",
        "ccs",
        "prefix",
        "updated_since",
        "ordering",
        "page",
        "page_size",
    ],
    "/api/v1/ics/": ["parent", "level"],
    "/api/v1/ccs/": ["parent", "level"],
}


@pytest.fixture
def catalogue():
    cache.clear()
    return build_catalogue()


def assert_safe(response, where: str) -> None:
    assert response.status_code < 500, f"{where}: {response.status_code}"
    if response.get("Content-Type", "").startswith("text/html"):
        body = response.content.decode()
        for fragment in DANGEROUS:
            assert fragment not in body, f"{where}: unescaped {fragment!r}"


def test_catalogue_pages_survive_payloads_in_every_parameter(catalogue):
    client = Client()
    total = Standard.objects.count()
    for page in CATALOGUE_PAGES:
        for param in CATALOGUE_PARAMS:
            for payload in PAYLOADS:
                response = client.get(page, {param: payload})
                assert_safe(response, f"{page}?{param}={payload!r}")
    assert Standard.objects.count() == total  # nothing was dropped or changed


def test_catalogue_paths_survive_payloads(catalogue):
    client = Client()
    for payload in PAYLOADS:
        for prefix in ("/standards/", "/ics/", "/ccs/"):
            response = client.get(prefix + quote(payload, safe="") + "/")
            assert_safe(response, f"{prefix}{payload!r}")
            assert response.status_code in (200, 301, 302, 400, 404)


def test_search_api_and_filters_survive_payloads(catalogue):
    client = Client()
    for url, params in API_ENDPOINTS.items():
        for param in params:
            for payload in PAYLOADS:
                cache.clear()  # the search API is throttled
                response = client.get(url, {param: payload})
                assert_safe(response, f"{url}?{param}={payload!r}")
                assert response.status_code in (200, 400, 404), (url, param, payload)
                assert response["Content-Type"].startswith("application/json")


def test_sql_injection_does_not_widen_results(catalogue):
    client = Client()
    response = client.get("/api/v1/search/", {"q": "' OR '1'='1"})
    data = response.json()
    count = data.get("count", len(data.get("results", []))) if isinstance(data, dict) else 0
    assert count < Standard.objects.count()


@pytest.mark.parametrize(
    ("url", "fields"),
    [
        ("/accounts/login/", ["username", "password"]),
        ("/accounts/register/", ["username", "email", "display_name", "phone", "password1"]),
        ("/accounts/password/reset/", ["email"]),
    ],
)
def test_public_forms_survive_payloads(db, url, fields):
    client = Client()
    for field in fields:
        for payload in PAYLOADS:
            cache.clear()
            data = dict.fromkeys(fields, "x")
            data[field] = payload
            assert_safe(client.post(url, data), f"{url} {field}={payload!r}")


def test_signed_in_forms_and_audit_filters_survive_payloads(make_user):
    user = make_user("payload", roles=[RoleCode.AUDIT_ADMIN])
    client = signed_in(user)
    forms = {
        "/accounts/organizations/register/": ["name", "type", "credit_code", "region"],
        "/accounts/tokens/": ["name", "scope", "expires_in_days"],
        "/accounts/profile/delete/": ["reason"],
    }
    for url, fields in forms.items():
        for field in fields:
            for payload in PAYLOADS:
                data = dict.fromkeys(fields, "1")
                data[field] = payload
                assert_safe(client.post(url, data), f"{url} {field}={payload!r}")
    for param in ["q", "action", "result", "actor", "ip", "date_from", "date_to", "page"]:
        for payload in PAYLOADS:
            assert_safe(client.get("/audit/", {param: payload}), f"/audit/?{param}")
    # What was stored is shown escaped.
    from accounts.services.tokens import create_token

    create_token(user, name="<script>alert(1)</script>")
    body = client.get("/accounts/tokens/").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
