"""Find standard references in text: what was written, where, and its canonical designation."""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from catalog.designations import Designation, DesignationError, parse, try_parse

from .patterns import (
    CN_PATTERN,
    CONTINUATION,
    INTL_PATTERN,
    INTL_YEAR,
    ITEM_WRAPPERS,
    LIST_ITEM,
    LOOKS_LIKE_DESIGNATION,
    MAX_RANGE,
    TITLE_AFTER,
    TITLE_BEFORE,
    fold,
)


@dataclass(frozen=True, slots=True)
class Reference:
    """One reference to a standard found in a document (or an item that could not be read).

    An unrecognised item has no designation and ``reason`` says why the parser refused it
    (a ``DesignationError`` reason code such as ``unknown_prefix``).
    """

    input: str
    designation: str
    location: dict[str, Any]
    title: str = ""
    note: str = ""
    parsed: Designation | None = field(default=None, compare=False, repr=False)
    reason: str = ""

    @property
    def recognised(self) -> bool:
        return bool(self.designation)


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of a document with its place: a page, a paragraph, a table cell."""

    text: str
    location: dict[str, Any]
    # Multi-line segments get a "line" added to the location of each reference.
    multiline: bool = False


def _title_near(original: str, start: int, end: int) -> str:
    before = TITLE_BEFORE.search(original, max(0, start - 130), start)
    if before:
        return before.group(1).strip()
    after = TITLE_AFTER.match(original, end, min(len(original), end + 130))
    return after.group(1).strip() if after else ""


@functools.lru_cache(maxsize=65536)
def _parse(text: str) -> tuple[Designation, str] | None:
    """The parsed designation and its canonical form; documents repeat their references."""
    parsed = try_parse(text)
    # Drafts and designations without a number are not references to published standards.
    if parsed is None or not parsed.number:
        return None
    return parsed, parsed.canonical


def _chinese(match, folded: str) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, designation text, note) for one Chinese match and its list continuation."""
    prefix = match.group("prefix")
    year = match.group("year")
    range_end = match.group("range_end")
    if range_end:
        first, last = match.group("number"), range_end
        if first.isdigit() and last.isdigit() and 0 < int(last) - int(first) <= MAX_RANGE:
            width = len(first)
            suffix = f"-{year}" if year else ""
            for n in range(int(first), int(last) + 1):
                yield match.start(), match.end(), f"{prefix} {n:0{width}d}{suffix}", "range"
        return
    yield match.start(), match.end(), folded[match.start() : match.end()], ""
    pos = match.end()
    while more := CONTINUATION.match(folded, pos):
        text = f"{prefix} {more.group('number')}"
        if more.group("year"):
            text += f"-{more.group('year')}"
        yield more.start("number"), more.end(), text, "list"
        pos = more.end()


def _dated(match) -> bool:
    if match.re is CN_PATTERN:
        return bool(match.group("year") or match.group("colon_year"))
    return bool(INTL_YEAR.search(match.group()))


def _candidates(folded: str) -> list[tuple[int, int, str, str]]:
    found: list[tuple[int, int, str, str]] = []
    taken_until = -1
    matches = sorted(
        [*CN_PATTERN.finditer(folded), *INTL_PATTERN.finditer(folded)],
        key=lambda m: (m.start(), -m.end()),
    )
    for match in matches:
        if match.start() < taken_until:
            continue  # inside an earlier match (the ISO part of "GB/T 19001-2016/ISO 9001")
        if match.start() and folded[match.start() - 1] == "/" and not _dated(match):
            continue  # "ISO/TC 34/SC 4" is a committee; "…-2011/JGJ 162-2008" is a list
        if match.re is CN_PATTERN:
            items = list(_chinese(match, folded))
        else:
            items = [(match.start(), match.end(), match.group(), "")]
        found.extend(items)
        taken_until = max([match.end(), *(end for _, end, _, _ in items)])
    return found


def extract_references(
    text: str,
    location: dict[str, Any] | None = None,
    multiline: bool = True,
    keep_unrecognised: bool = False,
) -> list[Reference]:
    """Every standard reference in a text, in order, with its line and column.

    Voltages, document numbers, dates, clause and phone numbers have no standard prefix
    and are not matched; a candidate the designation parser rejects is dropped rather
    than guessed at. With ``keep_unrecognised`` the text is a list (a pasted list, a
    spreadsheet cell): every item of it that looks like a designation but yields no
    reference comes back as an unrecognised Reference, so that nothing is lost.
    """
    if not text:
        return []
    folded = fold(text)
    base = dict(location or {})
    newlines = [i for i, ch in enumerate(text) if ch == "\n"] if multiline and "\n" in text else []

    def place(start: int) -> dict[str, Any]:
        loc = dict(base)
        if multiline:
            line = bisect.bisect_left(newlines, start)
            loc["line"] = line + 1
            loc["column"] = start - (newlines[line - 1] if line else -1)
        return loc

    found_at: list[tuple[int, int, Reference]] = []
    for start, end, candidate, note in _candidates(folded):
        found = _parse(candidate)
        if found is None:
            continue
        parsed, canonical = found
        ref = Reference(
            input=text[start:end].strip(),
            designation=canonical,
            location=place(start),
            title=_title_near(text, start, end),
            note=note,
            parsed=parsed,
        )
        found_at.append((start, end, ref))
    if keep_unrecognised:
        found_at.extend(_list_items(folded, text, found_at, place))
        found_at.sort(key=lambda entry: entry[0])
    return [ref for _start, _end, ref in found_at]


def _list_items(
    folded: str, text: str, found_at: list[tuple[int, int, Reference]], place
) -> Iterator[tuple[int, int, Reference]]:
    """List items that look like designations but hold no reference found so far.

    An item the parser reads after all (a spelling the patterns do not know) becomes a
    reference; any other comes back unrecognised with the parser's reason.
    """
    # References and items both come in document order: one sweep finds the overlaps.
    ends = sorted(end for _start, end, _ref in found_at)
    starts = sorted(start for start, _end, _ref in found_at)
    for item in LIST_ITEM.finditer(folded):
        start, end = item.span()
        written = folded[start:end]
        stripped = written.strip(ITEM_WRAPPERS)
        if not stripped:
            continue
        start += written.index(stripped)
        end = start + len(stripped)
        # A reference overlaps the item when it starts before the item ends and ends
        # after it starts: fewer of those ending by ``start`` than starting before ``end``.
        if bisect.bisect_left(starts, end) > bisect.bisect_right(ends, start):
            continue
        if not LOOKS_LIKE_DESIGNATION.fullmatch(stripped):
            continue
        as_written = text[start:end]
        try:
            parsed = parse(stripped)
        except DesignationError as error:
            yield start, end, Reference(as_written, "", place(start), reason=error.reason)
            continue
        if not parsed.number:
            yield start, end, Reference(as_written, "", place(start), reason="no_number")
            continue
        ref = Reference(as_written, parsed.canonical, place(start), parsed=parsed)
        yield start, end, ref


def extract_from_segments(
    segments: Iterable[Segment], keep_unrecognised: bool = False
) -> list[Reference]:
    """References of every segment of a document, in document order (see extract_references)."""
    refs: list[Reference] = []
    for segment in segments:
        refs.extend(
            extract_references(segment.text, segment.location, segment.multiline, keep_unrecognised)
        )
    return refs
