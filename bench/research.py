"""Research analytics benchmark: `python -m bench.research [--sizes 100000,1000000]`.

For every backend and size it builds a throwaway catalogue (the real seed records plus
generated ones, inserted in bulk by `bench.load`; SQLite file under bench/out/, PostgreSQL
database stdbase_bench_research), rebuilds the search index, refreshes the precomputed
analytics aggregates (timed), and then requests every analytics page and API through the
Django test client with a mix of filters: the dashboard, the chart downloads (xlsx, CSV),
the drill-down list, the comparison of two sets and /api/v1/research/analytics/. It prints
p50/p95/max per page against the target (< 1 s). `--reuse` keeps a catalogue built by an
earlier run and only measures again. The 1M size takes several minutes to build on a
2-core machine; `STDBASE_BENCH_RESEARCH_SIZES=100000` (or `--sizes`) runs the small one only.
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
DEFAULT_PG = "postgres://postgres:postgres@127.0.0.1:5432/stdbase_bench_research"
TARGET_MS = 1000.0
REPEATS = 4

# Filter mixes of the dashboard: the whole catalogue, one facet, several facets, an ICS
# code below the field level (counted live on the index, not from the cube).
FILTERS = [
    "",
    "tier=national",
    "ics=35",
    "publisher=SAMR&status=current",
    "tier=local&year=2020",
    "ccs=L",
    "tier=national&ics=35&year=2020&status=current",
    "ics=35.040",
    "tier=national&ics=13.020",
]
PAGES = {
    "dashboard": [f"/research/analytics/?{f}" for f in FILTERS],
    "API analytics": [f"/api/v1/research/analytics/?{f}" for f in FILTERS],
    "chart xlsx": [
        "/research/analytics/data/ics.xlsx",
        "/research/analytics/data/adoption_year.xlsx?tier=national",
        "/research/analytics/data/publisher.xlsx?ics=35.040",
    ],
    "chart CSV": [
        "/research/analytics/data/tier.csv",
        "/research/analytics/data/adoption_ics.csv?status=current",
        "/research/analytics/data/age.csv?ics=13.020",
    ],
    "drill-down list": [
        "/research/analytics/standards/?status=current&min_age=6",
        "/research/analytics/standards/?tier=national&adoption=any",
        "/research/analytics/standards/?tier=national&adoption=none&page=40",
        "/research/analytics/standards/?tier=national&adoption=IDT&ics=35",
        "/research/analytics/standards/?status=current&min_age=21&ics=35.040",
    ],
    "compare": [
        "/research/analytics/compare/?a_tier=local&a_publisher=DB41&b_tier=national",
        "/research/analytics/compare/?a_tier=group&b_tier=national&b_ics=35",
        "/research/analytics/compare/?a_ics=35.040&b_ics=35.040&b_tier=international",
    ],
}


def _env(backend: str, size: int) -> dict[str, str]:
    url = None
    if backend == "postgres":
        url = os.environ.get("STDBASE_BENCH_RESEARCH_PG_URL", DEFAULT_PG)
    return subprocess_env(OUT / f"research-{backend}-{size}", url)


def _stats(values: list[float]) -> dict:
    ordered = sorted(values)
    if not ordered:
        return {"n": 0, "p50": float("nan"), "p95": float("nan"), "max": float("nan")}

    def pick(q: float) -> float:
        return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]

    return {"n": len(ordered), "p50": pick(0.5), "p95": pick(0.95), "max": ordered[-1]}


def build(size: int) -> dict:
    """Migrate, load `size` records in bulk, index them, refresh the aggregates (timed)."""
    import django

    django.setup()
    from django.core.management import call_command

    from bench.load import build_catalogue
    from catalog.search import rebuild_index
    from research.services.refresh import refresh_aggregates

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    counts = build_catalogue(size)
    load_s = time.perf_counter() - started
    started = time.perf_counter()
    rebuild_index()
    index_s = time.perf_counter() - started
    state = refresh_aggregates()
    return {"load_s": load_s, "index_s": index_s, "refresh_s": state.seconds,
            "cells": state.cells, **counts}  # fmt: skip


def query(repeats: int) -> dict:
    """Every analytics page with every filter mix, `repeats` times each (after one warm-up)."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", verbosity=0)  # a reused build gets this code's indexes

    from catalog.models import Standard
    from research.services.refresh import staleness

    client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    results: dict[str, dict] = {}
    slowest: dict[str, list] = {}
    for url in ("/research/analytics/", "/api/v1/research/analytics/"):
        client.get(url)  # the process's first requests (imports, templates); not measured
    for page, urls in PAGES.items():
        times: list[float] = []
        first: list[float] = []
        worst = (0.0, "")
        for url in urls:
            # The first request of a filter set is timed apart: it fills the page cache and
            # the cached live counts of filters the cube cannot express.
            started = time.perf_counter()
            response = client.get(url)
            first.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                raise RuntimeError(f"{url}: HTTP {response.status_code}")
            for _ in range(repeats):
                started = time.perf_counter()
                response = client.get(url)
                if hasattr(response, "streaming_content"):
                    b"".join(response.streaming_content)
                elapsed = (time.perf_counter() - started) * 1000
                times.append(elapsed)
                worst = max(worst, (elapsed, url))
        results[page] = {**_stats(times), "first": _stats(first)}
        slowest[page] = [round(worst[0], 1), worst[1]]
    return {
        "pages": results,
        "slowest": slowest,
        "standards": Standard.objects.count(),
        "current": staleness().current,
        "load_avg": os.getloadavg()[0],
    }


def _run(step: str, backend: str, size: int, args) -> dict:
    cmd = [sys.executable, "-m", "bench.research", "--step", step, "--size", str(size),
           "--repeats", str(args.repeats)]  # fmt: skip
    done = subprocess.run(
        cmd, env=_env(backend, size), stdout=subprocess.PIPE, text=True, check=False,
        timeout=args.timeout,
    )  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(f"{step} {backend} {size} failed (exit {done.returncode})")
    return json.loads(done.stdout.strip().splitlines()[-1])


def table(results: list[dict]) -> str:
    """The result table in Markdown: one row per backend, size and page."""
    lines = [
        "| backend | records | page | requests | p50 ms | p95 ms | max ms "
        "| first request p50 / max ms | < 1 s |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        if "skipped" in r:
            lines.append(f"| {r['backend']} | {r['size']:,} | skipped: {r['skipped']} |||||")
            continue
        for page, s in r["pages"].items():
            ok = "yes" if s["p95"] < TARGET_MS and s["first"]["max"] < TARGET_MS else "**no**"
            lines.append(
                f"| {r['backend']} | {r['size']:,} | {page} | {s['n']} | {s['p50']:.0f} | "
                f"{s['p95']:.0f} | {s['max']:.0f} | {s['first']['p50']:.0f} / "
                f"{s['first']['max']:.0f} | {ok} |"
            )
    for r in results:
        if "skipped" in r or "load_s" not in r:
            continue
        lines.append(
            f"\n{r['backend']} {r['size']:,}: load {r['load_s']:.0f} s, index "
            f"{r['index_s']:.0f} s, aggregates refresh {r['refresh_s']:.1f} s "
            f"({r['cells']:,} cells); load average {r['load_avg']:.1f}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", default=os.environ.get("STDBASE_BENCH_RESEARCH_SIZES", "100000,1000000")
    )
    parser.add_argument("--backends", default="sqlite")
    parser.add_argument("--repeats", type=int, default=REPEATS)
    parser.add_argument("--reuse", action="store_true", help="measure an earlier build again")
    parser.add_argument("--timeout", type=int, default=3600, help="seconds per step")
    parser.add_argument("--step", choices=("build", "query"), help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.step:
        result = build(args.size) if args.step == "build" else query(args.repeats)
        print(json.dumps(result))
        return
    OUT.mkdir(parents=True, exist_ok=True)
    results = []
    for backend in [b.strip() for b in args.backends.split(",") if b.strip()]:
        for size in [int(s) for s in args.sizes.split(",") if s.strip()]:
            print(f"== research {backend} {size:,}", file=sys.stderr, flush=True)
            data_dir = OUT / f"research-{backend}-{size}"
            started = time.perf_counter()
            built: dict = {}
            if not (args.reuse and data_dir.exists()):
                shutil.rmtree(data_dir, ignore_errors=True)
                data_dir.mkdir(parents=True)
                if backend == "postgres":
                    reason = pg_recreate(_env(backend, size)["STDBASE_DATABASE_URL"])
                    if reason:
                        print(f"   PostgreSQL skipped: {reason}", file=sys.stderr)
                        results.append({"backend": backend, "size": size, "skipped": reason})
                        continue
                built = _run("build", backend, size, args)
                print(f"   built in {time.perf_counter() - started:.0f} s", file=sys.stderr)
            queried = _run("query", backend, size, args)
            results.append({"backend": backend, "size": size, **built, **queried})
            (OUT / "research.json").write_text(json.dumps(results, indent=1))
    text = table(results)
    (OUT / "research.md").write_text(text + "\n")
    print(text)
    for r in results:
        for page, where in r.get("slowest", {}).items():
            print(f"slowest {r['backend']} {r['size']:,} {page}: {where[0]} ms {where[1]}")


if __name__ == "__main__":
    main()
