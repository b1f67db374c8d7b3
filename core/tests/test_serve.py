"""`stdbase serve`: the production server starts, logs access, reloads on SIGHUP, stops."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from core.management.commands.serve import default_workers, server_options

STDBASE = Path(sys.executable).with_name("stdbase")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(port: int, path: str) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(
            f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode()
        )
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def wait_for(predicate, seconds: float = 60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            value = predicate()
            if value:
                return value
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError("timed out")


def worker_pids(master: int) -> set[int]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return {int(pid) for pid in children}


def test_workers_follow_the_cpu_count(monkeypatch, settings):
    monkeypatch.delenv("STDBASE_WEB_WORKERS", raising=False)
    assert default_workers() == (os.cpu_count() or 1) + 1
    monkeypatch.setenv("STDBASE_WEB_WORKERS", "3")
    assert default_workers() == 3
    settings.TRUSTED_PROXIES = ["10.0.0.5"]
    options = server_options(
        {"bind": "127.0.0.1:1", "workers": 2, "threads": 4, "timeout": 30, "access_log": "-"}
    )
    assert options["forwarded_allow_ips"] == "10.0.0.5" and options["accesslog"] == "-"


@pytest.mark.django_db
def test_serve_answers_logs_access_and_reloads_gracefully_on_sighup(tmp_path):
    port = free_port()
    access_log = tmp_path / "access.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith("STDBASE_")}
    env.update(STDBASE_DATA_DIR=str(tmp_path / "data"), STDBASE_LOG_LEVEL="WARNING")
    if connection.vendor == "postgresql":
        # The server answers from the test database, which exists on every run.
        db = connection.settings_dict
        env["STDBASE_DATABASE_URL"] = (
            f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
        )
    command = [str(STDBASE), "serve", "--bind", f"127.0.0.1:{port}", "--workers", "2"]
    server = subprocess.Popen(
        [*command, "--access-log", str(access_log)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for(lambda: b" 200 " in get(port, "/healthz"))
        assert b'"status": "ok"' in get(port, "/healthz")
        wait_for(lambda: 'GET /healthz HTTP/1.1" 200' in access_log.read_text())
        before = wait_for(lambda: len(worker_pids(server.pid)) == 2 and worker_pids(server.pid))
        server.send_signal(signal.SIGHUP)
        after = wait_for(
            lambda: (pids := worker_pids(server.pid)) and not pids & before and len(pids) == 2
        )
        assert after and b" 200 " in get(port, "/healthz")
        assert server.poll() is None  # the master kept running: no restart of StdBase
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
    assert server.returncode == 0
