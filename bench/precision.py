"""Precision benchmark: `python -m bench.precision [--labs 30] [--levels 10] [--replicates 5]`.

Generates a round of 30 laboratories × 10 levels × 5 replicates (with a few outlying
laboratories so that the Cochran and Grubbs tests iterate) as CSV text and times the whole
`verification.services.precision.analyse` (CSV reading, cell statistics, s_r, s_R,
Mandel's h and k, Cochran, Grubbs, Algorithm A). Target: < 200 ms.
"""

from __future__ import annotations

import argparse
import random
import sys

from bench.timing import measure, print_cpu_reference, report, setup_django

TARGET_MS = 200.0


def make_round(labs: int, levels: int, replicates: int, seed: int = 5725) -> str:
    rng = random.Random(seed)
    rows = ["level,lab,value"]
    for level in range(1, levels + 1):
        true = 10.0 * level
        for lab in range(1, labs + 1):
            bias = rng.gauss(0, 0.02 * true) + (0.3 * true if lab == level else 0)
            spread = 0.01 * true * (6 if lab == labs - level else 1)
            rows += [
                f"L{level:02d},LAB{lab:02d},{true + bias + rng.gauss(0, spread):.4f}"
                for _ in range(replicates)
            ]
    return "\n".join(rows) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labs", type=int, default=30)
    parser.add_argument("--levels", type=int, default=10)
    parser.add_argument("--replicates", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args(argv)
    setup_django()
    from verification.services.distributions import cochran_critical, grubbs_critical
    from verification.services.precision import analyse

    text = make_round(args.labs, args.levels, args.replicates)
    print_cpu_reference()
    label = f"precision of {args.labs} labs × {args.levels} levels × {args.replicates} replicates"

    def cold(_index: int) -> None:
        # Critical values are cached per (p, n, α); clear them so every run pays for them.
        cochran_critical.cache_clear()
        grubbs_critical.cache_clear()
        analyse(text)

    report(label + " (cold critical values)", measure(cold, args.repeats), TARGET_MS)
    report(label, measure(lambda _i: analyse(text), args.repeats), TARGET_MS)
    flagged = sum(len(level.outliers) + len(level.stragglers) for level in analyse(text))
    print(f"  {flagged} laboratories flagged by Cochran or Grubbs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
