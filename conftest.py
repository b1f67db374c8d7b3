"""Project-wide pytest fixtures."""

from __future__ import annotations

import os

import pytest

# In CI a skip for a missing browser, CJK font, Redis or PostgreSQL fails the run.
pytest_plugins = ["core.testing"]

# Playwright's sync API runs an event loop in the test thread; Django's ORM guard
# would otherwise refuse the database calls that tests make next to it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    """Every test writes uploads into its own temporary directory."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Cached search counts are keyed by the index version, which a rolled-back test
    database repeats: every test starts with empty caches."""
    from django.core.cache import cache

    from catalog.search.service import forget_cached_labels

    yield
    cache.clear()
    forget_cached_labels()


@pytest.fixture(autouse=True)
def _default_language():
    """Every test ends in the default language (zh-hans). LocaleMiddleware activates the
    language of each request in its thread and leaves it active after the response, so a
    test-client request in English (the language cookie) made the next test's service
    messages English."""
    from django.utils import translation

    yield
    translation.deactivate()


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
BROWSER_TIMEOUT_MS = 15_000


@pytest.fixture(scope="module")
def browser():
    """The system Chromium driven by Playwright (never a downloaded browser), per module."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    executable = os.environ.get("STDBASE_CHROMIUM", "/usr/bin/chromium")
    if not os.path.exists(executable):
        pytest.skip(f"no Chromium at {executable}")
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh Chinese-locale tab; the test fails on any script error or CSP violation."""
    from playwright.sync_api import expect

    context = browser.new_context(
        locale="zh-CN", viewport={"width": 1280, "height": 900}, accept_downloads=True
    )
    context.set_default_timeout(BROWSER_TIMEOUT_MS)
    expect.set_options(timeout=BROWSER_TIMEOUT_MS)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    yield tab
    context.close()
    assert errors == []
