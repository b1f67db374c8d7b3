"""Validity-check benchmark: `python -m bench.checks [--database-url URL]`.

Builds a throwaway catalogue of 40,000 editions (20,000 numbers, each with an old edition
replaced or withdrawn and a current or upcoming one) in bench/out/checks/, then times the
full check service
(extraction, batch resolution, storing every item) on

- a 10,000-reference list, pasted as text and uploaded as xlsx (target: 3 s), and
- a 200-page text PDF with references among voltages, dates and clause numbers
  (target: 10 s),

and prints the precision and recall of extraction on the labelled corpus in
checks/tests/corpus/.
"""

from __future__ import annotations

import argparse
import datetime
import random
import sys
import time
from pathlib import Path

from bench.timing import fresh_database

OUT = Path(__file__).resolve().parent / "out" / "checks"
REFERENCES = 10_000
PDF_PAGES = 200
TARGET_LIST_S = 3.0
TARGET_PDF_S = 10.0


def _catalogue(size: int) -> list[str]:
    """Create `size` series (two editions each); returns one dated reference per series."""
    from catalog.designations import parse
    from catalog.models import DataSource, Replacement, Standard
    from catalog.services.imports import designation_columns

    source = DataSource.objects.create(slug="bench", name="bench", as_of=datetime.date(2025, 6, 1))
    rng = random.Random(42)
    standards, links, references = [], [], []
    for n in range(size):
        prefix = ("GB/T", "GB", "JGJ", "DL/T", "ISO")[n % 5]
        number = 30000 + n
        old, new = (
            (f"{prefix} {number}:2009", f"{prefix} {number}:2019")
            if prefix == "ISO"
            else (f"{prefix} {number}-2009", f"{prefix} {number}-2019")
        )
        roll = rng.random()
        new_status = "upcoming" if roll < 0.05 else "current"
        old_status = "withdrawn" if roll > 0.95 else "replaced"
        for text, status in ((old, old_status), (new, new_status)):
            d = parse(text)
            standards.append(
                Standard(
                    **designation_columns(d),
                    title_zh=f"基准测试标准 {number}",
                    status=status,
                    source=source,
                    effective=datetime.date(d.year, 6, 1),
                )
            )
        if old_status == "replaced":
            links.append(
                Replacement(
                    predecessor_designation=parse(old).canonical,
                    successor_designation=parse(new).canonical,
                    source=source,
                )
            )
        references.append(old if roll < 0.5 else (new if roll < 0.9 else f"{prefix} {number}"))
    Standard.objects.bulk_create(standards, batch_size=2000)
    Replacement.objects.bulk_create(links, batch_size=2000)
    return references


def _timed(label: str, make_request) -> tuple[str, float, int]:
    from checks.services.checking import create_check, run_check

    start = time.perf_counter()
    check = run_check(create_check(make_request()).pk)
    elapsed = time.perf_counter() - start
    if check.state != "succeeded":
        sys.exit(f"{label}: check failed: {check.error}")
    return label, elapsed, check.total


def _pdf(references: list[str]) -> bytes:
    from checks.tests.documents import make_pdf

    rng = random.Random(7)
    pages = []
    for p in range(PDF_PAGES):
        lines = []
        for i in range(40):
            ref = references[(p * 40 + i) % len(references)]
            lines.append(
                rng.choice(
                    [
                        f"{p + 1}.{i + 1} 钢筋进场检验应符合《基准测试标准》{ref} "
                        "第 5.2.1 条的规定。",
                        f"主变 220kV/110kV，500kV 联络线，合同 DOC {i}，2024-03-15 开工，"
                        "电话 0371-65512345。",
                        f"见第 {p + 1}.{i}.3 条及表 B.0.{i}，混凝土 C30，保护层 25 mm。",
                    ]
                )
            )
        pages.append(lines)
    return make_pdf(pages)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="PostgreSQL URL (default: a SQLite file)")
    args = parser.parse_args(argv)
    fresh_database(OUT, args.database_url)

    from django.core.files.uploadedfile import SimpleUploadedFile

    from checks.services.checking import CheckRequest
    from checks.tests.corpus.evaluate import evaluate
    from checks.tests.documents import make_xlsx

    started = time.perf_counter()
    references = _catalogue(REFERENCES * 2)[:REFERENCES]
    print(f"catalogue: {REFERENCES * 4:,} editions in {time.perf_counter() - started:.1f} s")
    text = "\n".join(f"{n + 1}、{ref}" for n, ref in enumerate(references))
    xlsx = make_xlsx(
        {"清单": [["序号", "标准号"]] + [[n + 1, r] for n, r in enumerate(references)]}
    )
    pdf = _pdf(references)
    rows = [
        _timed("10,000-reference list (text)", lambda: CheckRequest(text=text)),
        _timed(
            "10,000-reference list (xlsx)",
            lambda: CheckRequest(upload=SimpleUploadedFile("list.xlsx", xlsx)),
        ),
        _timed("200-page text PDF", lambda: CheckRequest(upload=SimpleUploadedFile("p.pdf", pdf))),
    ]
    print(f"{'input':<32}{'references':>12}{'seconds':>10}{'target':>9}")
    for label, seconds, total in rows:
        target = TARGET_PDF_S if "PDF" in label else TARGET_LIST_S
        verdict = "ok" if seconds <= target else "SLOW"
        print(f"{label:<32}{total:>12,}{seconds:>10.2f}{target:>7.0f} s  {verdict}")

    total, per_file = evaluate()
    print("\nextraction on the labelled corpus (checks/tests/corpus/)")
    print(f"{'file':<36}{'expected':>9}{'found':>7}{'correct':>8}")
    for name, (score, missed, invented) in per_file.items():
        print(
            f"{name:<36}{score.expected:>9}{score.found:>7}{score.correct:>8}"
            + (f"  missed {dict(missed)}" if missed else "")
            + (f"  invented {dict(invented)}" if invented else "")
        )
    print(
        f"precision {total.precision:.3f}  recall {total.recall:.3f}  "
        f"({total.correct} of {total.found} found are right, "
        f"{total.correct} of {total.expected} expected are found)"
    )


if __name__ == "__main__":
    main()
