"""Pytest plugin: in CI, a test skipped for a missing browser, CJK font, Redis or PostgreSQL fails.

Locally such tests skip with a reason ("no Chromium at ...", "no CJK font installed"). In CI
(`CI=true`, or `STDBASE_REQUIRE_ALL=1`) everything they need is installed, so the same skip
means a test silently stopped running: the report is turned into a failure naming the kind.
A skip because the suite runs on the other database (a PostgreSQL-only test in the SQLite
run) stays a skip. Loaded from the root `conftest.py` (`pytest_plugins`).
"""

from __future__ import annotations

import os
import re

import pytest

#: Kinds of environment CI must provide, recognised by the skip reason.
REQUIRED = {
    "browser": re.compile(r"chromium|playwright|browser", re.IGNORECASE),
    "CJK font": re.compile(r"\bcjk\b|font", re.IGNORECASE),
    "Redis": re.compile(r"redis", re.IGNORECASE),
    "PostgreSQL": re.compile(r"postgres", re.IGNORECASE),
}


def strict() -> bool:
    """True in CI, where every environment-dependent test must run."""
    flag = os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}
    return flag or os.environ.get("STDBASE_REQUIRE_ALL", "").strip() == "1"


def running_on_postgresql() -> bool:
    """True when the suite's database is PostgreSQL (STDBASE_DATABASE_URL)."""
    return os.environ.get("STDBASE_DATABASE_URL", "").startswith(("postgres:", "postgresql:"))


def unexpected_kind(reason: str) -> str | None:
    """The missing environment a skip reason names, unless the skip is expected here."""
    for kind, pattern in REQUIRED.items():
        if pattern.search(reason):
            if kind == "PostgreSQL" and not running_on_postgresql():
                return None  # a PostgreSQL-only test in the SQLite run
            return kind
    return None


def _reason(report) -> str:
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2])
    return str(longrepr or "")


def _fail_if_unexpected(report) -> None:
    if not report.skipped or hasattr(report, "wasxfail") or not strict():
        return
    reason = _reason(report)
    kind = unexpected_kind(reason)
    if kind is not None:
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, but CI provides the {kind}: {reason}"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    _fail_if_unexpected(outcome.get_result())


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector):
    outcome = yield
    _fail_if_unexpected(outcome.get_result())


def sign_in(page, live_server, user) -> None:
    """Replace the browser tab's cookies by a session of `user` (no login form, no 2FA step).

    For browser tests that switch between people; a test of signing in itself uses the form.
    """
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
