"""Fault: PostgreSQL restarts under load, and requests recover without restarting StdBase.

The test never touches the shared server: it starts its own throwaway PostgreSQL cluster on
a free loopback port (initdb + pg_ctl, as the postgres user when run as root), serves
StdBase with `stdbase serve` against it, keeps clients requesting /healthz (a request that
queries the database on each worker thread's kept connection), restarts the cluster, and
asserts that every request after the restart succeeds at once on the same server processes.
Without CONN_HEALTH_CHECKS each kept connection would fail its first request after the
restart. It runs only when the suite runs on PostgreSQL.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import pytest

from core.tests.test_serve import STDBASE, free_port, get, wait_for, worker_pids

CLIENTS = 6


def _bindir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


@pytest.fixture
def throwaway_postgres():
    """A PostgreSQL cluster of its own on 127.0.0.1:<free port>; yields (port, restart)."""
    if not os.environ.get("STDBASE_DATABASE_URL", "").startswith("postgres"):
        pytest.skip("runs only when the suite runs on PostgreSQL (STDBASE_DATABASE_URL)")
    bindir = _bindir()
    if bindir is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) are not installed")
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    root = Path(tempfile.mkdtemp(prefix="stdbase-pgfault-"))
    if as_postgres:
        shutil.chown(root, "postgres")
    data, port = root / "data", free_port()

    def pg(*args: str) -> None:
        subprocess.run([*as_postgres, *args], check=True, capture_output=True, timeout=120)

    pg(str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
    options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off"
    ctl = [str(bindir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(root / "log")]
    pg(*ctl, "-w", "start")
    try:
        yield port, lambda: pg(*ctl, "-w", "-m", "fast", "restart")
    finally:
        pg(*ctl, "-w", "-m", "immediate", "stop")
        shutil.rmtree(root, ignore_errors=True)


def test_requests_recover_after_postgresql_restarts_under_load(throwaway_postgres, tmp_path):
    port_db, restart = throwaway_postgres
    env = {k: v for k, v in os.environ.items() if not k.startswith("STDBASE_")}
    env.update(
        STDBASE_DATA_DIR=str(tmp_path / "data"),
        STDBASE_LOG_LEVEL="WARNING",
        STDBASE_DATABASE_URL=f"postgres://postgres@127.0.0.1:{port_db}/postgres",
    )
    port = free_port()
    server = subprocess.Popen(
        [str(STDBASE), "serve", "--bind", f"127.0.0.1:{port}", "--workers", "2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )

    def load(seconds: float, during=None) -> tuple[list, float, float]:
        """Requests from CLIENTS threads for ``seconds``, running ``during`` meanwhile."""
        outcomes: list[tuple[float, bytes]] = []
        stop = threading.Event()

        def client():
            while not stop.is_set():
                started = time.monotonic()
                try:
                    answer = get(port, "/healthz").split(b" ", 2)[1]
                except (OSError, IndexError):
                    answer = b"refused"
                outcomes.append((started, answer))

        threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
        for thread in threads:
            thread.start()
        time.sleep(2)  # every worker thread now holds a kept database connection
        began = time.monotonic()
        if during:
            during()
        ended = time.monotonic()
        time.sleep(seconds)
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
        return outcomes, began, ended

    try:
        wait_for(lambda: b" 200 " in get(port, "/healthz"))
        # /healthz answers as soon as one worker is up: wait for both before taking the set.
        workers = wait_for(lambda: len(pids := worker_pids(server.pid)) == 2 and pids)
        # Restart while requests stream in, then again while every connection sits idle:
        # the first request on each kept connection must not be the one that finds out.
        outcomes, began, restarted = load(3, during=restart)
        restart()
        resumed, _began, _ended = load(1)
        assert server.poll() is None and worker_pids(server.pid) == workers
    finally:
        server.terminate()
        server.wait(timeout=60)
    before = [a for t, a in outcomes if t < began - 0.5]
    after = [a for t, a in outcomes if t > restarted]
    assert before and set(before) == {b"200"}
    assert len(after) > 20 and len(resumed) > 20
    assert [a for a in after + [a for _t, a in resumed] if a != b"200"] == []
