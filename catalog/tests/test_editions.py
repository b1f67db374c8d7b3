"""Edition lookup, replacement chains, editions in force on a date, and timelines."""

from __future__ import annotations

import datetime

import pytest

from catalog.designations import parse
from catalog.models import Status
from catalog.services.editions import (
    edition_in_force,
    edition_timeline,
    find_editions,
    follow_replacements,
)
from catalog.tests.factories import ReplacementFactory, StandardFactory

pytestmark = pytest.mark.django_db


def chain(*designations: str, partial: bool = False):
    """Create editions where each replaces the one before; the last is current."""
    editions = [
        StandardFactory(designation=d, status=Status.REPLACED) for d in designations[:-1]
    ] + [StandardFactory(designation=designations[-1], status=Status.CURRENT)]
    for old, new in zip(editions, editions[1:], strict=False):
        ReplacementFactory(predecessor=old, successor=new, partial=partial)
    return editions


def test_multi_step_chain_ends_at_the_current_edition():
    first, _, last = chain("GB/T 19001-2000", "GB/T 19001-2008", "GB/T 19001-2016")
    assert follow_replacements(first) == [last]
    assert follow_replacements(last) == [last]


def test_split_into_parts_gives_every_part():
    old = StandardFactory(designation="ISO 8601:2004", status=Status.REPLACED)
    part1 = StandardFactory(designation="ISO 8601-1:2019")
    part2 = StandardFactory(designation="ISO 8601-2:2019")
    ReplacementFactory(predecessor=old, successor=part1)
    ReplacementFactory(predecessor=old, successor=part2)
    assert follow_replacements(old) == [part1, part2]


def test_renumbered_successor_is_followed():
    old, new = chain("GB 50204-2002", "GB 55008-2021")
    assert follow_replacements(old) == [new]


def test_withdrawn_without_successor_has_no_current_edition():
    gone = StandardFactory(designation="GB/T 1234-1988", status=Status.WITHDRAWN)
    assert follow_replacements(gone) == []


def test_cycle_in_bad_data_terminates():
    a = StandardFactory(designation="GB/T 9-2001", status=Status.REPLACED)
    b = StandardFactory(designation="GB/T 9-2005", status=Status.REPLACED)
    ReplacementFactory(predecessor=a, successor=b)
    ReplacementFactory(predecessor=b, successor=a)
    assert follow_replacements(a) == []


def test_implicit_successor_by_later_edition_of_the_same_number():
    old = StandardFactory(designation="IEC 60034-1:2010", status=Status.REPLACED)
    new = StandardFactory(designation="IEC 60034-1:2022")
    assert follow_replacements(old) == [new]


def test_find_editions_dated_and_undated():
    old, new = chain("GB/T 19001-2008", "GB/T 19001-2016")
    assert find_editions(parse("GB/T 19001-2008")) == [old]
    assert find_editions(parse("gbt19001")) == [new, old]
    assert find_editions(parse("GB/T 19001-1994")) == []


def test_edition_in_force_on_a_date():
    old = StandardFactory(
        designation="GB/T 19001-2008",
        effective=datetime.date(2009, 3, 1),
        withdrawn=datetime.date(2017, 7, 1),
        status=Status.REPLACED,
    )
    new = StandardFactory(designation="GB/T 19001-2016", effective=datetime.date(2017, 7, 1))
    assert edition_in_force("GB/T 19001", datetime.date(2012, 1, 1)) == old
    assert edition_in_force("GB/T 19001", datetime.date(2020, 1, 1)) == new
    assert edition_in_force("GB/T 19001", datetime.date(2000, 1, 1)) is None


def test_timeline_orders_editions_and_marks_links():
    old = StandardFactory(designation="ISO 8601:2004", status=Status.REPLACED)
    part1 = StandardFactory(designation="ISO 8601-1:2019")
    ReplacementFactory(predecessor=old, successor=part1)
    ReplacementFactory(
        predecessor=old, successor=None, successor_designation="ISO 8601-2:2019", partial=True
    )
    timeline = edition_timeline(part1)
    assert [e.designation for e in timeline][:1] == ["ISO 8601:2004"]
    by_name = {e.designation: e for e in timeline}
    assert by_name["ISO 8601-1:2019"].is_self and by_name["ISO 8601-1:2019"].is_current
    assert sorted(by_name["ISO 8601:2004"].replaced_by) == [
        ("ISO 8601-1:2019", False),
        ("ISO 8601-2:2019", True),
    ]
    assert by_name["ISO 8601-2:2019"].standard is None
