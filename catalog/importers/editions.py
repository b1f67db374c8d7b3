"""Whole-collection steps over parsed records: IEC successor links and cross-source dedupe."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from catalog.importers.records import RelationRef, StandardRecord

_LEAD_SOURCES = (
    ("ISO", "relaton-iso"),
    ("IEC", "relaton-iec"),
    ("CISPR", "relaton-iec"),
    ("IEEE", "relaton-ieee"),
    ("ANSI", "relaton-ieee"),
    ("AIEE", "relaton-ieee"),
)
_SOURCE_ORDER = ("relaton-iso", "relaton-iec", "relaton-ieee")


def iec_number(designation: str) -> tuple[str, int | None]:
    """The undated number and the edition year of an IEC designation.

    'IEC 60335-2-89:2010+AMD1:2012' gives ('IEC 60335-2-89', 2010).
    """
    number, _, rest = designation.partition(":")
    match = re.match(r"\d{4}", rest)
    return number.strip(), int(match.group(0)) if match else None


def link_iec_editions(records: Iterable[StandardRecord]) -> int:
    """Give replaced IEC editions a replaced-by link to the next edition of the same number.

    IEC data carries no relation links (PROVENANCE): a revised edition, or a consolidated
    version of it, is succeeded by the earliest later main edition (not a consolidated
    version) of the same number and document type. Returns the number of links added.
    """
    groups: dict[str, list[tuple[int, StandardRecord]]] = defaultdict(list)
    iec = [r for r in records if r.source == "relaton-iec"]
    for record in iec:
        number, year = iec_number(record.designation)
        if year is not None:
            groups[number].append((year, record))
    added = 0
    for record in iec:
        if record.status != "replaced" or record.replaced_by:
            continue
        number, year = iec_number(record.designation)
        later = [
            (other_year, str(other.issued or ""), other.designation)
            for other_year, other in groups.get(number, [])
            if year is not None
            and other_year > year
            and not other.extra.get("consolidated")
            and other.designation != record.designation
        ]
        if later:
            record.replaced_by.append(RelationRef(min(later)[2]))
            added += 1
    return added


def designation_key(designation: str) -> str:
    """A comparison key that ignores the notation differences between the three archives.

    'IEC/TS 61400-4-1:2020' (ISO's notation) and 'IEC TS 61400-4-1:2020' (IEC's) share a
    key, and so do 'ISO/IEC/IEEE 12207-2017' (IEEE's) and 'ISO/IEC/IEEE 12207:2017'.
    """
    text = " ".join(designation.upper().split())
    match = re.match(r"^([^0-9]*?)\s*(\d.*)$", text)
    if not match:
        return text
    prefix, rest = match.groups()
    prefix = " ".join(t for t in re.split(r"[/\s]+", prefix) if t and t != "STD")
    rest = re.sub(r"-(\d{4})$", r":\1", rest)
    return f"{prefix} {rest}"


def _lead_source(designation: str) -> str:
    for prefix, source in _LEAD_SOURCES:
        if designation.upper().startswith(prefix):
            return source
    return ""


def dedupe_across_sources(records: Iterable[StandardRecord]) -> list[StandardRecord]:
    """One record per designation key, from the archive of the organisation that leads it.

    Joint and adopted documents appear in several archives (ISO/IEC in both ISO's and
    IEC's, ISO/IEC/IEEE in IEEE's too): ISO's record wins for ISO-led designations, IEC's
    for IEC and CISPR, IEEE's for IEEE and ANSI; otherwise ISO, then IEC, then IEEE.
    Records of other sources are never merged.
    """
    chosen: dict[str, StandardRecord] = {}
    others: list[StandardRecord] = []
    for record in records:
        if record.source not in _SOURCE_ORDER:
            others.append(record)
            continue
        key = designation_key(record.designation)
        current = chosen.get(key)
        if current is None or _rank(record) < _rank(current):
            chosen[key] = record
    return list(chosen.values()) + others


def _rank(record: StandardRecord) -> tuple[int, int, str]:
    lead = _lead_source(record.designation)
    return (
        0 if record.source == lead else 1,
        _SOURCE_ORDER.index(record.source),
        record.designation,
    )
