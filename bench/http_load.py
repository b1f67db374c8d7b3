"""HTTP load benchmark of the production server: `python -m bench.http_load`.

For each database (SQLite, PostgreSQL) it prepares a data directory (and database) with the
shipped catalogue, starts `stdbase serve` in production mode on a free loopback port, and
drives four scenarios at 8, 32 and 128 concurrent clients: the search page, the search API,
a standard's detail page and a 查新 of 50 references through the API. Each run is bounded
(a fixed duration and a fixed request count, whichever ends first) and only ever talks to
127.0.0.1. It prints requests/s, p50/p95/p99 latency, transport errors and 5xx per run.

Honest settings, printed with the table: the client authenticates with an API token (the
open API throttles anonymous callers to 60 searches a minute per address, which a load
test from one address would only measure as 429s), and the upload limit (30 check
submissions an hour per address) is raised for the bench server, since every simulated
client shares the address 127.0.0.1. Any 429 that still occurs is counted as an error.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import secrets
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
STDBASE = ROOT / ".venv" / "bin" / "stdbase"
DEFAULT_PG = "postgres://postgres:postgres@127.0.0.1:5432/stdbase_http_bench"
SCENARIOS = ("search page", "search API", "detail page", "查新 50 refs")

PREPARE = """
import json
from accounts.models import User
from accounts.services.tokens import create_token
from accounts.models import TokenScope
from catalog.models import Standard
user, _ = User.objects.get_or_create(username="bench", defaults={"email": "bench@example.cn"})
_token, key = create_token(user, name="bench", scope=TokenScope.WRITE, expires_in_days=1)
current = Standard.objects.filter(status="current").order_by("?")
designations = list(current.values_list("designation", flat=True)[:200])
print(json.dumps({"token": key, "designations": designations}))
"""
QUERIES = ["信息安全", "混凝土", "质量管理", "ISO 9001", "IEC 60601", "welding", "steel", "GB/T"]


@dataclass
class Result:
    """Latencies and outcomes of one scenario at one concurrency."""

    scenario: str
    clients: int
    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    errors: int = 0
    elapsed: float = 0.0

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        if not ordered:
            return float("nan")
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000

    def row(self, backend: str, server: str) -> dict:
        fivexx = sum(n for code, n in self.statuses.items() if code >= 500)
        other = sum(n for code, n in self.statuses.items() if 400 <= code < 500)
        return {
            "backend": backend,
            "server": server,
            "scenario": self.scenario,
            "clients": self.clients,
            "requests": len(self.latencies),
            "rps": round(len(self.latencies) / self.elapsed, 1) if self.elapsed else 0,
            "p50_ms": round(self.percentile(50), 1),
            "p95_ms": round(self.percentile(95), 1),
            "p99_ms": round(self.percentile(99), 1),
            "errors": self.errors + other,
            "5xx": fivexx,
        }


async def _request(reader, writer, method: str, path: str, headers: dict, body: bytes) -> int:
    head = f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
    head += "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    head += f"Content-Length: {len(body)}\r\n\r\n"
    writer.write(head.encode() + body)
    await writer.drain()
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionError("closed")
    status = int(status_line.split()[1])
    length, chunked, close = 0, False, False
    while (line := await reader.readline()) not in (b"\r\n", b""):
        name, _, value = line.decode("latin-1").partition(":")
        name, value = name.strip().lower(), value.strip().lower()
        if name == "content-length":
            length = int(value)
        elif name == "transfer-encoding" and "chunked" in value:
            chunked = True
        elif name == "connection" and value == "close":
            close = True
    if chunked:
        while size := int((await reader.readline()).strip() or b"0", 16):
            await reader.readexactly(size + 2)
        await reader.readline()
    else:
        await reader.readexactly(length)
    if close:
        raise ConnectionResetError("server closed the connection")
    return status


async def _client(port, make_request, result: Result, deadline: float, budget: list[int]):
    reader = writer = None
    while time.monotonic() < deadline and budget[0] > 0:
        budget[0] -= 1
        method, path, headers, body = make_request()
        started = time.monotonic()
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
            status = await asyncio.wait_for(
                _request(reader, writer, method, path, headers, body), timeout=30
            )
        except (OSError, TimeoutError, asyncio.IncompleteReadError, ValueError):
            result.errors += 1
            if writer is not None:
                writer.close()
            reader = writer = None
            continue
        except ConnectionResetError:
            status = None
            writer.close()
            reader = writer = None
        result.latencies.append(time.monotonic() - started)
        if status is not None:
            result.statuses[status] = result.statuses.get(status, 0) + 1
    if writer is not None:
        writer.close()


def run_scenario(port, make_request, scenario, clients, duration, max_requests) -> Result:
    """Drive ``clients`` keep-alive connections until the duration or request count ends."""
    result = Result(scenario, clients)

    async def main():
        deadline = time.monotonic() + duration
        budget = [max_requests]
        started = time.monotonic()
        await asyncio.gather(
            *(_client(port, make_request, result, deadline, budget) for _ in range(clients))
        )
        result.elapsed = time.monotonic() - started

    asyncio.run(main())
    return result


def request_makers(prepared: dict) -> dict:
    """One function per scenario returning (method, path, headers, body)."""
    token = {"Authorization": f"Token {prepared['token']}", "Accept": "application/json"}
    designations = prepared["designations"]
    rng = random.Random(7)

    def search_page():
        return "GET", f"/search/?q={quote(rng.choice(QUERIES))}", {}, b""

    def search_api():
        return "GET", f"/api/v1/search/?q={quote(rng.choice(QUERIES))}", token, b""

    def detail_page():
        return "GET", f"/standards/{quote(rng.choice(designations))}/", {}, b""

    def check_50():
        text = "\n".join(rng.sample(designations, min(50, len(designations))))
        body = json.dumps({"text": text}).encode()
        return "POST", "/api/v1/checks/", {**token, "Content-Type": "application/json"}, body

    return dict(zip(SCENARIOS, (search_page, search_api, detail_page, check_50), strict=True))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(backend: str, args) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("STDBASE_")}
    env.update(
        STDBASE_DATA_DIR=str(OUT / f"http-{backend}"),
        STDBASE_PRODUCTION="true",
        STDBASE_SECRET_KEY=secrets.token_urlsafe(50),
        STDBASE_ALLOWED_HOSTS="127.0.0.1",
        STDBASE_SSL_REDIRECT="false",
        STDBASE_LOG_LEVEL="WARNING",
        STDBASE_RATE_LIMIT_UPLOAD="1000000/3600",
    )
    if backend == "postgres":
        env["STDBASE_DATABASE_URL"] = args.pg_url
        if args.redis_url:
            env["STDBASE_REDIS_URL"] = args.redis_url
    return env


def prepare(env: dict[str, str]) -> dict:
    """Migrate, load the shipped catalogue (skipped when unchanged), collect static files."""
    Path(env["STDBASE_DATA_DIR"]).mkdir(parents=True, exist_ok=True)
    for command in (
        ["migrate", "--no-input"],
        ["load_shipped_data"],
        ["collectstatic", "--no-input"],
    ):
        subprocess.run([str(STDBASE), *command], env=env, check=True, capture_output=True)
    out = subprocess.run(
        [str(STDBASE), "shell", "-c", PREPARE], env=env, check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def start_server(env: dict[str, str], args) -> tuple[subprocess.Popen, int]:
    port = _free_port()
    log = open(Path(env["STDBASE_DATA_DIR"]) / "access.log", "ab")  # noqa: SIM115
    if args.server == "granian":  # for the comparison only: `pip install granian` first
        from core.management.commands.serve import default_workers

        command = [str(STDBASE.with_name("granian")), "--interface", "wsgi"]
        command += ["--host", "127.0.0.1", "--port", str(port), "--access-log"]
        command += ["--workers", str(args.workers or default_workers())]
        command += ["--blocking-threads", str(args.threads or 4), "stdbase.wsgi:application"]
    else:
        command = [str(STDBASE), "serve", "--bind", f"127.0.0.1:{port}"]
        command += ["--access-log", str(Path(env["STDBASE_DATA_DIR"]) / "access.log")]
        if args.workers:
            command += ["--workers", str(args.workers)]
        if args.threads:
            command += ["--threads", str(args.threads)]
    server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
                sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                if b" 200 " in sock.recv(200):
                    return server, port
        except OSError:
            time.sleep(0.3)
    server.kill()
    raise SystemExit("the server did not start within 60 s")


def print_table(rows: list[dict]) -> None:
    header = "| server | database | scenario | clients | requests | req/s | p50 ms | p95 ms |"
    print(header + " p99 ms | errors | 5xx |")
    print("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['server']} | {r['backend']} | {r['scenario']} | {r['clients']} "
            f"| {r['requests']} | {r['rps']} "
            f"| {r['p50_ms']} | {r['p95_ms']} | {r['p99_ms']} | {r['errors']} | {r['5xx']} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--clients", default="8,32,128")
    parser.add_argument("--scenarios", default=",".join(SCENARIOS))
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per run")
    parser.add_argument("--requests", type=int, default=4000, help="requests per run at most")
    parser.add_argument("--workers", type=int, default=0, help="default: stdbase serve's")
    parser.add_argument("--threads", type=int, default=0)
    parser.add_argument("--server", choices=["gunicorn", "granian"], default="gunicorn")
    parser.add_argument("--pg-url", default=os.environ.get("STDBASE_BENCH_PG_URL", DEFAULT_PG))
    parser.add_argument("--redis-url", default=os.environ.get("STDBASE_BENCH_REDIS_URL", ""))
    args = parser.parse_args()
    rows: list[dict] = []
    for backend in args.backends.split(","):
        env = server_env(backend, args)
        if backend == "postgres":
            from bench.timing import pg_recreate

            reason = _pg_exists_or_create(args.pg_url, pg_recreate)
            if reason:
                print(f"postgres skipped: {reason}", file=sys.stderr)
                continue
        prepared = prepare(env)
        server, port = start_server(env, args)
        try:
            makers = request_makers(prepared)
            for scenario in args.scenarios.split(","):
                for clients in (int(c) for c in args.clients.split(",")):
                    result = run_scenario(
                        port, makers[scenario], scenario, clients, args.duration, args.requests
                    )
                    rows.append(result.row(backend, args.server))
                    print(json.dumps(rows[-1], ensure_ascii=False), file=sys.stderr)
        finally:
            server.terminate()
            server.wait(timeout=30)
    print_table(rows)
    OUT.mkdir(parents=True, exist_ok=True)
    report = json.dumps(rows, ensure_ascii=False, indent=1)
    (OUT / f"http_load-{args.server}.json").write_text(report)


def _pg_exists_or_create(url: str, recreate) -> str | None:
    """Keep a loaded bench database between runs; create it when missing."""
    import psycopg

    try:
        with psycopg.connect(url, connect_timeout=5):
            return None
    except psycopg.OperationalError as exc:
        if "does not exist" not in str(exc):
            return str(exc).strip().splitlines()[0]
    return recreate(url)


if __name__ == "__main__":
    main()
