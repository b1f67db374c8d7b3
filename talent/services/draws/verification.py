"""Checking a draw record again: seed against commitment, pool hash, the panel recomputed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from talent.services.draws.model import DrawError
from talent.services.draws.pool import pool_digest
from talent.services.draws.randomness import commitment_of, draw_key, parse_seed
from talent.services.draws.selection import select


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
