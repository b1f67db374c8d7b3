"""Edition resolution (catalog.editions): chains, conversions, undated references, timelines."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from catalog.designations import parse
from catalog.editions import (
    Verdict,
    edition_timeline,
    find_editions,
    resolve_reference,
    resolve_standard,
)
from catalog.models import Status
from catalog.tests.edition_cases import converted_and_partly_replaced
from catalog.tests.factories import ReplacementFactory, StandardFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def chinese():
    with translation.override("zh-hans"):
        yield


def chain(*designations: str, partial: bool = False):
    """Create editions where each replaces the one before; the last is current."""
    editions = [
        StandardFactory(designation=d, status=Status.REPLACED) for d in designations[:-1]
    ] + [StandardFactory(designation=designations[-1], status=Status.CURRENT)]
    for old, new in zip(editions, editions[1:], strict=False):
        ReplacementFactory(predecessor=old, successor=new, partial=partial)
    return editions


def ends(standard) -> list[str]:
    return resolve_standard(standard).current


def test_multi_step_chain_ends_at_the_current_edition():
    first, middle, last = chain("GB/T 19001-2000", "GB/T 19001-2008", "GB/T 19001-2016")
    res = resolve_standard(first)
    assert (res.verdict, res.current) == (Verdict.REPLACED, ["GB/T 19001-2016"])
    assert [(s.predecessor, s.successor, s.kind) for s in res.chain] == [
        ("GB/T 19001-2000", "GB/T 19001-2008", "replaced"),
        ("GB/T 19001-2008", "GB/T 19001-2016", "replaced"),
    ]
    assert "GB/T 19001-2000 → GB/T 19001-2008 → GB/T 19001-2016" in res.explanation
    assert ends(last) == ["GB/T 19001-2016"]


def test_split_into_parts_gives_every_part():
    old = StandardFactory(designation="ISO 8601:2004", status=Status.REPLACED)
    StandardFactory(designation="ISO 8601-1:2019")
    StandardFactory(designation="ISO 8601-2:2019")
    for part in ("ISO 8601-1:2019", "ISO 8601-2:2019"):
        ReplacementFactory(predecessor=old, successor=None, successor_designation=part)
    assert ends(old) == ["ISO 8601-1:2019", "ISO 8601-2:2019"]


def test_split_recorded_as_partial_links_is_a_replacement():
    old = StandardFactory(designation="GB/T 5606-2004", status=Status.REPLACED)
    for part in ("GB/T 5606.1-2023", "GB/T 5606.2-2023"):
        ReplacementFactory(
            predecessor=old, successor=StandardFactory(designation=part), partial=True
        )
    res = resolve_standard(old)
    assert (res.verdict, res.current) == (
        Verdict.REPLACED,
        ["GB/T 5606.1-2023", "GB/T 5606.2-2023"],
    )
    assert "拆分" in res.explanation


def test_renumbered_successor_is_followed():
    old, new = chain("GB 50204-2002", "GB 55008-2021")
    assert ends(old) == ["GB 55008-2021"]


def test_withdrawn_without_successor_has_no_current_edition():
    gone = StandardFactory(designation="GB/T 1234-1988", status=Status.WITHDRAWN)
    res = resolve_standard(gone)
    assert (res.verdict, res.current) == (Verdict.WITHDRAWN, [])
    assert res.explanation == "GB/T 1234-1988 已废止，无后继标准。"


def test_replaced_by_a_withdrawn_successor_is_withdrawn_not_replaced():
    """ISO records: replaced by an edition withdrawn since, with no successor of its own."""
    old, new = chain("ISO 5555:1991", "ISO 5555:2001")
    new.status = Status.WITHDRAWN
    new.save()
    res = resolve_standard(old)
    assert (res.verdict, res.current) == (Verdict.WITHDRAWN, [])
    assert "未记录" not in res.explanation
    assert "ISO 5555:2001" in res.explanation


def test_cycle_in_bad_data_terminates():
    a = StandardFactory(designation="GB/T 9-2001", status=Status.REPLACED)
    b = StandardFactory(designation="GB/T 9-2005", status=Status.REPLACED)
    ReplacementFactory(predecessor=a, successor=b)
    ReplacementFactory(predecessor=b, successor=a)
    assert ends(a) == []


def test_implicit_successor_by_later_edition_of_the_same_number():
    old = StandardFactory(designation="IEC 60034-1:2010", status=Status.REPLACED)
    StandardFactory(designation="IEC 60034-1:2022")
    res = resolve_standard(old)
    assert (res.verdict, res.current) == (Verdict.REPLACED, ["IEC 60034-1:2022"])
    assert [s.kind for s in res.chain] == ["later_edition"]


def test_implicit_successor_after_a_recorded_step():
    first, second = chain("IEC 60050-1:1990", "IEC 60050-1:2000")
    second.status = Status.REPLACED
    second.save()
    StandardFactory(designation="IEC 60050-1:2020")
    assert ends(first) == ["IEC 60050-1:2020"]


def test_mandatory_standard_converted_and_partly_replaced():
    converted_and_partly_replaced()
    res = resolve_reference("GB 50010-2010")
    assert res.verdict == Verdict.CONVERTED
    assert (res.current, res.partly) == (["GB/T 50010-2010"], ["GB 55008-2021"])
    assert res.standard is None
    assert res.explanation.startswith("GB 50010-2010 已转为 GB/T 50010-2010")
    assert "部分内容已由 GB 55008-2021 代替" in res.explanation


def test_standard_in_force_but_partly_replaced():
    converted, _code = converted_and_partly_replaced()
    res = resolve_standard(converted)
    assert res.verdict == Verdict.PARTLY_REPLACED
    assert (res.current, res.partly) == (["GB/T 50010-2010"], ["GB 55008-2021"])
    assert res.explanation == "GB/T 50010-2010 现行有效，但部分内容已由 GB 55008-2021 代替。"
    assert resolve_reference("GB/T 50010-2010").explanation == res.explanation


def test_undated_reference_means_the_latest_edition_with_its_amendments():
    StandardFactory(designation="IEC 60601-1:1988", status=Status.REPLACED, year=1988)
    StandardFactory(designation="IEC 60601-1:2005", issued=datetime.date(2005, 12, 15))
    StandardFactory(
        designation="IEC 60601-1:2005+AMD1:2012", year=2005, issued=datetime.date(2012, 8, 20)
    )
    StandardFactory(
        designation="IEC 60601-1:2005+AMD1:2012+AMD2:2020",
        year=2005,
        issued=datetime.date(2020, 8, 20),
    )
    res = resolve_reference("IEC 60601-1")
    latest = "IEC 60601-1:2005+AMD1:2012+AMD2:2020 CSV"
    assert (res.verdict, res.matched) == (Verdict.CURRENT, latest)
    assert "未注日期" in res.explanation and "含修改单" in res.explanation
    dated = resolve_reference("IEC 60601-1:2005")
    assert (dated.verdict, dated.matched) == (Verdict.CURRENT, "IEC 60601-1:2005")
    assert latest in dated.explanation


def test_undated_reference_to_a_replaced_number_follows_its_latest_edition():
    """ISO 712: every edition of the number is replaced, the last by ISO 712-1:2024."""
    old, last = chain("ISO 712:1998", "ISO 712:2009")
    last.status = Status.REPLACED
    last.save()
    part = StandardFactory(designation="ISO 712-1:2024")
    ReplacementFactory(predecessor=last, successor=part)
    res = resolve_reference("ISO 712")
    assert (res.verdict, res.matched, res.current) == (
        Verdict.REPLACED,
        "ISO 712:2009",
        ["ISO 712-1:2024"],
    )


def test_different_standards_sharing_a_number_are_ambiguous():
    StandardFactory(designation="GB 7000.1-2015")
    StandardFactory(designation="GB/T 7000.1-2015")
    res = resolve_reference("GB/Z 7000.1-2015")
    assert res.verdict == Verdict.AMBIGUOUS
    assert res.candidates == ["GB/T 7000.1-2015", "GB 7000.1-2015"] or sorted(res.candidates) == [
        "GB 7000.1-2015",
        "GB/T 7000.1-2015",
    ]


def test_as_of_date_gives_the_edition_in_force_then():
    old = StandardFactory(
        designation="GB/T 19001-2008",
        effective=datetime.date(2009, 3, 1),
        withdrawn=datetime.date(2017, 7, 1),
        status=Status.REPLACED,
    )
    StandardFactory(designation="GB/T 19001-2016", effective=datetime.date(2017, 7, 1))
    assert resolve_reference("GB/T 19001", datetime.date(2012, 1, 1)).matched == old.designation
    on = resolve_reference("GB/T 19001-2008", datetime.date(2020, 1, 1))
    assert (on.verdict, on.current) == (Verdict.REPLACED, ["GB/T 19001-2016"])
    assert "2020-01-01" in on.explanation
    assert resolve_reference("GB/T 19001-2016", datetime.date(2000, 1, 1)).verdict == (
        Verdict.UPCOMING
    )


def test_find_editions_dated_and_undated():
    old, new = chain("GB/T 19001-2008", "GB/T 19001-2016")
    assert find_editions(parse("GB/T 19001-2008")) == [old]
    assert find_editions(parse("gbt19001")) == [new, old]
    assert find_editions(parse("GB/T 19001-1994")) == []


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
