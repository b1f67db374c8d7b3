"""Editions of a standard: lookup by designation, replacement chains and timelines."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Q

from catalog.designations import Designation
from catalog.models import Replacement, Standard, Status

# A replacement chain longer than this is a data error, not history.
MAX_CHAIN_STEPS = 50


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


def _successor_map(designations: set[str]) -> dict[str, list[tuple[str, bool]]]:
    links: dict[str, list[tuple[str, bool]]] = {}
    rows = Replacement.objects.filter(predecessor_designation__in=designations).values_list(
        "predecessor_designation", "successor_designation", "partial"
    )
    for pred, succ, partial in rows:
        links.setdefault(pred, []).append((succ, partial))
    return links


def follow_replacements(standard: Standard) -> list[Standard]:
    """The current editions at the end of the replacement chain of a standard.

    Follows multi-step chains, splits into several parts and renumbering; returns the
    standard itself when it is still in force (current or upcoming), and an empty list
    when it was withdrawn without a successor. Cycles in bad data are cut.
    """
    if standard.status in (Status.CURRENT, Status.UPCOMING):
        return [standard]
    seen: set[str] = {standard.designation}
    frontier = {standard.designation}
    ends: list[str] = []
    for _ in range(MAX_CHAIN_STEPS):
        if not frontier:
            break
        links = _successor_map(frontier)
        found = {
            s.designation: s
            for s in Standard.objects.filter(
                designation__in={succ for items in links.values() for succ, _ in items}
            )
        }
        next_frontier: set[str] = set()
        for pred in frontier:
            for succ, _partial in links.get(pred, []):
                if succ in seen:
                    continue
                seen.add(succ)
                successor = found.get(succ)
                if successor is None or successor.status in (Status.CURRENT, Status.UPCOMING):
                    ends.append(succ)
                else:
                    next_frontier.add(succ)
        frontier = next_frontier
    if not ends:
        # Same number, later edition: the implicit chain of IEC and of sparse records.
        later = _newest_first(
            list(
                Standard.objects.filter(
                    series_key=standard.series_key,
                    status__in=[Status.CURRENT, Status.UPCOMING],
                    year__gt=standard.year or 0,
                )
            )
        )
        if later and standard.status == Status.REPLACED:
            return later[:1]
        return []
    by_designation = {
        s.designation: s
        for s in Standard.objects.select_related("publisher").filter(designation__in=ends)
    }
    return [by_designation[d] for d in sorted(ends) if d in by_designation]


def edition_in_force(series_key: str, on: datetime.date) -> Standard | None:
    """The edition of a series that was in force on a given date."""
    candidates = (
        Standard.objects.filter(series_key=series_key)
        .filter(Q(effective__lte=on) | Q(effective__isnull=True, issued__lte=on))
        .filter(Q(withdrawn__isnull=True) | Q(withdrawn__gt=on))
    )
    newest = _newest_first(list(candidates))
    return newest[0] if newest else None


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
