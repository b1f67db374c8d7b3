"""The OpenAPI schema of the catalogue API, its docs pages, and a schemathesis run against it.

Schemathesis generates requests from the schema and sends them to the Django WSGI app
in-process (no network); every answer must be a documented status and content type with
a body that conforms to the schema, and never a 500.
"""

from __future__ import annotations

import re

import pytest
import schemathesis
from django.contrib.staticfiles import finders
from django.core import signals
from django.core.cache import cache
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from rest_framework.test import APIClient
from schemathesis.checks import not_a_server_error
from schemathesis.generation.modes import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from catalog.tests.api_data import build_api_catalogue
from core.api.docs import REDOC_CONTENT_SECURITY_POLICY
from core.middleware import CONTENT_SECURITY_POLICY

CATALOGUE_PATHS = r"^/api/v1/(standards|search|facets|ics|ccs)/"


@pytest.fixture
def openapi() -> dict:
    response = APIClient().get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    return response.json()


def _operations(openapi: dict):
    for path, item in openapi["paths"].items():
        if re.match(CATALOGUE_PATHS, path):
            for method, operation in item.items():
                yield path, method, operation


def test_every_catalogue_operation_is_documented(openapi):
    operations = list(_operations(openapi))
    paths = {path for path, _, _ in operations}
    assert paths == {
        "/api/v1/standards/",
        "/api/v1/standards/{id}/",
        "/api/v1/standards/lookup/",
        "/api/v1/search/",
        "/api/v1/search/export/",
        "/api/v1/facets/",
        "/api/v1/ics/",
        "/api/v1/ics/{code}/",
        "/api/v1/ccs/",
        "/api/v1/ccs/{code}/",
    }
    for path, method, operation in operations:
        assert method == "get", path
        assert operation["tags"], path
        assert operation.get("summary") and operation.get("description"), path
        assert "200" in operation["responses"], path
        assert {"400", "404"} & set(operation["responses"]), path


def _parameters(openapi: dict, path: str) -> dict[str, dict]:
    return {p["name"]: p for p in openapi["paths"][path]["get"].get("parameters", [])}


def test_parameters_are_described_with_their_bounds(openapi):
    standards = _parameters(openapi, "/api/v1/standards/")
    assert {
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
    } <= set(standards)
    assert standards["page_size"]["schema"]["maximum"] == 100
    assert set(standards["tier"]["schema"]["items"]["enum"]) == {
        "national",
        "industry",
        "local",
        "group",
        "enterprise",
        "international",
    }
    search = _parameters(openapi, "/api/v1/search/")
    assert {
        "q",
        "tier",
        "status",
        "publisher",
        "ics",
        "ccs",
        "year",
        "mandate",
        "sort",
        "page",
        "page_size",
    } <= set(search)
    assert search["page_size"]["schema"]["maximum"] == 100
    assert search["q"]["description"]
    export = _parameters(openapi, "/api/v1/search/export/")
    assert export["format"]["schema"]["enum"] == ["xlsx", "csv"]
    assert _parameters(openapi, "/api/v1/standards/lookup/")["designation"]["required"]


def test_search_response_is_described(openapi):
    schemas = openapi["components"]["schemas"]
    result = schemas["SearchResult"]["properties"]
    assert {"count", "page", "num_pages", "kind", "took_ms", "results", "facets"} <= set(result)
    hit = schemas["SearchHit"]["properties"]
    assert {"score", "exact", "highlights", "designation", "url"} <= set(hit)
    error = schemas["Error"]["properties"]
    assert {"detail", "code"} <= set(error)
    search = openapi["paths"]["/api/v1/search/"]["get"]
    assert search["responses"]["200"]["content"]["application/json"]["examples"]


# -- documentation pages under the site's CSP ------------------------------------------------

_ASSET = re.compile(r'(?:src|href)="([^"]+)"')


def _assets(html: str) -> list[str]:
    return _ASSET.findall(html)


@pytest.mark.parametrize(
    ("url", "policy"),
    [
        ("/api/v1/docs/", CONTENT_SECURITY_POLICY),
        # ReDoc's styled-components need inline styles (see core.api.docs); scripts do not.
        ("/api/v1/redoc/", REDOC_CONTENT_SECURITY_POLICY),
    ],
)
def test_docs_pages_render_with_local_assets_and_strict_csp(client, url, policy):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert response["Content-Security-Policy"] == policy
    assert "script-src 'self';" in policy and "unsafe-eval" not in policy
    assert "<style" not in html
    assert re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html) is None, "inline script"
    assets = _assets(html)
    assert assets
    for asset in assets:
        assert asset.startswith("/"), asset
        if asset.startswith("/static/"):
            assert finders.find(asset.removeprefix("/static/")), asset


def test_swagger_init_script_is_served_from_the_same_origin(client):
    html = client.get("/api/v1/docs/").content.decode()
    script = next(a for a in _assets(html) if "script" in a and "/static/" not in a)
    response = client.get(script.replace("&amp;", "&"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in response.content.decode()
    assert "/api/v1/schema/" in response.content.decode()


# -- schemathesis -------------------------------------------------------------------------------
# The schema is loaded inside each test (it needs the app and, for the calls, the test
# database); schemathesis.pytest.from_fixture() does not run on pytest 9 yet.

CATALOGUE_OPERATIONS = [
    "/api/v1/standards/",
    "/api/v1/standards/{id}/",
    "/api/v1/standards/lookup/",
    "/api/v1/search/",
    "/api/v1/search/export/",
    "/api/v1/facets/",
    "/api/v1/ics/",
    "/api/v1/ics/{code}/",
    "/api/v1/ccs/",
    "/api/v1/ccs/{code}/",
]
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def keep_test_connection():
    """Keep the test transaction's connection across in-process WSGI calls.

    Django closes "old" connections when a request starts and ends, which inside a test
    transaction means closing it (as its test client knows, and disconnects too).
    """
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def generous_throttling(settings):
    # The run is about conformance; throttling has its own tests.
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"search": "100000/min", "export": "100000/min"},
    }
    cache.clear()


@pytest.mark.django_db
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
@pytest.mark.parametrize("path", CATALOGUE_OPERATIONS)
def test_api_conforms_to_its_schema(path, mode, generous_throttling, keep_test_connection):
    from stdbase.wsgi import application

    build_api_catalogue()
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)
    operation = schema[path]["GET"]

    @settings(
        max_examples=25,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def check(case):
        case.call_and_validate(checks=CHECKS)

    check()


# -- the docs pages in a real browser, under the site's CSP ------------------------------------


# Swagger UI (5.x) virtualises the operation list once it has 150 rows or more (tags plus
# operations of the open tags): only the rows near the viewport are in the DOM, so the
# catalogue's operations, sorted after accounts, checks, consulting, development ..., are
# not rendered on first load. The test opens the `standards` tag by its deep link (on by
# default in drf-spectacular), which scrolls the virtual list to it, and waits for the
# operation itself; collapsing every tag instead would hide the operations altogether.


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("url", "rendered"),
    [
        (
            "/api/v1/docs/#/standards",
            ".swagger-ui .opblock-summary-path[data-path='/api/v1/standards/']",
        ),
        ("/api/v1/redoc/", "[data-section-id^='tag/standards']"),
    ],
)
def test_docs_pages_work_in_a_browser_without_csp_violations(browser, live_server, url, rendered):
    context = browser.new_context()
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    local = (live_server.url, "data:", "blob:")
    fetched: list[str] = []
    blocked: list[str] = []
    page.on("response", lambda r: fetched.append(r.url) if not r.url.startswith(local) else None)
    page.on("requestfailed", lambda r: blocked.append(f"{r.url} {r.failure}"))
    page.goto(live_server.url + url)
    page.wait_for_selector(rendered, timeout=20_000)
    page.wait_for_load_state("networkidle")
    assert "/api/v1/standards/" in page.content()
    context.close()
    # Nothing is fetched from outside. ReDoc hard-codes one footer logo on cdn.redoc.ly:
    # the CSP (img-src 'self') refuses it before any request leaves, and ReDoc hides it.
    assert fetched == []
    assert all("cdn.redoc.ly/redoc/logo-mini.svg" in b and b.endswith(" csp") for b in blocked), (
        blocked
    )
    assert [p for p in problems if "cdn.redoc.ly/redoc/logo-mini.svg" not in p] == []
