"""A small generated catalogue with ISO/IEC standards, adoptions and replaced editions."""

from __future__ import annotations

import random

from catalog.models import Status
from catalog.search.indexing import rebuild_index
from catalog.tests.factories import PublisherFactory, ReplacementFactory, StandardFactory


def build_catalogue(seed: int = 3) -> dict:
    """~80 standards over tiers, years, statuses, ICS fields, some adopting ISO/IEC standards."""
    rng = random.Random(seed)
    iso = PublisherFactory(code="ISO", name_zh="国际标准化组织")
    # ISO 1000 is current in 2019 (2009 replaced); ISO 2000 current in 35.040; ISO 3000 in 13.
    old = StandardFactory(designation="ISO 1000:2009", status=Status.REPLACED,
                          publisher=iso, ics_codes=["35.040"])  # fmt: skip
    new = StandardFactory(designation="ISO 1000:2019", publisher=iso, ics_codes=["35.040"])
    ReplacementFactory(predecessor=old, successor=new)
    StandardFactory(designation="ISO 2000:2020", publisher=iso, ics_codes=["35.040"])
    StandardFactory(designation="ISO 3000:2018", publisher=iso, ics_codes=["13.020"])
    outdated = StandardFactory(designation="GB/T 1000-2012", adopted_designation="ISO 1000:2009",
                               adoption_degree="IDT", ics_codes=["35.040"])  # fmt: skip
    for n in range(60):
        tier_prefix = rng.choice(["GB/T", "GB", "JB/T", "DB41/T"])
        year = rng.choice([2005, 2010, 2015, 2020, 2023])
        degree = rng.choice(["IDT", "MOD", "NEQ", "", ""]) if tier_prefix.startswith("GB") else ""
        StandardFactory(
            designation=f"{tier_prefix} {20000 + n}-{year}",
            status=rng.choice([Status.CURRENT, Status.CURRENT, Status.WITHDRAWN]),
            adopted_designation=f"ISO {5000 + n}:{year - 1}" if degree else "",
            adoption_degree=degree,
            ics_codes=[rng.choice(["35.040", "13.020", "91.100"])],
            ccs_codes=[rng.choice(["L70", "Z10", "Q10"])],
        )
    rebuild_index()
    return {"outdated": outdated}
