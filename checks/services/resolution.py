"""Resolve many parsed designations against the catalogue at once: verdicts without N+1.

The rules follow catalog.services.editions (find_editions, follow_replacements,
edition_in_force) but load every edition and replacement link a batch needs in a few
queries: one for the editions, one per replacement-chain step, one for later editions.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _

from catalog.designations import Designation
from catalog.models import Replacement, Standard, Status
from checks.models import Verdict

IN_FORCE = (Status.CURRENT, Status.UPCOMING)
MAX_CHAIN_STEPS = 50
# Keep IN (...) lists well under every backend's parameter limit.
CHUNK = 900
_FIELDS = (
    "id",
    "designation",
    "series_key",
    "body",
    "number",
    "part",
    "year",
    "status",
    "issued",
    "effective",
    "withdrawn",
    "title_zh",
    "title_en",
)


@dataclass(frozen=True, slots=True)
class Edition:
    """A catalogue edition as the resolver needs it: a row, much lighter than a model."""

    id: int
    designation: str
    series_key: str
    body: str
    number: str
    part: str
    year: int | None
    status: str
    issued: datetime.date | None
    effective: datetime.date | None
    withdrawn: datetime.date | None
    title_zh: str
    title_en: str

    @property
    def pk(self) -> int:
        return self.id

    @property
    def title(self) -> str:
        return self.title_zh or self.title_en


@dataclass(frozen=True, slots=True)
class Key:
    """The printed forms of a parsed designation, rendered once (rendering is not free)."""

    canonical: str
    edition_key: str
    series_key: str
    dated: bool
    body: str
    number: str
    part: str
    main_number: str
    year: int | None

    @classmethod
    def of(cls, d: Designation) -> Key:
        return cls(
            d.canonical,
            d.edition_key,
            d.series_key,
            d.dated,
            d.body,
            d.number,
            d.part,
            d.main_number,
            d.year,
        )


@dataclass
class Resolution:
    """The verdict for one designation."""

    status: str
    standard: Edition | None = None
    current: list[str] = field(default_factory=list)
    candidates: list[str] = field(default_factory=list)
    effective: datetime.date | None = None
    note: str = ""

    @property
    def matched(self) -> str:
        return self.standard.designation if self.standard else ""

    @property
    def title(self) -> str:
        return self.standard.title if self.standard else ""


def _chunks(values: Iterable[str]) -> Iterable[list[str]]:
    items = sorted(set(values))
    for i in range(0, len(items), CHUNK):
        yield items[i : i + CHUNK]


def _newest_first(standards: Iterable[Edition]) -> list[Edition]:
    return sorted(
        standards,
        key=lambda s: (s.year or 0, s.issued or datetime.date.min, s.designation),
        reverse=True,
    )


def in_force_on(editions: Iterable[Edition], on: datetime.date) -> Edition | None:
    """The edition in force on a date (same rule as editions.edition_in_force)."""
    candidates = [
        s
        for s in editions
        if (
            (s.effective and s.effective <= on) or (not s.effective and s.issued and s.issued <= on)
        )
        and (s.withdrawn is None or s.withdrawn > on)
    ]
    newest = _newest_first(candidates)
    return newest[0] if newest else None


class CatalogueSlice:
    """The catalogue editions and links a batch of designations needs, loaded in bulk."""

    def __init__(self, designations: Iterable[Key]) -> None:
        designations = list(designations)
        self.by_designation: dict[str, Edition] = {}
        self.by_series: dict[str, list[Edition]] = defaultdict(list)
        self.by_number: dict[tuple[str, str, str], list[Edition]] = defaultdict(list)
        self._links: dict[str, list[tuple[str, bool]]] = {}
        wanted = {d.series_key for d in designations}
        wanted |= {key for d in designations for key in (d.canonical, d.edition_key)}
        for chunk in _chunks(wanted):
            self._add(Standard.objects.filter(Q(series_key__in=chunk) | Q(designation__in=chunk)))
        # Not found as written: the same number under another mandate or prefix
        # ("GB 19001-2016" for "GB/T 19001-2016"), looked up by the indexed main number.
        unmatched = [
            d
            for d in designations
            if (d.canonical not in self.by_designation and d.edition_key not in self.by_designation)
            and (d.dated or d.series_key not in self.by_series)
        ]
        for chunk in _chunks({d.main_number for d in unmatched if d.main_number}):
            self._add(Standard.objects.filter(main_number__in=chunk))

    def _add(self, queryset) -> None:
        for row in queryset.values_list(*_FIELDS):
            edition = Edition(*row)
            if edition.designation not in self.by_designation:
                self.by_designation[edition.designation] = edition
                self.by_series[edition.series_key].append(edition)
                self.by_number[(edition.body, edition.number, edition.part)].append(edition)

    def editions(self, series_key: str) -> list[Edition]:
        return _newest_first(self.by_series.get(series_key, []))

    # -- replacement chains -------------------------------------------------------------

    def _load_links(self, predecessors: set[str]) -> None:
        missing = predecessors - self._links.keys()
        for name in missing:
            self._links[name] = []
        for chunk in _chunks(missing):
            rows = Replacement.objects.filter(predecessor_designation__in=chunk).values_list(
                "predecessor_designation", "successor_designation", "partial"
            )
            for pred, succ, partial in rows:
                self._links[pred].append((succ, partial))
        successors = {s for name in missing for s, _partial in self._links[name]}
        for chunk in _chunks(successors - self.by_designation.keys()):
            self._add(Standard.objects.filter(designation__in=chunk))

    def follow(self, standards: Iterable[Edition]) -> dict[str, list[str]]:
        """Current editions at the end of each standard's replacement chain, all at once.

        Multi-step, one-to-many (split into parts) and renumbering; cycle-safe. Successors
        not in the catalogue are chain ends too: the reader still learns the new number.
        """
        result: dict[str, list[str]] = {}
        walks: dict[str, tuple[set[str], set[str], list[str]]] = {}
        for std in standards:
            if std.status in IN_FORCE:
                result[std.designation] = [std.designation]
            else:
                walks[std.designation] = ({std.designation}, {std.designation}, [])
        for _step in range(MAX_CHAIN_STEPS):
            frontier = set().union(*(walk[1] for walk in walks.values())) if walks else set()
            if not frontier:
                break
            self._load_links(frontier)
            for start, (seen, front, ends) in walks.items():
                following: set[str] = set()
                for pred in front:
                    for succ, _partial in self._links.get(pred, []):
                        if succ in seen:
                            continue
                        seen.add(succ)
                        successor = self.by_designation.get(succ)
                        if successor is None or successor.status in IN_FORCE:
                            ends.append(succ)
                        else:
                            following.add(succ)
                walks[start] = (seen, following, ends)
        without = [d for d, walk in walks.items() if not walk[2]]
        later = self._later_editions([self.by_designation[d] for d in without])
        for start, (_seen, _front, ends) in walks.items():
            if ends:
                result[start] = sorted(ends)
            else:
                result[start] = later.get(start, [])
        return result

    def _later_editions(self, standards: list[Edition]) -> dict[str, list[str]]:
        """Same number, later edition in force: the implicit chain of IEC and sparse data."""
        replaced = [s for s in standards if s.status == Status.REPLACED]
        found: dict[str, list[Edition]] = defaultdict(list)
        for chunk in _chunks({s.series_key for s in replaced}):
            rows = Standard.objects.filter(series_key__in=chunk, status__in=IN_FORCE)
            for row in rows.values_list(*_FIELDS):
                found[row[2]].append(Edition(*row))
        result = {}
        for std in replaced:
            later = [s for s in found.get(std.series_key, []) if (s.year or 0) > (std.year or 0)]
            if later:
                result[std.designation] = [_newest_first(later)[0].designation]
        return result


def _labels(standards: Iterable[Edition]) -> list[str]:
    return [s.designation for s in standards]


class Resolver:
    """Turns designations into verdicts against one CatalogueSlice."""

    def __init__(self, designations: list[Key], as_of: datetime.date | None) -> None:
        self.slice = CatalogueSlice(designations)
        self.as_of = as_of
        self._chains: dict[str, list[str]] = {}

    def prefetch_chains(self, standards: Iterable[Edition]) -> None:
        todo = [s for s in standards if s.designation not in self._chains]
        self._chains.update(self.slice.follow(todo))

    def chain(self, std: Edition) -> list[str]:
        if std.designation not in self._chains:
            self.prefetch_chains([std])
        return self._chains[std.designation]

    def match(self, d: Key) -> Resolution | Edition | None:
        """The catalogue edition a designation names, an ambiguity, or None."""
        by_designation = self.slice.by_designation
        if d.dated:
            std = by_designation.get(d.canonical) or by_designation.get(d.edition_key)
            if std is not None:
                return std
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
                candidates=_labels(_newest_first(others)),
                note=_("Several standards match this designation."),
            )
        return None

    def _pick_undated(self, editions: list[Edition]) -> Edition | Resolution:
        if self.as_of:
            return in_force_on(editions, self.as_of) or editions[0]
        current = [s for s in editions if s.status == Status.CURRENT]
        if len(current) > 1:
            return Resolution(
                Verdict.AMBIGUOUS,
                candidates=_labels(current),
                note=_("Several editions are current."),
            )
        if current:
            return current[0]
        upcoming = [s for s in editions if s.status == Status.UPCOMING]
        return upcoming[-1] if upcoming else editions[0]

    def resolve(self, d: Key) -> Resolution:
        found = self.match(d)
        if isinstance(found, Resolution):
            return found
        if found is None:
            editions = self.slice.editions(d.series_key)
            hint = [s.designation for s in editions if s.status in IN_FORCE]
            note = _("This edition is not in the catalogue.") if editions else ""
            return Resolution(Verdict.NOT_FOUND, candidates=hint, note=note)
        if self.as_of:
            return self._verdict_on(found, self.as_of)
        return self._verdict_today(found)

    def _verdict_today(self, std: Edition) -> Resolution:
        editions = self.slice.editions(std.series_key)
        if std.status == Status.CURRENT:
            newer = [
                s
                for s in editions
                if s.status == Status.UPCOMING and (s.year or 0) > (std.year or 0)
            ]
            note = ""
            if newer:
                note = _("New edition %(designation)s takes effect on %(date)s.") % {
                    "designation": newer[0].designation,
                    "date": newer[0].effective or "?",
                }
            return Resolution(Verdict.CURRENT, std, [std.designation], note=note)
        if std.status == Status.UPCOMING:
            in_force = [s.designation for s in editions if s.status == Status.CURRENT]
            return Resolution(Verdict.UPCOMING, std, in_force, effective=std.effective)
        ends = self.chain(std)
        if ends:
            return Resolution(Verdict.REPLACED, std, ends)
        if std.status == Status.REPLACED:
            return Resolution(
                Verdict.REPLACED, std, [], note=_("The replacing standard is not recorded.")
            )
        return Resolution(Verdict.WITHDRAWN, std, [], note=_("Withdrawn without a successor."))

    def _verdict_on(self, std: Edition, on: datetime.date) -> Resolution:
        in_force = in_force_on(self.slice.editions(std.series_key), on)
        if in_force is not None and in_force.pk == std.pk:
            return Resolution(Verdict.CURRENT, std, [std.designation])
        starts = std.effective or std.issued
        if starts and starts > on:
            current = [in_force.designation] if in_force else []
            return Resolution(Verdict.UPCOMING, std, current, effective=std.effective)
        if in_force is not None:
            return Resolution(Verdict.REPLACED, std, [in_force.designation])
        # Renumbered or split: the successors that were in force on that date.
        successors = []
        for name in self.chain(std):
            succ = self.slice.by_designation.get(name)
            if succ and in_force_on([succ], on):
                successors.append(name)
        if successors:
            return Resolution(Verdict.REPLACED, std, successors)
        return Resolution(
            Verdict.WITHDRAWN,
            std,
            [],
            note=_("No edition was in force on %(date)s.") % {"date": on},
        )


def resolve_designations(
    designations: Iterable[Designation], as_of: datetime.date | None = None
) -> dict[str, Resolution]:
    """Verdicts for many designations, keyed by canonical designation, in a few queries."""
    unique = [Key.of(d) for d in {d.canonical: d for d in designations}.values()]
    resolver = Resolver(unique, as_of)
    # Load every replacement chain of the batch in one walk before the per-item rules.
    matched = [m for m in map(resolver.match, unique) if isinstance(m, Edition)]
    resolver.prefetch_chains(m for m in matched if m.status not in IN_FORCE)
    return {d.canonical: resolver.resolve(d) for d in unique}
