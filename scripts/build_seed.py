#!/usr/bin/env python
"""Build the compact shipped catalogue seed (data/seed/) from the raw public data archives.

Usage: python scripts/build_seed.py --shared /work/shared/data --out data/seed

Reads the Relaton ISO, IEC and IEEE archives, the relaton-gb examples and the
construction standards list, keeps published main documents (see data/README.md for
every rule), links IEC editions, drops cross-archive duplicates, and writes sorted,
reproducible files. Takes a few minutes: the ISO archive alone is 71k YAML files.
"""

from __future__ import annotations

import argparse
import datetime
import shutil
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from catalog.importers.construction_csv import parse_construction_csv  # noqa: E402
from catalog.importers.editions import dedupe_across_sources  # noqa: E402
from catalog.importers.records import RecordError, StandardRecord  # noqa: E402
from catalog.importers.relaton_xml import parse_relaton_xml  # noqa: E402
from catalog.importers.relaton_yaml import parse_relaton_yaml  # noqa: E402
from catalog.importers.seed import (  # noqa: E402
    read_ccs_source,
    read_ics_source,
    write_json,
    write_seed,
)

# Snapshot dates of the sources (PROVENANCE.md); the ISO crawl is of June 2025.
ISO_AS_OF = datetime.date(2025, 6, 1)


def _collect(name: str, items, records: list[StandardRecord]) -> None:
    started = time.monotonic()
    errors = 0
    for item in items:
        if isinstance(item, RecordError):
            errors += 1
            print(f"  rejected {item.message}", file=sys.stderr)
        else:
            records.append(item)
    print(
        f"{name}: {len(records)} records so far, {errors} rejected "
        f"({time.monotonic() - started:.0f} s)",
        flush=True,
    )


def _slim(record: StandardRecord) -> StandardRecord:
    """Drop input line numbers: in the seed they would point into files it does not ship."""
    record.line = None
    return record


def build(shared: Path, out: Path) -> None:
    """Parse every source under ``shared`` and write the seed files into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    records: list[StandardRecord] = []
    _collect(
        "relaton-iso",
        parse_relaton_yaml(shared / "relaton-data-iso.tar.xz", as_of=ISO_AS_OF),
        records,
    )
    _collect("relaton-iec", parse_relaton_yaml(shared / "relaton-data-iec.tar.xz"), records)
    _collect("relaton-ieee", parse_relaton_yaml(shared / "relaton-data-ieee.tar.xz"), records)
    before = len(records)
    records = dedupe_across_sources(records)
    print(f"cross-archive duplicates dropped: {before - len(records)}")
    _collect("relaton-gb", parse_relaton_xml(shared / "relaton-gb-examples"), records)
    _collect(
        "cn-construction", parse_construction_csv(shared / "cn-construction-standards.csv"), records
    )
    records = [_slim(r) for r in records]
    records.sort(key=lambda r: (r.designation, r.source, r.edition))

    count = write_seed(records, out / "catalog.jsonl.xz")
    write_json(read_ics_source(shared / "ics-ed7.json"), out / "ics.json.xz")
    write_json(read_ccs_source(shared), out / "ccs.json")
    shutil.copyfile(shared / "cn-codes.json", out / "cn_codes.json")

    print(f"\nwrote {count} records")
    by_source = Counter(r.source for r in records)
    by_status = Counter((r.source, r.status or "unknown") for r in records)
    for source in sorted(by_source):
        statuses = ", ".join(
            f"{status} {n}" for (s, status), n in sorted(by_status.items()) if s == source
        )
        links = sum(len(r.replaced_by) for r in records if r.source == source)
        print(f"  {source:16} {by_source[source]:6}  ({statuses}; replaced-by links {links})")
    for file in sorted(out.iterdir()):
        print(f"  {file.name:22} {file.stat().st_size / 1e6:7.2f} MB")


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, required=True, help="folder of the raw data")
    parser.add_argument("--out", type=Path, default=Path("data/seed"), help="output folder")
    args = parser.parse_args(argv)
    build(args.shared, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
