"""Search benchmark: `python -m bench.search [--sizes 100000,1000000] [--backends sqlite,postgres]`.

For every backend and size it builds a throwaway catalogue (SQLite file under bench/out/,
PostgreSQL database stdbase_bench), rebuilds the search index, runs a mix of queries
through `catalog.search.search()` with facets, and prints p50/p95/p99 latency (all and
designation lookups), index build time, database size and peak memory, plus a baseline
row for a naive `icontains` query. Build and queries run in separate processes so that
the query process's peak memory is its own.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from bench.timing import pg_recreate, subprocess_env

OUT = Path(__file__).resolve().parent / "out"
DEFAULT_PG = "postgres://postgres:postgres@127.0.0.1:5432/stdbase_bench"


def _env(backend: str, size: int) -> dict[str, str]:
    url = None
    if backend == "postgres":
        url = os.environ.get("STDBASE_BENCH_PG_URL", DEFAULT_PG)
    return subprocess_env(OUT / f"{backend}-{size}", url)


def _run(step: str, backend: str, size: int, args) -> dict:
    cmd = [
        sys.executable,
        "-m",
        "bench.search",
        "--step",
        step,
        "--size",
        str(size),
        "--queries",
        str(args.queries),
        "--baseline",
        str(args.baseline),
    ]
    done = subprocess.run(
        cmd,
        env=_env(backend, size),
        stdout=subprocess.PIPE,
        text=True,
        check=False,
        timeout=args.timeout,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{step} {backend} {size} failed (exit {done.returncode})")
    return json.loads(done.stdout.strip().splitlines()[-1])


def table(results: list[dict]) -> str:
    """The result table in Markdown."""
    head = (
        "| backend | records | queries | p50 ms | p95 ms | p99 ms | designation p50 / p95 ms "
        "| CPU p50 / p95 ms (designation p95) | index build s | DB size MB "
        "| peak RSS MB build / query | load avg |"
    )
    lines = [head, "|" + "---|" * 12]
    for r in results:
        if "skipped" in r:
            lines.append(f"| {r['backend']} | {r['size']:,} | skipped: {r['skipped']} |" + " |" * 7)
            continue
        q, d, b = r["all"], r["designation"], r["baseline"]
        c, dc = r["all_cpu"], r["designation_cpu"]
        load = " → ".join(f"{x:.1f}" for x in r["load_avg"])
        lines.append(
            f"| {r['backend']} | {r['size']:,} | {q['n']} | {q['p50']:.1f} | {q['p95']:.1f} | "
            f"{q['p99']:.1f} | {d['p50']:.1f} / {d['p95']:.1f} (n={d['n']}) | "
            f"{c['p50']:.1f} / {c['p95']:.1f} ({dc['p95']:.1f}) | "
            f"{r['build_s']:.1f} | {r['db_mb']:.0f} | {r['rss_build_mb']:.0f} / "
            f"{r['rss_query_mb']:.0f} | {load} |"
        )
        lines.append(
            f"| {r['backend']} naive icontains | {r['size']:,} | {b['n']} | {b['p50']:.1f} | "
            f"{b['p95']:.1f} | {b['p99']:.1f} | | | | | | |"
        )
    servers = {f"{r['backend']} {r['size']:,}": r["server"] for r in results if r.get("server")}
    for name, server in servers.items():
        settings = ", ".join(f"{key} = {value}" for key, value in sorted(server.items()))
        lines.append(f"\n{name}: {settings}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--queries", type=int, default=540)
    parser.add_argument(
        "--baseline", type=int, default=40, help="queries for the naive icontains baseline"
    )
    parser.add_argument("--timeout", type=int, default=3600, help="seconds per step")
    parser.add_argument("--step", choices=("build", "query"), help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.step:
        from bench import steps

        result = steps.build(args.size) if args.step == "build" else steps.query(args)
        print(json.dumps(result))
        return
    OUT.mkdir(parents=True, exist_ok=True)
    results = []
    for backend in [b.strip() for b in args.backends.split(",") if b.strip()]:
        for size in [int(s) for s in args.sizes.split(",") if s.strip()]:
            print(f"== {backend} {size:,}", file=sys.stderr, flush=True)
            data_dir = OUT / f"{backend}-{size}"
            shutil.rmtree(data_dir, ignore_errors=True)
            data_dir.mkdir(parents=True)
            if backend == "postgres":
                reason = pg_recreate(_env(backend, size)["STDBASE_DATABASE_URL"])
                if reason:
                    print(f"   PostgreSQL skipped: {reason}", file=sys.stderr)
                    results.append({"backend": backend, "size": size, "skipped": reason})
                    continue
            started = time.perf_counter()
            built = _run("build", backend, size, args)
            queried = _run("query", backend, size, args)
            results.append({"backend": backend, "size": size, **built, **queried})
            print(f"   done in {time.perf_counter() - started:.0f} s", file=sys.stderr)
            (OUT / "results.json").write_text(json.dumps(results, indent=1))
    text = table(results)
    (OUT / "results.md").write_text(text + "\n")
    print(text)


if __name__ == "__main__":
    main()
