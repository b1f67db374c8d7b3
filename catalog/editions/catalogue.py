"""The catalogue editions and replacement links a batch of references needs, loaded in bulk."""

from __future__ import annotations

import datetime
import functools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q

from catalog.designations import Designation, try_parse
from catalog.models import Replacement, Standard, Status

IN_FORCE = (Status.CURRENT, Status.UPCOMING)
# A replacement chain longer than this is a data error, not history.
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
    """A catalogue edition as resolution needs it: a row, much lighter than a model."""

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

    @property
    def in_force(self) -> bool:
        return self.status in IN_FORCE

    @classmethod
    def of(cls, standard: Standard) -> Edition:
        """The row of a model instance already loaded."""
        return cls(*(getattr(standard, name) for name in _FIELDS))


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


@dataclass(frozen=True, slots=True)
class Link:
    """One replacement link: ``successor`` replaces ``predecessor`` fully or partly."""

    predecessor: str
    successor: str
    partial: bool
    # Not recorded: a later edition of the same number taken as the successor.
    implicit: bool = False

    @property
    def conversion(self) -> bool:
        """Whether the successor is the same document under another code (GB -> GB/T).

        Same number, part and year with another prefix: a mandatory national standard
        converted to a recommended one keeps its number and its year. Canonical forms print
        the code, a space and the rest, so the rest is compared before anything is parsed.
        """
        if self.partial or self.implicit:
            return False
        old_code, _, old_rest = self.predecessor.partition(" ")
        new_code, _, new_rest = self.successor.partition(" ")
        if old_rest != new_rest or old_code == new_code:
            return False
        old = _parsed(self.predecessor)
        return bool(old and old.year is not None)


@functools.lru_cache(maxsize=65536)
def _parsed(designation: str) -> Designation | None:
    return try_parse(designation)


def chunks(values: Iterable[str]) -> Iterable[list[str]]:
    """Sorted unique values in slices that fit in one IN (...) list."""
    items = sorted(set(values))
    for i in range(0, len(items), CHUNK):
        yield items[i : i + CHUNK]


def newest_first(editions: Iterable[Edition]) -> list[Edition]:
    """Editions ordered newest first: year, then issue date, then designation."""
    return sorted(
        editions,
        key=lambda s: (s.year or 0, s.issued or datetime.date.min, s.designation),
        reverse=True,
    )


def in_force_on(editions: Iterable[Edition], on: datetime.date) -> Edition | None:
    """The newest of the editions that was in force on a date."""
    candidates = [
        s
        for s in editions
        if (
            (s.effective and s.effective <= on) or (not s.effective and s.issued and s.issued <= on)
        )
        and (s.withdrawn is None or s.withdrawn > on)
    ]
    newest = newest_first(candidates)
    return newest[0] if newest else None


class CatalogueSlice:
    """The catalogue editions and links a batch of designations needs, loaded in bulk."""

    def __init__(self, designations: Iterable[Key]) -> None:
        designations = list(designations)
        self.by_designation: dict[str, Edition] = {}
        self.by_series: dict[str, list[Edition]] = defaultdict(list)
        self.by_number: dict[tuple[str, str, str], list[Edition]] = defaultdict(list)
        self._links: dict[str, list[Link]] = {}
        self._later: dict[str, list[Edition]] = {}
        wanted = {d.series_key for d in designations}
        wanted |= {key for d in designations for key in (d.canonical, d.edition_key)}
        for chunk in chunks(wanted):
            self._add(Standard.objects.filter(Q(series_key__in=chunk) | Q(designation__in=chunk)))
        unmatched = [
            d
            for d in designations
            if (d.canonical not in self.by_designation and d.edition_key not in self.by_designation)
            and (d.dated or d.series_key not in self.by_series)
        ]
        # A dated reference missing from the catalogue may still be the old end of a link
        # (GB 50010-2010, converted to GB/T 50010-2010): load its links in the same go.
        self.load_links({d.canonical for d in unmatched if d.dated})
        # Not found as written: the same number under another mandate or prefix
        # ("GB 19001-2016" for "GB/T 19001-2016"), looked up by the indexed main number.
        for chunk in chunks({d.main_number for d in unmatched if d.main_number}):
            self._add(Standard.objects.filter(main_number__in=chunk))

    def _add(self, queryset) -> None:
        for row in queryset.values_list(*_FIELDS):
            self.add(Edition(*row))

    def add(self, edition: Edition) -> None:
        """Keep one edition (once) in every index."""
        if edition.designation not in self.by_designation:
            self.by_designation[edition.designation] = edition
            self.by_series[edition.series_key].append(edition)
            self.by_number[(edition.body, edition.number, edition.part)].append(edition)

    def editions(self, series_key: str) -> list[Edition]:
        """Every catalogued edition of a series, newest first."""
        return newest_first(self.by_series.get(series_key, []))

    def links(self, predecessor: str) -> list[Link]:
        """The recorded successors of a designation (load_links must have seen it)."""
        return self._links.get(predecessor, [])

    def load_links(self, predecessors: set[str]) -> None:
        """Load the successor links of designations, and the successor editions."""
        missing = predecessors - self._links.keys()
        for name in missing:
            self._links[name] = []
        for chunk in chunks(missing):
            rows = Replacement.objects.filter(predecessor_designation__in=chunk).values_list(
                "predecessor_designation", "successor_designation", "partial"
            )
            for pred, succ, partial in rows:
                self._links[pred].append(Link(pred, succ, partial))
        for name in missing:
            self._links[name].sort(key=lambda link: (link.partial, link.successor))
        successors = {link.successor for name in missing for link in self._links[name]}
        for chunk in chunks(successors - self.by_designation.keys()):
            self._add(Standard.objects.filter(designation__in=chunk))

    def load_later_editions(self, editions: Iterable[Edition]) -> None:
        """Load the in-force editions of the series of replaced editions (implicit chains)."""
        series = {s.series_key for s in editions if s.status == Status.REPLACED}
        series -= self._later.keys()
        for key in series:
            self._later[key] = []
        for chunk in chunks(series):
            rows = Standard.objects.filter(series_key__in=chunk, status__in=IN_FORCE)
            for row in rows.values_list(*_FIELDS):
                edition = Edition(*row)
                self._later[edition.series_key].append(edition)
                self.add(edition)

    def later_edition(self, edition: Edition) -> Edition | None:
        """The newest in-force edition of the same number that is later than ``edition``."""
        later = [
            s
            for s in self._later.get(edition.series_key, [])
            if (s.year or 0) > (edition.year or 0)
        ]
        return newest_first(later)[0] if later else None
