"""The task queue and cache follow STDBASE_REDIS_URL: SQLite embedded, Redis at scale."""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys

import pytest

REDIS_URL = os.environ.get("STDBASE_TEST_REDIS_URL")


def settings_with(env: dict[str, str]) -> dict:
    """Import stdbase.settings in a fresh interpreter with these variables; return values."""
    code = (
        "import json, stdbase.settings as s; "
        "print(json.dumps({'huey': s.HUEY, 'cache': s.CACHES['default']['BACKEND']}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_embedded_default_uses_sqlite_queue_and_local_cache(tmp_path):
    env = {"STDBASE_DATA_DIR": str(tmp_path), "STDBASE_REDIS_URL": ""}
    values = settings_with(env)
    assert values["huey"]["huey_class"] == "huey.SqliteHuey"
    assert values["huey"]["filename"] == str(tmp_path / "huey.sqlite3")
    assert values["cache"].endswith("LocMemCache")


def test_redis_url_switches_queue_and_cache(tmp_path):
    env = {"STDBASE_DATA_DIR": str(tmp_path), "STDBASE_REDIS_URL": "redis://127.0.0.1:6379/3"}
    values = settings_with(env)
    assert values["huey"]["huey_class"] == "huey.RedisHuey"
    assert values["huey"]["url"] == "redis://127.0.0.1:6379/3"
    assert values["huey"]["immediate"] is False
    assert values["cache"].endswith("RedisCache")


@pytest.mark.skipif(not REDIS_URL, reason="STDBASE_TEST_REDIS_URL not set (CI starts Redis)")
def test_a_task_round_trips_through_redis():
    huey_module = importlib.import_module("huey")
    queue = huey_module.RedisHuey(f"stdbase-test-{os.getpid()}", url=REDIS_URL)
    queue.flush()

    @queue.task()
    def add(a, b):
        return a + b

    pending = add(2, 3)
    assert len(queue) == 1
    queue.execute(queue.dequeue())
    assert pending.get() == 5
    queue.flush()
