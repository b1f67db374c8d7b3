"""Conformity and evaluation benchmark: `python -m bench.evaluation [--rows 2000]`.

Times the pure cores behind the pages: checking and judging the rows of a conformity data
file (the largest accepted, 2,000 rows, through `check_item` and `limits.judge` as an upload
does), a 50-year benefit evaluation with IRR, and the free-text digest of 1,000 answers.
Targets: 2,000 rows < 1 s, benefit < 20 ms, digest < 200 ms.
"""

from __future__ import annotations

import argparse
import random

from bench.timing import measure, print_cpu_reference, report, setup_django

REQUIREMENTS = ["≤ 0.5 mg/kg", "不小于 30 MPa", "95 %~105 %", "(23±2)℃", "≥ 14×100 修约值比较",
                "6.5-8.5", "不超过 0.10 %", "大于 10 mm，小于 20 mm"]  # fmt: skip
WORDS = [
    "检验方法",
    "条文",
    "表述",
    "清楚",
    "需要",
    "补充",
    "示例",
    "术语",
    "定义",
    "不一致",
    "试验",
    "设备",
    "要求",
    "偏高",
    "难以",
    "执行",
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)
    setup_django()
    from decimal import Decimal

    from verification.services.applicability import frequent_terms
    from verification.services.benefit import Flow, evaluate_benefit
    from verification.services.conformity import ItemInput, check_item
    from verification.services.limits import judge

    rng = random.Random(3533)
    items = [
        ItemInput(f"5.{i % 40}", "指标", REQUIREMENTS[i % len(REQUIREMENTS)],
                  f"{rng.uniform(0, 40):.2f}", row=i + 2)
        for i in range(args.rows)
    ]  # fmt: skip
    print_cpu_reference()

    def judge_rows(_i: int) -> None:
        for item in items:
            checked = check_item(item)
            judge(checked.requirement, checked.value, checked.unit, checked.method or None)

    report(f"check and judge {args.rows} conformity rows", measure(judge_rows, args.repeats), 1000)
    flows = [Flow(0, Decimal(500), Decimal(0))] + [
        Flow(t, Decimal(rng.randint(5, 30)), Decimal(rng.randint(20, 90))) for t in range(1, 50)
    ]
    report("benefit evaluation, 50 years with IRR",
           measure(lambda _i: evaluate_benefit(flows, Decimal("0.08")), 20), 20)  # fmt: skip
    texts = ["".join(rng.choice(WORDS) for _w in range(rng.randint(3, 12))) for _t in range(1000)]
    report("free-text digest of 1,000 answers", measure(lambda _i: frequent_terms(texts), 10), 200)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
