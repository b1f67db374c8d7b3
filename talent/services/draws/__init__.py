"""Verifiable expert draws: frozen pool, committed seed, deterministic draw (docs/draws.md).

The draw core, one module per step, everything importable from here:

- `model`: `Expert`, `DrawRequest`, the errors and `check_request`;
- `eligibility`: the exclusion rules over the whole pool (`screen`, `eligible_experts`), their
  reasons in words, and the refusal of an impossible draw (`DrawImpossible`);
- `pool`: the frozen snapshot, its canonical JSON and SHA-256, pool files (`parse_pool`);
- `randomness`: seed, commitment, public value, the HMAC stream and the shuffle;
- `selection`: the deterministic draw over a frozen pool (quotas, free seats, alternates);
- `record`: `draw_panel` and its `Draw` record, `freeze_pool` + `draw_frozen` for web draws;
- `verification`: `verify_draw`, the check of a record by anyone.

Invitations, declines and substitutes are `talent.services.invitations`; the web draw's state
and record are `talent.services.draw_requests` and `talent.services.draw_records`.
"""

from talent.services.draws.eligibility import (
    REASONS,
    check_possible,
    count_codes,
    eligible_experts,
    exclusion_labels,
    exclusion_reasons,
    screen,
)
from talent.services.draws.model import (
    ALGORITHM,
    MAX_QUOTA_FIELDS,
    SEED_BYTES,
    DrawError,
    DrawImpossible,
    DrawRequest,
    Expert,
    check_request,
)
from talent.services.draws.pool import (
    canonical_json,
    freeze,
    frozen_digest,
    parse_pool,
    pool_digest,
)
from talent.services.draws.randomness import (
    WORD,
    RandomStream,
    commitment_of,
    draw_key,
    new_seed,
    parse_seed,
    shuffled,
)
from talent.services.draws.record import (
    Draw,
    FrozenPool,
    draw_frozen,
    draw_panel,
    freeze_pool,
)
from talent.services.draws.selection import quota_bits, quota_masks, select
from talent.services.draws.verification import Verification, verify_draw

__all__ = [
    "ALGORITHM",
    "MAX_QUOTA_FIELDS",
    "REASONS",
    "SEED_BYTES",
    "WORD",
    "Draw",
    "DrawError",
    "DrawImpossible",
    "DrawRequest",
    "Expert",
    "FrozenPool",
    "RandomStream",
    "Verification",
    "canonical_json",
    "check_possible",
    "check_request",
    "commitment_of",
    "count_codes",
    "draw_frozen",
    "draw_key",
    "draw_panel",
    "eligible_experts",
    "exclusion_labels",
    "exclusion_reasons",
    "freeze",
    "freeze_pool",
    "frozen_digest",
    "new_seed",
    "parse_pool",
    "parse_seed",
    "pool_digest",
    "quota_bits",
    "quota_masks",
    "screen",
    "select",
    "shuffled",
    "verify_draw",
]
