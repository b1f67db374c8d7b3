"""Verdicts: chains (multi-step, split, renumbered, withdrawn), undated and as-of references."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog.designations import parse
from catalog.editions import resolve_references
from catalog.models import Status
from checks.models import Verdict

pytestmark = pytest.mark.django_db


def verdict(text: str, as_of: datetime.date | None = None):
    d = parse(text)
    return resolve_references([d], as_of)[d.canonical]


def test_current_edition(catalogue):
    res = verdict("GB 50204-2015")
    assert res.verdict == Verdict.CURRENT
    assert res.current == ["GB 50204-2015"]
    assert res.title == "混凝土结构工程施工质量验收规范"


def test_one_step_chain(catalogue):
    res = verdict("GB 50204-2002")
    assert (res.verdict, res.current, res.matched) == (
        Verdict.REPLACED,
        ["GB 50204-2015"],
        "GB 50204-2002",
    )


def test_multi_step_chain_reaches_the_end(catalogue):
    assert verdict("GB/T 19001-2000").current == ["GB/T 19001-2016"]


def test_split_into_parts_gives_every_part(catalogue):
    res = verdict("GB/T 5606-2004")
    assert res.verdict == Verdict.REPLACED
    assert res.current == ["GB/T 5606.1-2023", "GB/T 5606.2-2023"]


def test_renumbered_successor(catalogue):
    res = verdict("ISO 8601:2004")
    assert (res.verdict, res.current) == (Verdict.REPLACED, ["ISO 8601-1:2019"])


def test_withdrawn_without_successor(catalogue):
    res = verdict("JGJ 59-1999")
    assert (res.verdict, res.current) == (Verdict.WITHDRAWN, [])


def test_upcoming_edition_with_effective_date(catalogue):
    res = verdict("GB 50016-2026")
    assert res.verdict == Verdict.UPCOMING
    assert res.effective == datetime.date(2027, 3, 1)
    assert res.current == ["GB 50016-2014"]


def test_current_edition_mentions_the_upcoming_one(catalogue):
    res = verdict("GB 50016-2014")
    assert res.verdict == Verdict.CURRENT
    assert "GB 50016-2026" in res.explanation


def test_undated_reference_resolves_to_current_edition(catalogue):
    res = verdict("ISO 712")
    assert (res.verdict, res.matched) == (Verdict.CURRENT, "ISO 712:2009")
    assert verdict("GB/T 19001").matched == "GB/T 19001-2016"


def test_unknown_reference_is_not_found(catalogue):
    assert verdict("GB/T 99999-2020").verdict == Verdict.NOT_FOUND


def test_uncatalogued_edition_hints_at_the_series(catalogue):
    res = verdict("GB/T 19001-1994")
    assert res.verdict == Verdict.NOT_FOUND
    assert res.candidates == ["GB/T 19001-2016"]


def test_wrong_mandate_with_one_match_is_resolved(catalogue):
    res = verdict("GB 19001-2016")
    assert (res.verdict, res.matched) == (Verdict.CURRENT, "GB/T 19001-2016")


def test_several_matches_are_ambiguous(catalogue, make_standard):
    make_standard("GB/Z 5606-2004")
    res = verdict("GB 5606-2004")
    assert res.verdict == Verdict.AMBIGUOUS
    assert set(res.candidates) == {"GB/T 5606-2004", "GB/Z 5606-2004"}


def test_as_of_date_gives_the_edition_in_force_then(catalogue):
    on = datetime.date(2010, 1, 1)
    assert verdict("GB/T 19001-2008", on).verdict == Verdict.CURRENT
    old = verdict("GB/T 19001-2000", on)
    assert (old.verdict, old.current) == (Verdict.REPLACED, ["GB/T 19001-2008"])
    newer = verdict("GB/T 19001-2016", on)
    assert newer.verdict == Verdict.UPCOMING
    assert newer.current == ["GB/T 19001-2008"]
    undated = verdict("GB/T 19001", on)
    assert (undated.verdict, undated.matched) == (Verdict.CURRENT, "GB/T 19001-2008")


def test_as_of_renumbered_successor_in_force(catalogue):
    res = verdict("ISO 8601:2004", datetime.date(2020, 1, 1))
    assert (res.verdict, res.current) == (Verdict.REPLACED, ["ISO 8601-1:2019"])
    before = verdict("ISO 8601:2004", datetime.date(2010, 1, 1))
    assert before.verdict == Verdict.CURRENT


def test_cycles_in_bad_data_are_cut(make_standard, link):
    a = make_standard("GB/T 1-2000", Status.REPLACED)
    b = make_standard("GB/T 1-2010", Status.REPLACED)
    link(a, b)
    link(b, a)
    assert verdict("GB/T 1-2000").verdict == Verdict.REPLACED


def test_batch_resolution_uses_a_bounded_number_of_queries(catalogue, make_standard, link):
    previous = None
    for n in range(60):
        std = make_standard(f"GB/T {40000 + n}-2010", Status.REPLACED)
        new = make_standard(f"GB/T {40000 + n}-2020")
        link(std, new)
        previous = std
    assert previous is not None
    designations = [parse(f"GB/T {40000 + n}-2010") for n in range(60)]
    designations += [parse(f"GB/T {40000 + n}") for n in range(60)]
    designations += [parse("GB/T 19001-2000"), parse("GB/T 5606-2004"), parse("ISO 712")]
    with CaptureQueriesContext(connection) as ctx:
        result = resolve_references(designations)
    assert result["GB/T 40059-2010"].current == ["GB/T 40059-2020"]
    assert result["GB/T 19001-2000"].current == ["GB/T 19001-2016"]
    assert len(ctx.captured_queries) <= 12
