"""The shipped seed carries every openly licensed real Chinese record, and each one loads."""

from __future__ import annotations

from pathlib import Path

from catalog.designations import parse
from catalog.importers.construction_csv import parse_construction_csv
from catalog.importers.records import StandardRecord
from catalog.importers.relaton_xml import parse_relaton_xml
from catalog.importers.seed import read_seed

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).parent / "data" / "importers"
# Verbatim copies of the two openly licensed sources of real Chinese records listed in
# PROVENANCE.md (CC BY 4.0 and BSD-2-Clause); nothing else in the shared data is one.
CHINESE_SOURCES = {
    "cn-construction": lambda: parse_construction_csv(DATA / "cn-construction-standards.csv"),
    "relaton-gb": lambda: parse_relaton_xml(DATA / "relaton-gb"),
}


def test_every_openly_licensed_chinese_record_is_in_the_seed_and_parses():
    shipped: dict[str, set[str]] = {slug: set() for slug in CHINESE_SOURCES}
    for record in read_seed(ROOT / "data" / "seed" / "catalog.jsonl.xz"):
        if record.source in shipped:
            shipped[record.source].add(record.designation)
    for slug, read in CHINESE_SOURCES.items():
        source = {r.designation for r in read() if isinstance(r, StandardRecord)}
        assert source, slug
        assert shipped[slug] == source, slug
        for designation in shipped[slug]:
            assert parse(designation).tier != "international", designation
    assert len(shipped["cn-construction"]) == 83
    # The fifth relaton-gb example is the "(all parts)" collection, not an edition.
    assert len(shipped["relaton-gb"]) == 4
