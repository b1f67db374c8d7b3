"""Catalogue situations edition resolution must explain, shared by service, page and API tests."""

from __future__ import annotations

import datetime

from catalog.tests.factories import ReplacementFactory, StandardFactory


def converted_and_partly_replaced():
    """GB 50010-2010 as the shipped seed holds it.

    Converted to GB/T 50010-2010 in 2024 (the old designation is not in the catalogue) and
    partly replaced by the general code GB 55008-2021, which also replaces part of the
    converted standard.
    """
    converted = StandardFactory(
        designation="GB/T 50010-2010",
        effective=datetime.date(2011, 7, 1),
        title_zh="混凝土结构设计标准",
    )
    code = StandardFactory(
        designation="GB 55008-2021",
        effective=datetime.date(2022, 1, 1),
        title_zh="混凝土结构通用规范",
    )
    ReplacementFactory(
        predecessor=None, predecessor_designation="GB 50010-2010", successor=converted
    )
    ReplacementFactory(
        predecessor=None, predecessor_designation="GB 50010-2010", successor=code, partial=True
    )
    ReplacementFactory(predecessor=converted, successor=code, partial=True)
    return converted, code
