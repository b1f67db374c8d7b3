"""Pinned draws: outputs recorded before the draw was optimised must never change."""

from __future__ import annotations

import datetime
import hashlib
import random

import pytest

from talent.services.draws import DrawRequest, Expert, canonical_json, draw_panel, verify_draw

FIELDS = [f"{major}.{minor:03d}" for major in (13, 27, 91) for minor in range(0, 60, 10)]
ORGS = [f"单位{i:02d}" for i in range(40)]
TODAY = datetime.date(2026, 12, 1)


def mixed_pool() -> list[Expert]:
    """3,000 experts in shuffled id order, with every kind of exclusion and unsorted lists."""
    rng = random.Random(12)
    experts = [
        Expert(
            id=f"X{i:05d}",
            org=rng.choice([*ORGS, ""]),
            fields=tuple(rng.sample(FIELDS, rng.randint(1, 3))),
            avoid=tuple(rng.sample(ORGS, rng.randint(0, 2))),
            conflicts=tuple(rng.sample(["P7", "P8", *ORGS[:3]], rng.randint(0, 1))),
            suspended=rng.random() < 0.02,
            last_served=TODAY - datetime.timedelta(days=rng.randint(1, 400))
            if rng.random() < 0.7
            else None,
            panels_this_year=rng.choice((0, 0, 1, 2, 3, 4)),
        )
        for i in range(3000)
    ]
    rng.shuffle(experts)
    return experts


PINNED = {
    "quotas": (
        DrawRequest(
            need=9,
            alternates=3,
            exclude_orgs=frozenset(ORGS[:4]),
            object_id="P7",
            served_within_days=60,
            max_panels_per_year=3,
            quotas={"13.020": 2, "27.010": 2, "91.050": 1, "13.000": 0},
            public_value="2026-12-01 福彩3D 123",
            as_of=TODAY,
        ),
        bytes(range(32)),
    ),
    "free": (
        DrawRequest(need=5, alternates=2, exclude_orgs=frozenset(ORGS[5:7]), as_of=TODAY),
        bytes(range(32, 64)),
    ),
}
# Recorded from the draw as it was before it was optimised (commit c80cf54).
EXPECTED = {
    "quotas": {
        "pool_sha256": "1ac7c717418089ed85bc6c173573f368199194da7aa7bd2ed72279810b2138e1",
        "eligible": 352,
        "panel": ["X00076", "X00543", "X00646", "X00853", "X02832", "X01625", "X01365",
                  "X01455", "X00782"],
        "alternates": ["X02890", "X02061", "X00330"],
        "drawn_for": {"X00076": "13.020", "X00543": "13.020", "X00646": "27.010",
                      "X00853": "27.010", "X02832": "91.050"},
        "exclusion_counts": {"suspended": 50, "org": 282, "avoid": 264, "conflict": 972,
                             "recent": 142, "overused": 426, "field": 512},
        "excluded_sha256": "f581fe245b35de7df08173c6aba9f769a17ba66997a6402acb3eb9266122de36",
    },
    "free": {
        "pool_sha256": "50778df2b671660b255ac21cdbbe3de73a888e7e30f5f0b14924a5abe42f675b",
        "eligible": 2663,
        "panel": ["X01236", "X00591", "X01772", "X02545", "X02657"],
        "alternates": ["X00850", "X00090"],
        "drawn_for": {},
        "exclusion_counts": {"suspended": 50, "org": 157, "avoid": 130},
        "excluded_sha256": "a9997d42c221f7984ddcd42879ad6ab771aac2dd89dd7a84b17251e8eb0f1a01",
    },
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(PINNED))
def test_pinned_draw_is_unchanged(name):
    wanted, seed = PINNED[name]
    record = draw_panel(mixed_pool(), wanted, seed).as_dict()
    got = {
        "pool_sha256": record["pool_sha256"],
        "eligible": record["eligible"],
        "panel": record["panel"],
        "alternates": record["alternates"],
        "drawn_for": record["drawn_for"],
        "exclusion_counts": record["exclusion_counts"],
        "excluded_sha256": hashlib.sha256(canonical_json(record["excluded"])).hexdigest(),
    }
    assert got == EXPECTED[name]
    assert verify_draw(record).valid
