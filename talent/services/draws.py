"""Verifiable expert draws: frozen pool, committed seed, deterministic draw (docs/draws.md)."""

from __future__ import annotations

import datetime
import hashlib
import hmac
import json
import secrets
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from operator import attrgetter
from typing import Any

from django.utils.translation import gettext as _

from core.exceptions import DomainError

ALGORITHM = "stdbase-draw-v1"
SEED_BYTES = 32
MAX_QUOTA_FIELDS = 10
WORD = 1 << 64


class DrawError(DomainError):
    """A draw request or a pool that cannot be drawn from."""

    code = "draw_invalid"


class DrawImpossible(DrawError):
    """Fewer eligible experts than the request needs; nothing was drawn."""

    code = "draw_impossible"

    def __init__(self, message: str, *, eligible: int, removed: dict[str, int]):
        super().__init__(message)
        self.eligible = eligible
        self.removed = removed


@dataclass(frozen=True, slots=True)
class Expert:
    """One expert of the pool as the draw sees them."""

    id: str
    org: str = ""
    fields: tuple[str, ...] = ()
    avoid: tuple[str, ...] = ()
    conflicts: tuple[str, ...] = ()
    suspended: bool = False
    last_served: datetime.date | None = None
    panels_this_year: int = 0
    no_shows: int = 0  # no-shows within the last year


@dataclass(frozen=True)
class DrawRequest:
    """What to draw and whom to keep out."""

    need: int
    alternates: int = 0
    # Organisations of the applicant, the drafting units and the object's parties.
    exclude_orgs: frozenset[str] = frozenset()
    # The object (project, ballot, evaluation) experts may have declared a conflict with.
    object_id: str = ""
    served_within_days: int | None = None
    max_panels_per_year: int | None = None
    # Keep out whoever did not show up this many times within the last year.
    max_no_shows: int | None = None
    # Required fields with how many panel members each (field -> count).
    quotas: Mapping[str, int] = field(default_factory=dict)
    public_value: str = ""
    as_of: datetime.date = field(default_factory=datetime.date.today)


# Exclusion codes in the order they are tested; an expert is reported under the first.
REASONS = ("suspended", "no_show", "org", "avoid", "conflict", "recent", "overused", "field")


def _reason_texts(request: DrawRequest) -> dict[str, str]:
    """The reason of each exclusion code, translated once per draw (not once per expert)."""
    return {
        "suspended": _("suspended"),
        "no_show": _("%(count)d no-shows within a year (limit %(limit)d)"),
        "org": _("same organisation as a party: %(org)s"),
        "avoid": _("avoids %(orgs)s"),
        "conflict": _("declared a conflict of interest"),
        "recent": _("served within the last %(days)d days (%(date)s)"),
        "overused": _("already on %(count)d panels this year (limit %(limit)d)"),
        "field": _("none of the required fields"),
    }


def _reason(code: str, text: str, expert: Expert, request: DrawRequest) -> str:
    if code == "org":
        return text % {"org": expert.org}
    if code == "avoid":
        return text % {"orgs": ", ".join(sorted(request.exclude_orgs.intersection(expert.avoid)))}
    if code == "recent":
        served = expert.last_served.isoformat() if expert.last_served else ""
        return text % {"days": request.served_within_days, "date": served}
    if code == "no_show":
        return text % {"count": expert.no_shows, "limit": request.max_no_shows}
    if code == "overused":
        return text % {"count": expert.panels_this_year, "limit": request.max_panels_per_year}
    return text


def exclusion_reasons(
    experts: list[Expert], request: DrawRequest, codes: dict[str, str] | None = None
) -> dict[str, str]:
    """Each excluded expert's id with the reason in words, in pool order."""
    texts = _reason_texts(request)
    codes = screen(experts, request)[1] if codes is None else codes
    return {
        e.id: _reason(codes[e.id], texts[codes[e.id]], e, request) for e in experts if e.id in codes
    }


def screen(experts: list[Expert], request: DrawRequest) -> tuple[list[Expert], dict[str, str]]:
    """The eligible experts, and the code of the first rule that keeps each other one out.

    One loop with the rules' values held in locals: it runs over the whole pool (100,000
    experts) on every draw, so it avoids a function call per expert.
    """
    orgs = request.exclude_orgs
    parties = orgs | ({request.object_id} if request.object_id else frozenset())
    cutoff = (
        request.as_of - datetime.timedelta(days=request.served_within_days)
        if request.served_within_days is not None
        else None
    )
    limit = request.max_panels_per_year
    no_shows = request.max_no_shows
    wanted_fields = frozenset(request.quotas)
    eligible: list[Expert] = []
    codes: dict[str, str] = {}
    for expert in experts:
        if expert.suspended:
            codes[expert.id] = "suspended"
        elif no_shows is not None and expert.no_shows >= no_shows:
            codes[expert.id] = "no_show"
        elif expert.org and expert.org in orgs:
            codes[expert.id] = "org"
        elif expert.avoid and not orgs.isdisjoint(expert.avoid):
            codes[expert.id] = "avoid"
        elif expert.conflicts and not parties.isdisjoint(expert.conflicts):
            codes[expert.id] = "conflict"
        elif cutoff is not None and expert.last_served is not None and expert.last_served >= cutoff:
            codes[expert.id] = "recent"
        elif limit is not None and expert.panels_this_year >= limit:
            codes[expert.id] = "overused"
        elif wanted_fields and wanted_fields.isdisjoint(expert.fields):
            codes[expert.id] = "field"
        else:
            eligible.append(expert)
    return eligible, codes


def eligible_experts(experts: list[Expert], request: DrawRequest) -> list[Expert]:
    """The experts `screen` keeps, by the same rules applied one after the other as filters.

    Eligibility is all rules passing, so filtering rule by rule keeps the same experts in the
    same order whatever the order of the rules: the one that removes most (fields) and the
    cheap ones go first, and rules the request does not set are skipped. The draw needs only
    the eligible experts; the reasons of the others are worked out by `screen` when the
    record is shown. A test holds the two to the same result.
    """
    kept = experts
    if request.quotas:
        misses = frozenset(request.quotas).isdisjoint
        kept = [e for e in kept if not misses(e.fields)]
    if request.max_panels_per_year is not None:
        limit = request.max_panels_per_year
        kept = [e for e in kept if e.panels_this_year < limit]
    if request.max_no_shows is not None:
        no_shows = request.max_no_shows
        kept = [e for e in kept if e.no_shows < no_shows]
    if request.served_within_days is not None:
        cutoff = request.as_of - datetime.timedelta(days=request.served_within_days)
        kept = [e for e in kept if e.last_served is None or e.last_served < cutoff]
    orgs = request.exclude_orgs
    parties = orgs | ({request.object_id} if request.object_id else frozenset())
    party_orgs = orgs - {""}  # an expert without an organisation shares it with no party
    avoids_none = orgs.isdisjoint
    conflicts_none = parties.isdisjoint
    return [
        e
        for e in kept
        if not e.suspended
        and e.org not in party_orgs
        and (not e.avoid or avoids_none(e.avoid))
        and (not e.conflicts or conflicts_none(e.conflicts))
    ]


def freeze(eligible: list[Expert]) -> list[dict[str, Any]]:
    """The pool snapshot of id-sorted eligible experts, each entry's keys in sorted order.

    Lists of fewer than two items are copied rather than sorted (a third faster).
    """
    return [
        {
            "avoid": [*e.avoid] if len(e.avoid) < 2 else sorted(e.avoid),
            "fields": [*e.fields] if len(e.fields) < 2 else sorted(e.fields),
            "id": e.id,
            "org": e.org,
        }
        for e in eligible
    ]


def canonical_json(value: Any) -> bytes:
    """Canonical JSON: sorted keys, no spaces, UTF-8 (the bytes that are hashed)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def pool_digest(snapshot: list[dict[str, Any]]) -> str:
    """SHA-256 (hex) of the canonical JSON of a pool snapshot sorted by id."""
    return hashlib.sha256(canonical_json(snapshot)).hexdigest()


def frozen_digest(snapshot: list[dict[str, Any]]) -> str:
    """`pool_digest` of a snapshot made by `freeze`: its keys are already in sorted order,
    so the same canonical bytes come without sorting the keys of every entry."""
    text = json.dumps(snapshot, ensure_ascii=False, check_circular=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def commitment_of(seed: bytes) -> str:
    """The published commitment: SHA-256 (hex) of the secret seed."""
    return hashlib.sha256(seed).hexdigest()


def new_seed() -> bytes:
    """A fresh secret seed of 32 bytes from the operating system's generator."""
    return secrets.token_bytes(SEED_BYTES)


def parse_seed(text: str) -> bytes:
    """The 32-byte seed written as 64 hex digits."""
    try:
        seed = bytes.fromhex(text)
    except (ValueError, TypeError):
        seed = b""
    if len(seed) != SEED_BYTES:
        raise DrawError(_("A seed is 64 hexadecimal digits (32 bytes)."))
    return seed


def draw_key(seed: bytes, public_value: str = "") -> bytes:
    """The HMAC key: the seed, or SHA-256(seed ‖ public value) when one is mixed in."""
    if not public_value:
        return seed
    return hashlib.sha256(seed + public_value.encode()).digest()


class RandomStream:
    """Uniform integers from HMAC-SHA256(key, pool digest ‖ counter), counter from 0."""

    def __init__(self, key: bytes, pool_sha256: str):
        self._key = key
        self._prefix = bytes.fromhex(pool_sha256)
        self._counter = 0
        self._words: list[int] = []

    def _word(self) -> int:
        if not self._words:
            block = hmac.digest(
                self._key, self._prefix + self._counter.to_bytes(8, "big"), "sha256"
            )
            self._counter += 1
            # Four big-endian 64-bit words per block, used first to last.
            self._words = [int.from_bytes(block[i : i + 8], "big") for i in (24, 16, 8, 0)]
        return self._words.pop()

    def below(self, n: int) -> int:
        """A uniform integer in [0, n): words ≥ the largest multiple of n are skipped."""
        limit = WORD - WORD % n
        while True:
            word = self._word()
            if word < limit:
                return word % n


def shuffled(items: list[str], stream: RandomStream) -> Iterator[str]:
    """The items in Fisher–Yates order (swap position i with i + below(n − i)), lazily."""
    order = list(items)
    n = len(order)
    for i in range(n):
        j = i + stream.below(n - i)
        order[i], order[j] = order[j], order[i]
        yield order[i]


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
        return _counts(self.exclusion_codes)

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
    _check_request(experts, request)
    if len(set(map(attrgetter("id"), experts))) != len(experts):
        twice = next(i for i, n in Counter(e.id for e in experts).items() if n > 1)
        raise DrawError(_("Expert %(id)s is in the pool twice.") % {"id": twice})
    eligible = eligible_experts(experts, request)
    eligible.sort(key=attrgetter("id"))
    snapshot = freeze(eligible)
    masks = quota_masks(snapshot, quota_bits(request.quotas))
    _check_possible(snapshot, masks, request, experts)
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
        return _counts(self.codes)

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
    _check_request(experts, request)
    if len(set(map(attrgetter("id"), experts))) != len(experts):
        twice = next(i for i, n in Counter(e.id for e in experts).items() if n > 1)
        raise DrawError(_("Expert %(id)s is in the pool twice.") % {"id": twice})
    eligible, codes = screen(experts, request)
    eligible.sort(key=attrgetter("id"))
    snapshot = freeze(eligible)
    masks = quota_masks(snapshot, quota_bits(request.quotas))
    _check_possible(snapshot, masks, request, experts, codes=codes)
    return FrozenPool(snapshot, frozen_digest(snapshot), codes, len(experts))


def draw_frozen(
    snapshot: list[dict[str, Any]], digest: str, request: DrawRequest, seed: bytes
) -> tuple[list[str], list[str], dict[str, str]]:
    """Panel, alternates and the field each was drawn for, from a pool frozen by `freeze_pool`."""
    _check_request([], request)
    return select(
        snapshot, digest, draw_key(seed, request.public_value), request.need,
        request.alternates, dict(request.quotas),
    )  # fmt: skip


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


def _check_request(experts: list[Expert], request: DrawRequest) -> None:
    if request.need < 1:
        raise DrawError(_("A panel needs at least one expert."))
    if request.alternates < 0:
        raise DrawError(_("The number of alternates cannot be negative."))
    if any(count < 0 for count in request.quotas.values()):
        raise DrawError(_("A field quota cannot be negative."))
    if sum(request.quotas.values()) > request.need:
        raise DrawError(
            _("The field quotas add up to %(quotas)d experts, more than the panel of %(need)d.")
            % {"quotas": sum(request.quotas.values()), "need": request.need}
        )
    if len(request.quotas) > MAX_QUOTA_FIELDS:
        raise DrawError(
            _("At most %(count)d fields can have quotas.") % {"count": MAX_QUOTA_FIELDS}
        )


def check_request(request: DrawRequest) -> None:
    """Refuse a request whose counts or quotas make no sense, before any pool is read."""
    _check_request([], request)


def _counts(codes: dict[str, str]) -> dict[str, int]:
    removed = Counter(codes.values())
    return {code: removed[code] for code in REASONS if removed[code]}


def _check_possible(
    eligible: list[dict[str, Any]],
    masks: dict[str, int],
    request: DrawRequest,
    experts: list[Expert],
    *,
    codes: dict[str, str] | None = None,
) -> None:
    """Refuse a draw that cannot be completed, before any number is drawn."""
    wanted = request.need + request.alternates
    if len(eligible) < wanted:
        raise _impossible(
            _(
                "Only %(eligible)d of %(pool)d experts are eligible but %(wanted)d are needed "
                "(panel %(need)d, alternates %(alternates)d); nothing was drawn. "
                "Excluded: %(breakdown)s."
            ),
            {
                "eligible": len(eligible),
                "pool": len(experts),
                "wanted": wanted,
                "need": request.need,
                "alternates": request.alternates,
            },
            eligible,
            request,
            experts,
            codes,
        )
    fields = sorted(f for f, count in request.quotas.items() if count > 0)
    if not fields:
        return
    bit = quota_bits(request.quotas)
    supply = Counter(masks.values())
    for subset in range(1, 1 << len(fields)):
        group = [f for i, f in enumerate(fields) if subset >> i & 1]
        union = sum(bit[f] for f in group)
        have = sum(n for mask, n in supply.items() if mask & union)
        demand = sum(request.quotas[f] for f in group)
        if have < demand:
            raise _impossible(
                _(
                    "The fields %(fields)s need %(demand)d experts but only %(have)d eligible "
                    "experts cover them; nothing was drawn. Excluded: %(breakdown)s."
                ),
                {"fields": _(", ").join(group), "demand": demand, "have": have},
                eligible,
                request,
                experts,
                codes,
            )


def _impossible(
    text: str,
    values: dict[str, Any],
    eligible: list[dict[str, Any]],
    request: DrawRequest,
    experts: list[Expert],
    codes: dict[str, str] | None = None,
) -> DrawImpossible:
    """The refusal, with how many experts each exclusion rule removed."""
    removed = _counts(codes if codes is not None else screen(experts, request)[1])
    labels = {
        "suspended": _("suspended"),
        "no_show": _("no-shows"),
        "org": _("same organisation"),
        "avoid": _("avoidance list"),
        "conflict": _("declared conflict"),
        "recent": _("served recently"),
        "overused": _("panels this year"),
        "field": _("field"),
    }
    breakdown = _(", ").join(
        _("%(label)s %(count)d") % {"label": labels[code], "count": count}
        for code, count in removed.items()
    ) or _("none")
    return DrawImpossible(
        text % {**values, "breakdown": breakdown}, eligible=len(eligible), removed=removed
    )


@dataclass
class Verification:
    """Whether a draw record checks out, and why (or why not)."""

    valid: bool
    reasons: list[str]

    def as_dict(self) -> dict[str, Any]:
        return {"valid": self.valid, "reasons": self.reasons}


def verify_draw(record: Mapping[str, Any]) -> Verification:
    """Check a draw record: seed against commitment, pool hash, and the panel recomputed."""
    problems: list[str] = []
    confirmed: list[str] = []
    try:
        seed = parse_seed(record["seed"])
        commitment = str(record["commitment"])
        pool = list(record["pool"])
        digest = str(record["pool_sha256"])
        need = int(record["need"])
        alternates = int(record.get("alternates_requested", len(record.get("alternates", []))))
        quotas = {str(f): int(n) for f, n in dict(record.get("quotas") or {}).items()}
        panel = [str(i) for i in record["panel"]]
        drawn_alternates = [str(i) for i in record.get("alternates", [])]
        public_value = str(record.get("public_value") or "")
        ids = [str(e["id"]) for e in pool]
        if not all(isinstance(e.get("fields"), list) for e in pool):
            raise ValueError("fields")
    except DrawError as exc:
        return Verification(False, [exc.message])
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        return Verification(
            False, [_("The record is incomplete or malformed: %(detail)s.") % {"detail": exc}]
        )
    if commitment_of(seed) == commitment:
        confirmed.append(_("The seed matches the commitment."))
    else:
        problems.append(_("The seed does not match the commitment."))
    if pool_digest(pool) == digest:
        confirmed.append(_("The pool matches its SHA-256."))
    else:
        problems.append(_("The pool does not match its SHA-256."))
    unique = set(ids)
    if ids != sorted(unique):
        problems.append(_("The pool is not sorted by id or lists an expert twice."))
    # The pool's ids looked up among the excluded, without a set of all excluded ids.
    leaked = sorted(unique.intersection(map(str, record.get("excluded") or {})))
    if leaked:
        problems.append(
            _("Excluded experts are in the pool: %(ids)s.") % {"ids": ", ".join(leaked)}
        )
    if not problems:
        try:
            again, again_alternates, _drawn_for = select(
                pool, digest, draw_key(seed, public_value), need, alternates, quotas
            )
        except (KeyError, TypeError, ValueError) as exc:
            problems.append(_("The panel cannot be recomputed: %(detail)s.") % {"detail": exc})
        else:
            if again == panel and again_alternates == drawn_alternates:
                confirmed.append(_("The panel and alternates recomputed from the seed match."))
            else:
                problems.append(
                    _("The recomputed panel %(again)s differs from the recorded %(panel)s.")
                    % {
                        "again": ", ".join(again + again_alternates),
                        "panel": ", ".join(panel + drawn_alternates),
                    }
                )
    return Verification(not problems, problems or confirmed)


def parse_pool(rows: Any) -> list[Expert]:
    """Experts from a pool file (`[{"id", "org", "fields", "avoid", ...}]`), checked."""
    if not isinstance(rows, list):
        raise DrawError(_("The pool must be a JSON list of experts."))
    experts = []
    for index, row in enumerate(rows, start=1):
        where = _("Pool entry %(index)d") % {"index": index}
        if not isinstance(row, Mapping) or not isinstance(row.get("id"), str | int):
            raise DrawError(_("%(where)s has no id.") % {"where": where})
        values = {}
        for key in ("fields", "avoid", "conflicts"):
            items = row.get(key) or []
            if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
                raise DrawError(
                    _("%(where)s: %(key)s must be a list of text.") % {"where": where, "key": key}
                )
            values[key] = tuple(items)
        org = row.get("org") or ""
        panels = row.get("panels_this_year", 0)
        no_shows = row.get("no_shows", 0)
        suspended = row.get("suspended", False)
        if (
            not isinstance(org, str)
            or not isinstance(suspended, bool)
            or not isinstance(panels, int)
            or isinstance(panels, bool)
            or not isinstance(no_shows, int)
            or isinstance(no_shows, bool)
        ):
            raise DrawError(
                _("%(where)s: org must be text, suspended true/false, panels_this_year a number.")
                % {"where": where}
            )
        try:
            served = row.get("last_served")
            last_served = datetime.date.fromisoformat(served) if served else None
        except (TypeError, ValueError):
            raise DrawError(
                _("%(where)s: last_served must be a date YYYY-MM-DD.") % {"where": where}
            ) from None
        experts.append(
            Expert(
                id=str(row["id"]),
                org=org,
                suspended=suspended,
                last_served=last_served,
                panels_this_year=panels,
                no_shows=no_shows,
                **values,
            )
        )
    return experts
