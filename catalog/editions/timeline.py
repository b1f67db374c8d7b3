"""Editions of a standard: lookup by designation and the edition timeline of its page."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Q

from catalog.designations import Designation
from catalog.models import Replacement, Standard, Status

from .catalogue import MAX_CHAIN_STEPS


@dataclass
class TimelineEntry:
    """One edition on the edition timeline of a standard."""

    designation: str
    standard: Standard | None
    year: int | None
    status: str
    is_self: bool = False
    is_current: bool = False
    replaces: list[tuple[str, bool]] = field(default_factory=list)
    replaced_by: list[tuple[str, bool]] = field(default_factory=list)


def _newest_first(standards: list[Standard]) -> list[Standard]:
    return sorted(
        standards,
        key=lambda s: (s.year or 0, s.issued or datetime.date.min, s.designation),
        reverse=True,
    )


def find_editions(designation: Designation) -> list[Standard]:
    """The catalogue editions a parsed designation refers to.

    A dated reference gives the exact edition (falling back to the base edition when an
    amendment is not catalogued); an undated one gives every edition of the series,
    newest first.
    """
    qs = Standard.objects.select_related("publisher", "source")
    if designation.dated:
        exact = list(qs.filter(designation=designation.canonical))
        if exact:
            return exact
        return list(qs.filter(designation=designation.edition_key))
    return _newest_first(list(qs.filter(series_key=designation.series_key)))


def edition_timeline(standard: Standard) -> list[TimelineEntry]:
    """Every edition linked to a standard, oldest first, with its replacement links.

    The timeline joins the editions of the same number with every standard reachable
    through replacement links in either direction (renumbering, splits, merges).
    """
    designations: set[str] = set(
        Standard.objects.filter(series_key=standard.series_key).values_list(
            "designation", flat=True
        )
    )
    designations.add(standard.designation)
    frontier = set(designations)
    links: list[tuple[str, str, bool]] = []
    for _ in range(MAX_CHAIN_STEPS):
        if not frontier:
            break
        rows = list(
            Replacement.objects.filter(
                Q(predecessor_designation__in=frontier) | Q(successor_designation__in=frontier)
            ).values_list("predecessor_designation", "successor_designation", "partial")
        )
        new: set[str] = set()
        for pred, succ, partial in rows:
            if (pred, succ, partial) not in links:
                links.append((pred, succ, partial))
            new.update({pred, succ} - designations)
        designations |= new
        frontier = new
    found = {
        s.designation: s
        for s in Standard.objects.select_related("publisher").filter(designation__in=designations)
    }
    entries: dict[str, TimelineEntry] = {}
    for designation in designations:
        std = found.get(designation)
        entries[designation] = TimelineEntry(
            designation=designation,
            standard=std,
            year=std.year if std else _year_of(designation),
            status=std.status if std else "",
            is_self=designation == standard.designation,
            is_current=bool(std and std.status == Status.CURRENT),
        )
    for pred, succ, partial in links:
        entries[pred].replaced_by.append((succ, partial))
        entries[succ].replaces.append((pred, partial))
    return sorted(
        entries.values(),
        key=lambda e: (
            e.year or 0,
            (e.standard.issued if e.standard and e.standard.issued else datetime.date.min),
            e.designation,
        ),
    )


def _year_of(designation: str) -> int | None:
    from catalog.designations import try_parse

    parsed = try_parse(designation)
    return parsed.year if parsed else None
