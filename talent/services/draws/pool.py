"""The frozen pool: the snapshot of eligible experts, its canonical JSON and SHA-256, and pool
files read into experts (docs/draws.md §2)."""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from talent.services.draws.model import DrawError, Expert


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
