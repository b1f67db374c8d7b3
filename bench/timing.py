"""Small helpers shared by the benchmarks: set-up, a fresh database and p50/p95 timing."""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path


def setup_django() -> None:
    """Django settings for gettext and the apps; the pure cores need no database."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stdbase.settings")
    os.environ.setdefault("STDBASE_LOG_LEVEL", "WARNING")
    import django

    django.setup()


def fresh_database(out: Path, database_url: str | None) -> None:
    """Django on a new data directory `out`, migrated: SQLite there, or `database_url` flushed."""
    import shutil

    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    os.environ["DJANGO_SETTINGS_MODULE"] = "stdbase.settings"
    os.environ["STDBASE_DATA_DIR"] = str(out)
    os.environ["STDBASE_LOG_LEVEL"] = "WARNING"
    os.environ.pop("STDBASE_DATABASE_URL", None)
    if database_url:
        os.environ["STDBASE_DATABASE_URL"] = database_url
    import django

    django.setup()
    from django.core.management import call_command

    if database_url:
        call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0, interactive=False)


def subprocess_env(data_dir: Path, database_url: str | None = None) -> dict[str, str]:
    """The environment of a bench step run as a child process: its data directory, and
    PostgreSQL when `database_url` is given (SQLite in the directory otherwise)."""
    env = dict(os.environ)
    env.pop("STDBASE_DATABASE_URL", None)
    env["DJANGO_SETTINGS_MODULE"] = "stdbase.settings"
    env["STDBASE_SEARCH_BACKEND"] = "auto"
    env["STDBASE_LOG_LEVEL"] = "WARNING"
    env["STDBASE_DATA_DIR"] = str(data_dir)
    if database_url:
        env["STDBASE_DATABASE_URL"] = database_url
    return env


def pg_recreate(url: str) -> str | None:
    """Drop and create the bench database; returns a reason when PostgreSQL is unreachable."""
    import psycopg
    from psycopg import sql

    base, _, name = url.rpartition("/")
    try:
        with psycopg.connect(f"{base}/postgres", autocommit=True, connect_timeout=5) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    except psycopg.Error as exc:
        return str(exc).strip().splitlines()[0]
    return None


def cpu_reference() -> float:
    """Milliseconds for a million Python additions: about 40 on an idle modern core.

    Printed next to the timings, so that numbers taken on a loaded machine can be read.
    """
    started = time.perf_counter()
    total = 0
    for number in range(1_000_000):
        total += number
    return (time.perf_counter() - started) * 1000


def print_cpu_reference() -> None:
    print(f"CPU reference: 1M Python additions in {cpu_reference():.0f} ms (idle core ≈ 40 ms)")


def measure(run: Callable[[int], object], repeats: int) -> dict[str, float]:
    """Milliseconds of `run(i)` for i in range(repeats): p50, p95 and max."""
    times = []
    for index in range(repeats):
        started = time.perf_counter()
        run(index)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {
        "p50": statistics.median(times),
        "p95": times[min(len(times) - 1, round(0.95 * (len(times) - 1)))],
        "max": times[-1],
    }


def report(label: str, timing: dict[str, float], target_ms: float) -> bool:
    """Print one line of timings against the target; True when p95 meets it."""
    ok = timing["p95"] < target_ms
    print(
        f"{label}: p50 {timing['p50']:.1f} ms, p95 {timing['p95']:.1f} ms, "
        f"max {timing['max']:.1f} ms (target p95 < {target_ms:.0f} ms) {'OK' if ok else 'SLOW'}"
    )
    return ok
