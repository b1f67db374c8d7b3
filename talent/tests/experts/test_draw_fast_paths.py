"""The fast draw paths give what the reference computations give.

The pool is gathered from value rows with the credit record counted in one grouped query;
the commitment screens the pool once and stores the frozen snapshot; the draw reads only
that snapshot. Each is held here to the plain computation it replaces.
"""

from __future__ import annotations

import datetime
import random

import pytest
from django.db.models import Count, Max, Q

from talent.models import CreditEvent, Expert, ExpertField
from talent.services import draws as core
from talent.services.draw_requests import (
    _from_json,
    _with_ancestors,
    commit_draw,
    core_request,
    create_draw,
    exclusion_summary,
    export_record,
    perform_draw,
    pool_candidates,
)

pytestmark = pytest.mark.django_db


def reference_candidates(as_of: datetime.date) -> list[core.Expert]:
    """The pool as model instances with the credit record joined onto every expert."""
    year_ago = as_of - datetime.timedelta(days=365)
    experts = (
        Expert.objects.filter(state__in=("active", "suspended"))
        .annotate(
            last_served=Max("credit_events__date", filter=Q(credit_events__kind="served")),
            panels=Count(
                "credit_events",
                filter=Q(credit_events__kind="served", credit_events__date__year=as_of.year),
            ),
            no_shows=Count(
                "credit_events",
                filter=Q(credit_events__kind="no_show", credit_events__date__gt=year_ago),
            ),
        )
        .order_by("pk")
    )
    fields: dict[int, list[str]] = {}
    for expert_id, code in ExpertField.objects.values_list("expert_id", "code"):
        fields.setdefault(expert_id, []).append(code)
    return [
        core.Expert(
            id=e.draw_id,
            org=e.employer,
            fields=_with_ancestors(fields.get(e.pk, [])),
            avoid=tuple(e.avoid_orgs),
            conflicts=tuple(e.conflicts),
            suspended=e.state == "suspended",
            last_served=e.last_served,
            panels_this_year=e.panels,
            no_shows=e.no_shows,
        )  # fmt: skip
        for e in experts
    ]


@pytest.fixture
def crowd(make_expert, office):
    """30 experts over four organisations with a random credit record of every kind."""
    rng = random.Random(12)
    today = datetime.date.today()
    experts = [
        make_expert(
            employer=f"单位{rng.randint(1, 4)}",
            ics=rng.sample(["13.020.10", "13.020.20", "27.010", "91.100"], rng.randint(1, 2)),
            avoid_orgs=rng.sample(["单位1", "单位2", "单位9"], rng.randint(0, 1)),
            conflicts=["P-7"] if rng.random() < 0.1 else [],
            state="suspended" if rng.random() < 0.1 else "active",
        )
        for _ in range(30)
    ]
    kinds = ("served", "served", "no_show", "declined", "rating")
    for expert in experts:
        for _ in range(rng.randint(0, 4)):
            kind = rng.choice(kinds)
            CreditEvent.objects.create(
                expert=expert, kind=kind, date=today - datetime.timedelta(days=rng.randint(0, 500)),
                rating=3 if kind == "rating" else None, reason="出差",
            )  # fmt: skip
    return experts


RULES = {"purpose": "review", "object_type": "project", "object_ref": "P-7",
         "object_title": "锂电池安全要求", "need": 3, "alternates": 2,
         "quotas": {"13.020": 1, "27.010": 1}, "party_orgs": ["单位1"],
         "served_within_days": 120, "max_panels_per_year": 2, "max_no_shows": 1}  # fmt: skip


def test_the_grouped_credit_counts_give_the_reference_pool(crowd):
    today = datetime.date.today()
    assert pool_candidates(today) == reference_candidates(today)
    assert any(e.no_shows for e in pool_candidates(today))
    assert any(e.last_served for e in pool_candidates(today))


def test_freezing_once_gives_the_snapshot_and_reasons_of_the_full_draw():
    rng = random.Random(3)
    orgs = [f"O{i}" for i in range(12)]
    experts = [
        core.Expert(
            id=f"E{i}",
            org=rng.choice(orgs),
            fields=tuple(rng.sample(["a", "b", "c", "d"], 2)),
            avoid=tuple(rng.sample(orgs, rng.randint(0, 2))),
            suspended=rng.random() < 0.05,
            last_served=datetime.date(2026, 1, 1) + datetime.timedelta(days=rng.randint(0, 300)),
            panels_this_year=rng.randint(0, 4),
            no_shows=rng.randint(0, 2),
        )  # fmt: skip
        for i in range(600)
    ]
    rng.shuffle(experts)
    request = core.DrawRequest(
        need=6, alternates=3, exclude_orgs=frozenset({"O1", "O2"}), served_within_days=60,
        max_panels_per_year=3, max_no_shows=2, quotas={"a": 2, "c": 1},
        as_of=datetime.date(2026, 12, 1),
    )  # fmt: skip
    frozen = core.freeze_pool(experts, request)
    for n in range(40):
        seed = n.to_bytes(32, "big")
        full = core.draw_panel(experts, request, seed)
        assert (frozen.snapshot, frozen.digest) == (full.pool, full.pool_sha256)
        assert frozen.codes == full.exclusion_codes
        assert frozen.exclusion_counts == full.exclusion_counts
        fast = core.draw_frozen(frozen.snapshot, frozen.digest, request, seed)
        assert fast == (full.panel, full.alternates, full.drawn_for)


def test_the_draw_from_the_stored_pool_is_the_draw_over_all_candidates(crowd, office):
    draw = create_draw(office, **RULES)
    commit_draw(office, draw)
    draw.refresh_from_db()
    candidates = [_from_json(row) for row in draw.candidates]
    assert len(candidates) == draw.pool_size == len(crowd)
    reference = core.draw_panel(candidates, core_request(draw), bytes.fromhex(draw.seed))
    assert exclusion_summary(draw) == reference.exclusion_counts
    perform_draw(office, draw)
    draw.refresh_from_db()
    record = export_record(draw)
    assert (record["panel"], record["alternates"]) == (reference.panel, reference.alternates)
    assert record["drawn_for"] == reference.drawn_for
    assert record["pool"] == reference.pool and record["pool_sha256"] == reference.pool_sha256
    assert record["excluded"] == reference.excluded
    assert record["exclusion_counts"] == reference.exclusion_counts
    assert core.verify_draw(record).valid
