"""The deterministic draw over a frozen pool: field quotas (Hall's condition), free seats,
alternates, all from one random stream (docs/draws.md §4)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from talent.services.draws.randomness import RandomStream, shuffled


def select(
    snapshot: list[dict[str, Any]],
    digest: str,
    key: bytes,
    need: int,
    alternates: int,
    quotas: dict[str, int],
    *,
    masks: dict[str, int] | None = None,
) -> tuple[list[str], list[str], dict[str, str]]:
    """The deterministic draw over a frozen, id-sorted pool: quotas, free seats, alternates.

    `masks` are the pool's `quota_masks` when the caller has worked them out already.
    """
    stream = RandomStream(key, digest)
    bit = quota_bits(quotas)
    fields = list(bit)
    ids = [e["id"] for e in snapshot]
    if masks is None:
        masks = quota_masks(snapshot, bit)
    supply = Counter(masks.values())
    open_seats = {bit[f]: quotas[f] for f in fields}
    chosen: list[str] = []
    taken: set[str] = set()
    drawn_for: dict[str, str] = {}

    def take(expert_id: str) -> None:
        chosen.append(expert_id)
        taken.add(expert_id)
        supply[masks[expert_id]] -= 1

    for name in fields:
        flag = bit[name]
        candidates = [i for i in ids if masks[i] & flag and i not in taken]
        for expert_id in shuffled(candidates, stream):
            mask = masks[expert_id]
            open_seats[flag] -= 1
            supply[mask] -= 1
            # An expert with several required fields is passed over if taking them here
            # would leave another field's seats unfillable (Hall's condition).
            feasible = mask == flag or _seats_fillable(open_seats, supply)
            supply[mask] += 1
            if not feasible:
                open_seats[flag] += 1
                continue
            take(expert_id)
            drawn_for[expert_id] = name
            if open_seats[flag] == 0:
                break
    for count in (need - len(chosen), alternates):
        if count == 0:
            continue
        rest = [i for i in ids if i not in taken]
        for expert_id in shuffled(rest, stream):
            take(expert_id)
            count -= 1
            if count == 0:
                break
    return chosen[:need], chosen[need:], drawn_for


def quota_bits(quotas: Mapping[str, int]) -> dict[str, int]:
    """One bit for each field with seats, in field-code order."""
    return {f: 1 << i for i, f in enumerate(sorted(f for f, n in quotas.items() if n > 0))}


def quota_masks(snapshot: list[dict[str, Any]], bit: dict[str, int]) -> dict[str, int]:
    """Each pool entry's id with the bits of the quota fields it has (0 for none).

    One pass per quota field rather than a set per expert; the union over all entries'
    fields fails on a value that is not hashable, as a set per expert did.
    """
    frozenset().union(*[e["fields"] for e in snapshot])
    masks = dict.fromkeys([e["id"] for e in snapshot], 0)
    for name, flag in bit.items():
        for expert_id in [e["id"] for e in snapshot if name in e["fields"]]:
            masks[expert_id] |= flag
    return masks


def _seats_fillable(open_seats: dict[int, int], supply: Counter[int]) -> bool:
    """Hall's condition: every set of fields has at least as many experts as open seats."""
    wanted = [b for b, seats in open_seats.items() if seats > 0]
    for subset in range(1, 1 << len(wanted)):
        union = 0
        demand = 0
        for i, b in enumerate(wanted):
            if subset >> i & 1:
                union |= b
                demand += open_seats[b]
        if sum(n for mask, n in supply.items() if mask & union) < demand:
            return False
    return True
