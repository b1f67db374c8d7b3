"""In CI, skips for a missing browser, font, Redis or PostgreSQL fail the run; locally they skip."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from core import testing

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = """
import pytest

pytest.importorskip("no_such_browser_driver_playwright")
"""
TESTS = """
import pytest

def test_browser():
    pytest.skip("no Chromium at /nowhere")

@pytest.mark.skipif(True, reason="no CJK font installed")
def test_font():
    pass

@pytest.mark.skipif(True, reason="PostgreSQL search strategies")
def test_postgres_only():
    pass

@pytest.mark.skipif(True, reason="not relevant on this platform")
def test_ordinary_skip():
    pass

def test_passes():
    pass
"""


def run_pytest(tmp_path: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    (tmp_path / "test_sample.py").write_text(TESTS)
    (tmp_path / "test_collect.py").write_text(SAMPLE)
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "core.testing",
            "-p",
            "no:django",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:xdist",
            "-rfs",
            "--continue-on-collection-errors",
            "-q",
            str(tmp_path),
        ],
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_locally_the_skips_stay_skips(tmp_path):
    result = run_pytest(tmp_path, {})
    assert result.returncode == 0, result.stdout
    assert "1 passed, 5 skipped" in result.stdout


def test_in_ci_environment_skips_fail_the_run(tmp_path):
    result = run_pytest(tmp_path, {"CI": "true"})
    assert result.returncode == 1, result.stdout
    assert "CI provides the browser: Skipped: no Chromium at /nowhere" in result.stdout
    assert "CI provides the CJK font" in result.stdout
    assert "1 failed, 1 passed, 2 skipped, 2 errors" in result.stdout
    # The PostgreSQL-only test skips in the SQLite run; in the PostgreSQL run it may not.
    on_postgres = run_pytest(
        tmp_path, {"STDBASE_REQUIRE_ALL": "1", "STDBASE_DATABASE_URL": "postgres://x/y"}
    )
    assert "CI provides the PostgreSQL" in on_postgres.stdout
    assert "1 failed, 1 passed, 1 skipped, 3 errors" in on_postgres.stdout


@pytest.mark.parametrize(
    ("reason", "kind"),
    [
        ("STDBASE_TEST_REDIS_URL not set (CI starts Redis)", "Redis"),
        ("needs a CJK font to write the PDF", "CJK font"),
        ("could not import 'playwright.sync_api'", "browser"),
        ("SQLite samples every large set's facets", None),
        ("trigger exists on PostgreSQL", None),
    ],
)
def test_reasons_are_classified(reason, kind, monkeypatch):
    monkeypatch.delenv("STDBASE_DATABASE_URL", raising=False)
    assert testing.unexpected_kind(reason) == kind
