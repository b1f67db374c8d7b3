"""Chain anchors: the head hash and time, exported outside the database and checked later.

An anchor file kept elsewhere (another host, write-once storage, the auditor's mail) proves
what the trail looked like at each export: rewriting or cutting history after that point,
even with the HMAC key, no longer matches the anchors.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from django.utils import timezone

from audit.models import AuditAnchor, AuditChainHead, AuditEntry

logger = logging.getLogger("stdbase.audit")


def current_anchor() -> dict:
    """The chain head now: {"sequence", "hash", "time"} (sequence 0 for an empty trail)."""
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None:
        sequence, digest = head.last_sequence, head.last_hash
    else:
        last = AuditEntry.objects.order_by("-sequence").first()
        sequence, digest = (last.sequence, last.entry_hash) if last else (0, "0" * 64)
    return {"sequence": sequence, "hash": digest, "time": timezone.now().isoformat()}


def export_anchor(path: str | Path) -> dict:
    """Append the current anchor as one JSON line to `path` and return it."""
    anchor = current_anchor()
    with Path(path).open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(anchor, sort_keys=True) + "\n")
    logger.info("audit anchor #%s %s", anchor["sequence"], anchor["hash"])
    return anchor


def read_anchors(path: str | Path) -> list[dict]:
    """Parse an anchor file (one JSON object per line); ValueError names a bad line."""
    anchors = []
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            anchor = json.loads(line)
            anchors.append(
                {"sequence": int(anchor["sequence"]), "hash": str(anchor["hash"]), **anchor}
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"{path}, line {number}: not an audit anchor ({exc})") from exc
    return anchors


def check_anchors(anchors: list[dict]) -> list[str]:
    """Problems found comparing exported anchors with the trail (empty when all match)."""
    problems = []
    purged_through = (
        AuditAnchor.objects.order_by("-sequence").values_list("sequence", flat=True).first() or 0
    )
    hashes = dict(
        AuditEntry.objects.filter(sequence__in=[a["sequence"] for a in anchors]).values_list(
            "sequence", "entry_hash"
        )
    )
    kept = dict(AuditAnchor.objects.values_list("sequence", "entry_hash"))
    for anchor in anchors:
        sequence, label = anchor["sequence"], f"anchor #{anchor['sequence']} ({anchor.get('time')})"
        if sequence == 0:
            continue
        found = hashes.get(sequence, kept.get(sequence))
        if found is None and sequence <= purged_through:
            continue  # removed by retention; the retention anchor covers the rest
        if found is None:
            problems.append(f"{label}: the entry is missing (entries removed after the anchor)")
        elif found != anchor["hash"]:
            problems.append(f"{label}: the hash differs (the trail was rewritten)")
    return problems
