"""Expert draw benchmark: `python -m bench.draws [--experts 100000] [--repeats 30]`.

Builds an in-memory pool of 100,000 experts (2,000 organisations, 60 ICS fields, avoidance
lists, recent service and panel counts) and times a constrained draw through
`talent.services.draws.draw_panel`: five parties' organisations excluded, served within
90 days, at most 3 panels a year, quotas in three fields, a panel of 9 with 3 alternates,
including the freezing of the eligible pool (canonical JSON + SHA-256). Target: < 100 ms.
Also times `verify_draw` on the resulting record.
"""

from __future__ import annotations

import argparse
import datetime
import random
import sys

from bench.timing import cpu_reference, measure, report, setup_django

TARGET_MS = 100.0
IDLE_REFERENCE_MS = 40.0


def build_pool(size: int):
    from talent.services.draws import Expert

    rng = random.Random(2026)
    fields = [f"{major}.{minor:03d}" for major in (13, 27, 91) for minor in range(0, 200, 10)]
    orgs = [f"单位{i:04d}" for i in range(2000)]
    today = datetime.date(2026, 12, 1)
    return [
        Expert(
            id=f"EXP{i:06d}",
            org=rng.choice(orgs),
            fields=tuple(rng.sample(fields, rng.randint(1, 3))),
            avoid=tuple(rng.sample(orgs, rng.randint(0, 2))),
            last_served=today - datetime.timedelta(days=rng.randint(1, 720)),
            panels_this_year=rng.choice((0, 0, 0, 1, 1, 2, 3, 4)),
            suspended=rng.random() < 0.01,
        )
        for i in range(size)
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--experts", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=30)
    args = parser.parse_args(argv)
    setup_django()
    from talent.services.draws import DrawRequest, draw_panel, verify_draw

    experts = build_pool(args.experts)
    request = DrawRequest(
        need=9,
        alternates=3,
        exclude_orgs=frozenset(f"单位{i:04d}" for i in (1, 17, 256, 999, 1500)),
        served_within_days=90,
        max_panels_per_year=3,
        quotas={"13.020": 2, "27.010": 2, "91.100": 1},
        as_of=datetime.date(2026, 12, 1),
    )
    records = []

    def run(index: int) -> None:
        records.append(draw_panel(experts, request, index.to_bytes(32, "big")))

    # The reference is taken before and after the draws: the load of the machine drifts.
    before = cpu_reference()
    timing = measure(run, args.repeats)
    after = cpu_reference()
    print(
        f"CPU reference: 1M Python additions in {before:.0f} ms before, {after:.0f} ms after "
        f"the draws (idle core ≈ {IDLE_REFERENCE_MS:.0f} ms)"
    )
    report(f"draw from {args.experts:,} experts", timing, TARGET_MS)
    scale = IDLE_REFERENCE_MS / ((before + after) / 2)
    print(
        f"  scaled to an idle core (× {scale:.2f}): p50 {timing['p50'] * scale:.1f} ms, "
        f"p95 {timing['p95'] * scale:.1f} ms"
    )
    record = records[0].as_dict()
    print(
        f"  eligible {record['eligible']:,}, excluded {sum(record['exclusion_counts'].values()):,}"
        f" {record['exclusion_counts']}"
    )
    rendered = measure(lambda i: records[i].as_dict(), min(5, len(records)))
    report("  rendering that record (93,753 exclusion reasons in words)", rendered, 1000.0)
    verified = measure(lambda _i: verify_draw(record), max(5, args.repeats // 3))
    report("verify-draw of that record", verified, 1000.0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
