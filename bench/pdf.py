"""PDF report benchmark: `python -m bench.pdf [--repeats 10]`.

Times `core.pdf.render_pdf` of a one-page report (title, metadata, QR code, a short table)
and of a 500-row verification-report table: the first call of the process, which parses the
CJK font (core.pdf.fontcache), and the following calls, which reuse the parse and only
subset the font for their own characters. Targets: a one-page report < 600 ms after the
first call, the 500-row report < 1 s.
"""

from __future__ import annotations

import argparse
import sys
import time

from bench.timing import measure, print_cpu_reference, report, setup_django

SMALL_TARGET_MS = 600.0
LARGE_TARGET_MS = 1000.0


def _report(rows: int):
    from core.pdf import Paragraph, Report, Section, Table, Verification

    items = [
        [f"5.{n}", f"指标 {n} (mass fraction)", "≤ 0.5 mg/kg", f"0.{n % 9}2 mg/kg", "合格"]
        for n in range(rows)
    ]
    return Report(
        title="标准验证报告 Verification report",
        metadata=[("报告编号", "VR-2026-0013"), ("验证中心", "国家机械产业标准验证中心")],
        sections=[
            Section("验证结论", [Paragraph("依据 GB/T 8170 全数值比较法判定。" * 4)]),
            Section("验证项目", [Table(["条款", "指标", "要求", "实测值", "结论"], items)]),
        ],
        verification=Verification("7K3Q9-AB12C", "https://stdbase.example/verify/7K3Q9-AB12C/"),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=10)
    args = parser.parse_args(argv)
    setup_django()
    from core.pdf import find_cjk_font, render_pdf

    print_cpu_reference()
    print(f"font: {find_cjk_font() or 'none (built-in CID fallback)'}")
    small, large = _report(5), _report(500)
    started = time.perf_counter()
    render_pdf(small)
    first = (time.perf_counter() - started) * 1000
    print(f"first render of the process (parses the font): {first:.0f} ms")
    ok = report("one-page report, following renders",
                measure(lambda _i: render_pdf(small), args.repeats), SMALL_TARGET_MS)  # fmt: skip
    ok &= report("500-row verification report",
                 measure(lambda _i: render_pdf(large), max(3, args.repeats // 2)),
                 LARGE_TARGET_MS)  # fmt: skip
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
