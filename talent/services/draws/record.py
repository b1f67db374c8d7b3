"""A draw and its record: freeze the eligible pool, commit to the seed, draw panel and
alternates (`draw_panel` in one go, or `freeze_pool` then `draw_frozen` for web draws)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from operator import attrgetter
from typing import Any

from django.utils.translation import gettext as _

from talent.services.draws.eligibility import (
    REASONS,
    check_possible,
    count_codes,
    eligible_experts,
    exclusion_reasons,
    screen,
)
from talent.services.draws.model import ALGORITHM, DrawError, DrawRequest, Expert, check_request
from talent.services.draws.pool import freeze, frozen_digest
from talent.services.draws.randomness import commitment_of, draw_key, new_seed
from talent.services.draws.selection import quota_bits, quota_masks, select


@dataclass
class Draw:
    """A draw record: everything needed to check the panel again."""

    commitment: str
    seed: str
    public_value: str
    pool_sha256: str
    pool: list[dict[str, Any]]
    pool_size: int
    need: int
    alternates_requested: int
    quotas: dict[str, int]
    panel: list[str]
    alternates: list[str]
    drawn_for: dict[str, str]
    request: DrawRequest = field(repr=False)
    experts: list[Expert] = field(repr=False)

    @cached_property
    def exclusion_codes(self) -> dict[str, str]:
        """Each excluded expert's id with the code of the rule that excluded them."""
        return screen(self.experts, self.request)[1]

    @property
    def exclusion_counts(self) -> dict[str, int]:
        return count_codes(self.exclusion_codes)

    @property
    def excluded(self) -> dict[str, str]:
        """Each excluded expert's id with the reason in words (built when asked for)."""
        return exclusion_reasons(self.experts, self.request, self.exclusion_codes)

    def as_dict(self) -> dict[str, Any]:
        return {
            "algorithm": ALGORITHM,
            "commitment": self.commitment,
            "seed": self.seed,
            "public_value": self.public_value,
            "pool_sha256": self.pool_sha256,
            "pool_size": self.pool_size,
            "eligible": len(self.pool),
            "need": self.need,
            "alternates_requested": self.alternates_requested,
            "quotas": self.quotas,
            "panel": self.panel,
            "alternates": self.alternates,
            "drawn_for": self.drawn_for,
            "excluded": self.excluded,
            "exclusion_counts": self.exclusion_counts,
            "pool": self.pool,
        }


def draw_panel(experts: Iterable[Expert], request: DrawRequest, seed: bytes | None = None) -> Draw:
    """Freeze the eligible pool, commit to the seed and draw the panel and alternates."""
    experts = list(experts)
    check_request(request)
    if len(set(map(attrgetter("id"), experts))) != len(experts):
        twice = next(i for i, n in Counter(e.id for e in experts).items() if n > 1)
        raise DrawError(_("Expert %(id)s is in the pool twice.") % {"id": twice})
    eligible = eligible_experts(experts, request)
    eligible.sort(key=attrgetter("id"))
    snapshot = freeze(eligible)
    masks = quota_masks(snapshot, quota_bits(request.quotas))
    check_possible(snapshot, masks, request, experts)
    digest = frozen_digest(snapshot)
    seed = seed if seed is not None else new_seed()
    panel, alternates, drawn_for = select(
        snapshot, digest, draw_key(seed, request.public_value), request.need,
        request.alternates, dict(request.quotas), masks=masks,
    )  # fmt: skip
    return Draw(
        commitment=commitment_of(seed),
        seed=seed.hex(),
        public_value=request.public_value,
        pool_sha256=digest,
        pool=snapshot,
        pool_size=len(experts),
        need=request.need,
        alternates_requested=request.alternates,
        quotas=dict(sorted(request.quotas.items())),
        panel=panel,
        alternates=alternates,
        drawn_for=drawn_for,
        request=request,
        experts=experts,
    )


@dataclass
class FrozenPool:
    """The eligible pool frozen for a request: snapshot, its SHA-256 and who was kept out."""

    snapshot: list[dict[str, Any]]
    digest: str
    codes: dict[str, str]  # excluded expert's id -> exclusion code (REASONS)
    pool_size: int

    @property
    def exclusion_counts(self) -> dict[str, int]:
        return count_codes(self.codes)

    def excluded_by_code(self) -> dict[str, list[str]]:
        """The excluded ids grouped by exclusion code (the compact form that is stored)."""
        grouped: dict[str, list[str]] = {}
        for expert_id, code in self.codes.items():
            grouped.setdefault(code, []).append(expert_id)
        return {code: sorted(grouped[code]) for code in REASONS if code in grouped}


def freeze_pool(experts: Iterable[Expert], request: DrawRequest) -> FrozenPool:
    """Screen the pool once, freeze the eligible experts and refuse an impossible draw.

    The same snapshot and digest as `draw_panel` makes (a test holds them equal); the draw
    itself is then `draw_frozen`, which never looks at the whole pool again.
    """
    experts = list(experts)
    check_request(request)
    if len(set(map(attrgetter("id"), experts))) != len(experts):
        twice = next(i for i, n in Counter(e.id for e in experts).items() if n > 1)
        raise DrawError(_("Expert %(id)s is in the pool twice.") % {"id": twice})
    eligible, codes = screen(experts, request)
    eligible.sort(key=attrgetter("id"))
    snapshot = freeze(eligible)
    masks = quota_masks(snapshot, quota_bits(request.quotas))
    check_possible(snapshot, masks, request, experts, codes=codes)
    return FrozenPool(snapshot, frozen_digest(snapshot), codes, len(experts))


def draw_frozen(
    snapshot: list[dict[str, Any]], digest: str, request: DrawRequest, seed: bytes
) -> tuple[list[str], list[str], dict[str, str]]:
    """Panel, alternates and the field each was drawn for, from a pool frozen by `freeze_pool`."""
    check_request(request)
    return select(
        snapshot, digest, draw_key(seed, request.public_value), request.need,
        request.alternates, dict(request.quotas),
    )  # fmt: skip
