"""The two steps of the search benchmark, each run in its own process by bench.search."""

from __future__ import annotations

import os
import random
import resource
import time

import django

from bench.generate import ASPECTS, FIELDS, OBJECTS

ENGLISH = [
    "quality management",
    "information security",
    "lithium-ion batteries",
    "test methods",
    "safety requirements",
    "concrete structures",
    "medical devices",
    "road vehicles",
    "cables",
    "valves",
    "requirements",
    "vocabulary",
    "electric",
    "hydrogen",
    "wind turbines",
    "cyber",
    "machine tools",
    "energy efficiency",
    "fire protection",
    "data format",
    "iso",
    "general specification",
    "water quality",
    "sampling",
    "environmental",
    "management systems",
    "measurement",
    "electromagnetic",
]
FIXED_DESIGNATIONS = [
    "ISO 9001",
    "ISO/IEC 27001:2022",
    "IEC 60601-1",
    "ISO 14001:2015",
    "GB 50204",
    "ISO 45001",
    "IEC 61508-1",
    "IEEE 802.3",
    "ISO/IEC 17025",
]


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _setup() -> None:
    django.setup()


def build(size: int) -> dict:
    """Migrate an empty database, load `size` records, rebuild the index (timed)."""
    _setup()
    from django.core.management import call_command

    from bench.load import build_catalogue
    from catalog.search import rebuild_index

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    counts = build_catalogue(size)
    load_s = time.perf_counter() - started
    started = time.perf_counter()
    indexed = rebuild_index()
    build_s = time.perf_counter() - started
    _flush()
    return {
        "load_s": load_s,
        "build_s": build_s,
        "indexed": indexed,
        **counts,
        "rss_build_mb": _peak_mb(),
    }


def _flush() -> None:
    """Write the build out of the database's memory (not timed), so that the queries do
    not run beside a checkpoint writing a gigabyte."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("CHECKPOINT")
        else:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    os.sync()


def _full_width(text: str) -> str:
    out = []
    for char in text:
        if char == " ":
            out.append("\u3000")
        elif char == "-":
            out.append("\u2014")
        elif "!" <= char <= "~":
            out.append(chr(ord(char) + 0xFEE0))
        else:
            out.append(char)
    return "".join(out)


def _spellings(rng: random.Random, designation: str, series: str) -> str:
    shape = rng.randrange(7)
    if shape == 0:
        return designation
    if shape == 1:
        return series
    if shape == 2:  # compact lower case, as typed: gbt19001
        return series.replace("/", "").replace(" ", "").lower()
    if shape == 3:
        return _full_width(designation)
    if shape == 4:
        return designation.replace("-", "—")
    if shape == 5:  # while typing: cut inside the number
        cut = len(series) - rng.randint(1, 2)
        return series[:cut] if series[cut - 1].isdigit() else series
    return designation.lower()


def make_queries(rng: random.Random, count: int) -> list[tuple[str, str]]:
    """A reproducible mix of (category, query) in realistic proportions."""
    from catalog.models import Standard

    words = [w for group in (FIELDS, OBJECTS, ASPECTS) for zh, _ in group for w in zh.split()]
    max_id = Standard.objects.order_by("-id").values_list("id", flat=True).first() or 0
    sample_ids = rng.sample(range(1, max_id + 1), min(max_id, 400))
    editions = list(
        Standard.objects.filter(id__in=sample_ids).values_list(
            "designation", "series_key", "main_number"
        )
    )
    plan = [
        ("chinese word", 0.22),
        ("chinese phrase", 0.15),
        ("typing", 0.15),
        ("designation", 0.25),
        ("number", 0.10),
        ("english", 0.13),
    ]
    queries: list[tuple[str, str]] = []
    for category, share in plan:
        for _ in range(round(count * share)):
            if category == "chinese word":
                text = rng.choice(words)
            elif category == "chinese phrase":
                text = f"{rng.choice(FIELDS)[0]} {rng.choice(OBJECTS + ASPECTS)[0]}"
            elif category == "typing":
                word = rng.choice([w for w in words if len(w) >= 2])
                text = word[: rng.randint(1, len(word) - 1)]
            elif category == "designation":
                if rng.random() < 0.1:
                    text = rng.choice(FIXED_DESIGNATIONS)
                else:
                    designation, series, _ = rng.choice(editions)
                    text = _spellings(rng, designation, series)
            elif category == "number":
                number = rng.choice(editions)[2] or "19001"
                text = number[: rng.randint(min(3, len(number)), len(number))]
            else:
                text = rng.choice(ENGLISH)
            queries.append((category, text))
    rng.shuffle(queries)
    return queries[:count]


def _stats(values: list[float]) -> dict:
    ordered = sorted(values)

    def pick(q: float) -> float:
        if not ordered:
            return float("nan")
        return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]

    return {
        "n": len(ordered),
        "p50": pick(0.5),
        "p95": pick(0.95),
        "p99": pick(0.99),
        "max": ordered[-1] if ordered else float("nan"),
    }


def _naive(text: str) -> None:
    from django.db.models import Q

    from catalog.models import Standard

    qs = Standard.objects.filter(
        Q(title_zh__icontains=text) | Q(title_en__icontains=text) | Q(designation__icontains=text)
    )
    qs.count()
    list(qs.select_related("publisher").order_by("-issued")[:20])


def _db_size_mb() -> float:
    from django.conf import settings
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            return cursor.fetchone()[0] / 2**20
    path = settings.DATABASES["default"]["NAME"]
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*")) / 2**20


def _server_settings() -> dict:
    """PostgreSQL settings that decide how much of the index stays in memory."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, current_setting(name) FROM pg_settings WHERE name IN "
            "('server_version', 'shared_buffers', 'work_mem', 'effective_cache_size', 'jit')"
        )
        return dict(cursor.fetchall())


def _warm_caches() -> str:
    """Read the database into memory first, as a running server has it.

    Measuring straight after a build leaves the latencies at the mercy of whatever the
    machine's page cache evicted in between (the 1M runs saw p99 move from 60 ms to
    1.3 s on a rerun); the numbers are meant to show the search, not the disk.
    """
    from django.conf import settings
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            try:
                cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_prewarm")
            except Exception:  # noqa: BLE001 - contrib missing: warm by reading instead
                connection.rollback()
                cursor.execute("SELECT count(*) FROM catalog_searchdoc WHERE txt IS NOT NULL")
                return "read catalog_searchdoc"
            cursor.execute(
                "SELECT sum(pg_prewarm(c.oid)) FROM pg_class c "
                "WHERE c.relname LIKE 'catalog_searchdoc%%' OR c.relname LIKE 'catalog_standard%%'"
            )
            return f"pg_prewarm {cursor.fetchone()[0]} blocks"
    path = settings.DATABASES["default"]["NAME"]
    read = 0
    for part in path.parent.glob(path.name + "*"):
        with open(part, "rb") as handle:
            while chunk := handle.read(1 << 20):
                read += len(chunk)
    return f"read {read >> 20} MB"


def query(args) -> dict:
    """Run the query mix through search() with facets; then the naive baseline."""
    _setup()
    from catalog.search import SearchError, SearchQuery, search

    warmed = _warm_caches()

    rng = random.Random(540)
    queries = make_queries(rng, args.queries)
    for _, text in queries[:30]:  # warm the page cache; not measured
        search(SearchQuery(text=text))
    load_before = os.getloadavg()[0]
    times: list[float] = []
    cpu_times: list[float] = []
    designation_times: list[float] = []
    designation_cpu: list[float] = []
    by_category: dict[str, list[float]] = {}
    slowest: list[tuple[float, str, int]] = []
    errors = 0
    for category, text in queries:
        started, cpu_started = time.perf_counter(), time.process_time()
        try:
            result = search(SearchQuery(text=text, facets=True))
        except SearchError:
            errors += 1
            continue
        elapsed = (time.perf_counter() - started) * 1000
        cpu = (time.process_time() - cpu_started) * 1000
        times.append(elapsed)
        cpu_times.append(cpu)
        by_category.setdefault(category, []).append(elapsed)
        if result.kind == "designation":
            designation_times.append(elapsed)
            designation_cpu.append(cpu)
        slowest.append((elapsed, text, result.total))
    baseline: list[float] = []
    for _, text in queries[: args.baseline]:
        started = time.perf_counter()
        _naive(text)
        baseline.append((time.perf_counter() - started) * 1000)
    slowest.sort(reverse=True)
    return {
        "all": _stats(times),
        "designation": _stats(designation_times),
        # CPU time of this process: the whole cost for SQLite (in-process), the client
        # side only for PostgreSQL; unlike wall time it hardly moves with machine load.
        "all_cpu": _stats(cpu_times),
        "designation_cpu": _stats(designation_cpu),
        "load_avg": [load_before, os.getloadavg()[0]],
        "categories": {k: _stats(v) for k, v in by_category.items()},
        "baseline": _stats(baseline),
        "errors": errors,
        "slowest": [[round(ms, 1), text, total] for ms, text, total in slowest[:8]],
        "db_mb": _db_size_mb(),
        "rss_query_mb": _peak_mb(),
        "server": _server_settings(),
        "warmed": warmed,
    }
