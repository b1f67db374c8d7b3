"""Fixtures of the checks tests: a small real-looking catalogue and people."""

from __future__ import annotations

import datetime

import pytest

from catalog.models import Status
from catalog.tests.factories import DataSourceFactory, ReplacementFactory, StandardFactory


@pytest.fixture
def make_standard(db):
    """Create one catalogue edition: make_standard("GB/T 19001-2016", status=...)."""

    def make(designation: str, status: str = Status.CURRENT, **fields):
        return StandardFactory(designation=designation, status=status, **fields)

    return make


@pytest.fixture
def link(db):
    """Record "new replaces old" (partial when only some clauses are replaced)."""

    def make(old, new, partial: bool = False):
        return ReplacementFactory(predecessor=old, successor=new, partial=partial)

    return make


@pytest.fixture
def catalogue(make_standard, link):
    """Editions with the chains the tests need: multi-step, split, renumbered, withdrawn."""
    d = datetime.date
    s = {}
    # Multi-step: GB 50204-2002 -> GB 50204-2015 (current).
    s["gb50204_2002"] = make_standard(
        "GB 50204-2002", Status.REPLACED, effective=d(2002, 4, 1), withdrawn=d(2015, 9, 1)
    )
    s["gb50204_2015"] = make_standard(
        "GB 50204-2015", effective=d(2015, 9, 1), title_zh="混凝土结构工程施工质量验收规范"
    )
    link(s["gb50204_2002"], s["gb50204_2015"])
    # Three steps: GB/T 19001-2000 -> 2008 -> 2016 (current), 2026 upcoming.
    s["q2000"] = make_standard(
        "GB/T 19001-2000", Status.REPLACED, effective=d(2001, 6, 1), withdrawn=d(2009, 3, 1)
    )
    s["q2008"] = make_standard(
        "GB/T 19001-2008", Status.REPLACED, effective=d(2009, 3, 1), withdrawn=d(2017, 7, 1)
    )
    s["q2016"] = make_standard(
        "GB/T 19001-2016", effective=d(2017, 7, 1), title_zh="质量管理体系 要求"
    )
    link(s["q2000"], s["q2008"])
    link(s["q2008"], s["q2016"])
    # Split into parts: GB/T 5606-2004 -> GB/T 5606.1-2023 and GB/T 5606.2-2023.
    s["split_old"] = make_standard("GB/T 5606-2004", Status.REPLACED, effective=d(2004, 6, 1))
    s["split_1"] = make_standard("GB/T 5606.1-2023", effective=d(2024, 1, 1))
    s["split_2"] = make_standard("GB/T 5606.2-2023", effective=d(2024, 1, 1))
    link(s["split_old"], s["split_1"], partial=True)
    link(s["split_old"], s["split_2"], partial=True)
    # Renumbered: ISO 8601:2004 -> ISO 8601-1:2019.
    s["iso8601_2004"] = make_standard(
        "ISO 8601:2004", Status.REPLACED, effective=d(2004, 12, 1), withdrawn=d(2019, 2, 1)
    )
    s["iso8601_1"] = make_standard("ISO 8601-1:2019", effective=d(2019, 2, 1))
    link(s["iso8601_2004"], s["iso8601_1"])
    # Withdrawn without successor.
    s["withdrawn"] = make_standard(
        "JGJ 59-1999", Status.WITHDRAWN, effective=d(1999, 12, 1), withdrawn=d(2012, 7, 1)
    )
    # Upcoming edition of a current standard.
    s["gb50016_2014"] = make_standard("GB 50016-2014", effective=d(2015, 5, 1))
    s["gb50016_2026"] = make_standard("GB 50016-2026", Status.UPCOMING, effective=d(2027, 3, 1))
    # Undated international reference.
    s["iso712"] = make_standard("ISO 712:2009", effective=d(2009, 12, 1))
    DataSourceFactory()
    return s
