"""Which edition a reference means, today or on a date: the one resolution of the catalogue.

Undated references mean the latest edition including its amendments (GB/T 1.1); a dated
one means that edition. Editions no longer in force are followed through replacements,
splits, renumbering and conversions (GB 50010-2010 -> GB/T 50010-2010, partly replaced by
GB 55008-2021) to the editions in force. Batches load what they need in a few queries.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from catalog.designations import Designation, parse
from catalog.models import Standard, Status

from . import explain
from .catalogue import (
    MAX_CHAIN_STEPS,
    CatalogueSlice,
    Edition,
    Key,
    Link,
    in_force_on,
    newest_first,
)
from .model import Resolution, Step, StepKind
from .verdicts import Verdict


@dataclass
class _Walk:
    """The replacement links walked from one edition: who reached whom, and the ends."""

    start: str
    reached_by: dict[str, Link] = field(default_factory=dict)
    front: set[str] = field(default_factory=set)
    ends: list[str] = field(default_factory=list)

    def path(self, end: str) -> list[Link]:
        links: list[Link] = []
        node = end
        while node != self.start and node in self.reached_by:
            link = self.reached_by[node]
            links.append(link)
            node = link.predecessor
        return links[::-1]

    def steps(self) -> list[Step]:
        """Every link walked, in the order found, as steps."""
        return [_step(link) for link in self.reached_by.values()]


def _step(link: Link) -> Step:
    if link.implicit:
        kind = StepKind.LATER_EDITION
    elif link.partial:
        kind = StepKind.PARTLY_REPLACED
    elif link.conversion:
        kind = StepKind.CONVERTED
    else:
        kind = StepKind.REPLACED
    return Step(link.predecessor, link.successor, kind)


def _latest(editions: list[Edition]) -> Edition:
    """The edition an undated reference means: the latest in force, amendments included.

    Amendments and consolidated versions share the year of their base edition, so the
    newest year wins and, within it, the latest issued version.
    """
    pool = [s for s in editions if s.status == Status.CURRENT]
    if not pool:
        upcoming = [s for s in editions if s.status == Status.UPCOMING]
        if upcoming:
            return upcoming[-1]  # the first to take effect
        pool = editions
    year = max(s.year or 0 for s in pool)
    same = [s for s in pool if (s.year or 0) == year]
    return max(
        same, key=lambda s: (s.issued or datetime.date.min, len(s.designation), s.designation)
    )


class Resolver:
    """Turns designations into resolutions against one CatalogueSlice."""

    def __init__(self, designations: list[Key], as_of: datetime.date | None) -> None:
        self.slice = CatalogueSlice(designations)
        self.as_of = as_of
        self._walks: dict[str, _Walk] = {}

    # -- replacement chains ---------------------------------------------------------------

    def walk_all(self, starts: Iterable[str]) -> None:
        """Walk the chains of many editions at once: one query per step for all of them."""
        todo = {name: _Walk(name, front={name}) for name in starts if name not in self._walks}
        for _step_no in range(MAX_CHAIN_STEPS):
            frontier = set().union(*(walk.front for walk in todo.values())) if todo else set()
            if not frontier:
                break
            self.slice.load_links(frontier)
            for walk in todo.values():
                following: set[str] = set()
                for pred in sorted(walk.front):
                    for link in self.slice.links(pred):
                        succ = link.successor
                        if succ == walk.start or succ in walk.reached_by:
                            continue
                        walk.reached_by[succ] = link
                        successor = self.slice.by_designation.get(succ)
                        if successor is None or successor.in_force:
                            walk.ends.append(succ)
                        else:
                            following.add(succ)
                walk.front = following
        self._walks.update(todo)
        self._follow_later_editions(todo.values())

    def _follow_later_editions(self, walks: Iterable[_Walk]) -> None:
        """Where a replaced edition has no recorded successor, take the later edition of
        the same number in force (the implicit chain of IEC and of sparse records)."""
        walks = list(walks)
        dead: dict[str, list[Edition]] = {}
        for walk in walks:
            nodes = [walk.start, *(n for n in walk.reached_by if n not in walk.ends)]
            editions = [self.slice.by_designation.get(n) for n in nodes]
            dead[walk.start] = [
                e
                for e in editions
                if e is not None
                and e.status == Status.REPLACED
                and not self.slice.links(e.designation)
            ]
        self.slice.load_later_editions(e for editions in dead.values() for e in editions)
        for walk in walks:
            for edition in dead[walk.start]:
                later = self.slice.later_edition(edition)
                if later is None or later.designation in walk.reached_by:
                    continue
                if later.designation == walk.start:
                    continue
                walk.reached_by[later.designation] = Link(
                    edition.designation, later.designation, False, implicit=True
                )
                walk.ends.append(later.designation)

    def walk(self, name: str) -> _Walk:
        if name not in self._walks:
            self.walk_all([name])
        return self._walks[name]

    # -- which edition ------------------------------------------------------------------

    def match(self, d: Key) -> Edition | Resolution | str | None:
        """The edition a designation names, an ambiguity, a designation known only from
        replacement links (returned as text), or None."""
        by_designation = self.slice.by_designation
        if d.canonical in by_designation:  # also amendments printed without a base year
            return by_designation[d.canonical]
        if d.dated:
            std = by_designation.get(d.edition_key)
            if std is not None:
                return std
            if self.slice.links(d.canonical):
                return d.canonical
            others = [
                s
                for s in self.slice.by_number.get((d.body, d.number, d.part), [])
                if s.year == d.year
            ]
        else:
            editions = self.slice.editions(d.series_key)
            if editions:
                return self._pick_undated(editions)
            others = self.slice.by_number.get((d.body, d.number, d.part), [])
            series = {s.series_key for s in others}
            if len(series) == 1:
                return self._pick_undated(self.slice.editions(series.pop()))
        if len(others) == 1:
            return others[0]
        if len(others) > 1:
            return Resolution(
                Verdict.AMBIGUOUS,
                d.canonical,
                candidates=[s.designation for s in newest_first(others)],
            )
        return None

    def _pick_undated(self, editions: list[Edition]) -> Edition:
        if self.as_of:
            return in_force_on(editions, self.as_of) or editions[0]
        return _latest(editions)

    # -- verdicts -------------------------------------------------------------------------

    def resolve(self, d: Key) -> Resolution:
        found = self.match(d)
        if isinstance(found, Resolution):
            res = found
        elif found is None:
            editions = self.slice.editions(d.series_key)
            hint = [s.designation for s in editions if s.in_force]
            res = Resolution(Verdict.NOT_FOUND, d.canonical, candidates=hint)
        elif isinstance(found, str):
            res = self._from_links(d.canonical)
        elif self.as_of:
            res = self._verdict_on(d.canonical, found, self.as_of)
        else:
            res = self._verdict_today(d.canonical, found)
        extra = self._notes(d, found, res)
        res.explanation = explain.explain(res, undated=not d.dated, as_of=self.as_of, extra=extra)
        return res

    def _notes(self, d: Key, found, res: Resolution) -> str:
        notes = []
        if isinstance(found, Edition):
            if found.series_key != d.series_key:
                notes.append(explain.other_code_note(d.canonical, found.designation))
            if d.dated and not self.as_of:
                versions = [
                    s.designation
                    for s in self.slice.editions(found.series_key)
                    if s.year == found.year
                    and s.designation != found.designation
                    and s.in_force
                    and (s.issued or datetime.date.min) > (found.issued or datetime.date.min)
                ]
                if versions:
                    notes.append(explain.amendments_note(sorted(versions)))
            if res.verdict == Verdict.CURRENT and not self.as_of:
                newer = [
                    s
                    for s in self.slice.editions(found.series_key)
                    if s.status == Status.UPCOMING and (s.year or 0) > (found.year or 0)
                ]
                if newer:
                    notes.append(explain.upcoming_note(newer[0].designation, newer[0].effective))
        return explain.join_sentences(notes)

    def _verdict_today(self, name: str, std: Edition) -> Resolution:
        if std.status == Status.CURRENT:
            walk = self.walk(std.designation)
            partly = [e for e in walk.ends if any(link.partial for link in walk.path(e))]
            if partly:
                return Resolution(
                    Verdict.PARTLY_REPLACED,
                    name,
                    std,
                    [std.designation],
                    partly=partly,
                    chain=walk.steps(),
                )
            return Resolution(Verdict.CURRENT, name, std, [std.designation])
        if std.status == Status.UPCOMING:
            in_force = [
                s.designation
                for s in self.slice.editions(std.series_key)
                if s.status == Status.CURRENT
            ]
            return Resolution(Verdict.UPCOMING, name, std, in_force, effective=std.effective)
        return self._from_links(name, std)

    def _from_links(self, name: str, std: Edition | None = None) -> Resolution:
        """The verdict of an edition no longer in force (or known only from links)."""
        walk = self.walk(std.designation if std else name)
        chain = walk.steps()
        full, partly, converted = [], [], False
        for end in walk.ends:
            path = walk.path(end)
            if any(link.partial for link in path):
                partly.append(end)
            else:
                full.append(end)
                converted = converted or any(link.conversion for link in path)
        full, partly = sorted(full), sorted(partly)
        if converted:
            return Resolution(Verdict.CONVERTED, name, std, full, partly=partly, chain=chain)
        if full:
            return Resolution(Verdict.REPLACED, name, std, full, partly=partly, chain=chain)
        if partly and std is not None and std.status == Status.REPLACED:
            # A split: each part replaces some of it and together they replace it all.
            return Resolution(Verdict.REPLACED, name, std, partly, chain=chain)
        if partly:
            return Resolution(Verdict.PARTLY_REPLACED, name, std, [], partly=partly, chain=chain)
        # No edition in force at the end: withdrawn, unless the last edition reached is
        # itself marked replaced (its successor is then simply not recorded).
        last = [self.slice.by_designation.get(step.successor) for step in chain] or [std]
        if any(e is not None and e.status == Status.REPLACED for e in last):
            return Resolution(Verdict.REPLACED, name, std, [], chain=chain)
        return Resolution(Verdict.WITHDRAWN, name, std, [], chain=chain)

    def _verdict_on(self, name: str, std: Edition, on: datetime.date) -> Resolution:
        in_force = in_force_on(self.slice.editions(std.series_key), on)
        if in_force is not None and in_force.pk == std.pk:
            return Resolution(Verdict.CURRENT, name, std, [std.designation])
        starts = std.effective or std.issued
        if starts and starts > on:
            current = [in_force.designation] if in_force else []
            return Resolution(Verdict.UPCOMING, name, std, current, effective=std.effective)
        if in_force is not None:
            step = Step(std.designation, in_force.designation, StepKind.LATER_EDITION)
            return Resolution(Verdict.REPLACED, name, std, [in_force.designation], chain=[step])
        # Renumbered or split: the successors that were in force on that date.
        walk = self.walk(std.designation)
        successors = []
        for end in walk.ends:
            succ = self.slice.by_designation.get(end)
            if succ and in_force_on([succ], on):
                successors.append(end)
        if successors:
            return Resolution(Verdict.REPLACED, name, std, successors, chain=walk.steps())
        return Resolution(Verdict.WITHDRAWN, name, std, [])


def resolve_references(
    designations: Iterable[Designation], as_of: datetime.date | None = None
) -> dict[str, Resolution]:
    """Resolutions of many parsed designations, keyed by canonical form, in a few queries."""
    unique = [Key.of(d) for d in {d.canonical: d for d in designations}.values()]
    return _resolve_keys(unique, as_of)


def _resolve_keys(keys: list[Key], as_of: datetime.date | None) -> dict[str, Resolution]:
    resolver = Resolver(keys, as_of)
    # Walk every replacement chain of the batch at once before the per-item rules.
    starts = []
    for match in map(resolver.match, keys):
        if isinstance(match, str):
            starts.append(match)
        elif isinstance(match, Edition) and match.status != Status.UPCOMING:
            starts.append(match.designation)
    resolver.walk_all(starts)
    return {key.canonical: resolver.resolve(key) for key in keys}


def resolve_reference(
    designation: Designation | str, as_of: datetime.date | None = None
) -> Resolution:
    """The resolution of one reference; a text is parsed first (DesignationError if not one)."""
    parsed = parse(designation) if isinstance(designation, str) else designation
    return resolve_references([parsed], as_of)[parsed.canonical]


def resolve_standard(standard: Standard, as_of: datetime.date | None = None) -> Resolution:
    """The resolution of a catalogue edition itself (its detail page, the API record)."""
    key = Key(
        canonical=standard.designation,
        edition_key=standard.designation,
        series_key=standard.series_key,
        dated=standard.year is not None,
        body=standard.body,
        number=standard.number,
        part=standard.part,
        main_number=standard.main_number,
        year=standard.year,
    )
    return _resolve_keys([key], as_of)[standard.designation]
