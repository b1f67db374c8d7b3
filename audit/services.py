"""The one audit service: every state change and security event calls `log_action`."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.utils import timezone

from audit.context import current_request
from audit.models import AuditAnchor, AuditChainHead, AuditEntry, AuditResult
from core.auditing import client_ip

logger = logging.getLogger("stdbase.audit")

GENESIS_HASH = "0" * 64
_HEAD_PK = 1
# Keys whose values never enter the trail, and personal-data keys that are masked.
_SECRET_MARKERS = ("password", "secret", "token", "otp", "recovery", "api_key")
_MASKED_KEYS = {"phone", "mobile", "id_number", "id_card"}


def _mask(value: Any) -> str:
    text = str(value or "")
    return f"{text[:1]}***{text[-1:]}" if len(text) > 2 else "***"


def scrub(data: Any) -> Any:
    """Return JSON-safe data with secrets removed and personal identifiers masked."""
    if isinstance(data, dict):
        cleaned = {}
        for key, value in data.items():
            lowered = str(key).lower()
            if any(marker in lowered for marker in _SECRET_MARKERS):
                cleaned[str(key)] = "[removed]"
            elif lowered in _MASKED_KEYS:
                cleaned[str(key)] = _mask(value) if value else value
            else:
                cleaned[str(key)] = scrub(value)
        return cleaned
    if isinstance(data, list | tuple | set | frozenset):
        return [scrub(item) for item in data]
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False))


def canonical_content(entry: AuditEntry) -> str:
    """The entry's content as canonical JSON, which its hash covers."""
    created = entry.created_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    payload = {
        "sequence": entry.sequence,
        "created_at": created,
        "actor_id": entry.actor_id,
        "actor_username": entry.actor_username,
        "ip_address": entry.ip_address,
        "user_agent": entry.user_agent,
        "action": entry.action,
        "content_type_id": entry.content_type_id,
        "object_id": entry.object_id,
        "object_repr": entry.object_repr,
        "before": entry.before,
        "after": entry.after,
        "result": entry.result,
        "detail": entry.detail,
    }
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def chain_key() -> bytes:
    """The chain's HMAC key, from the environment or a key file, never from the database."""
    return settings.AUDIT_HMAC_KEY.encode()


def compute_hash(prev_hash: str, entry: AuditEntry, *, key: bytes | None = None) -> str:
    """HMAC-SHA256 (keyed with `chain_key()`) of the previous hash and the entry's content.

    Without the key, someone who edits rows in the database cannot recompute a chain that
    verifies.
    """
    message = (prev_hash + canonical_content(entry)).encode()
    return hmac.new(key or chain_key(), message, hashlib.sha256).hexdigest()


def legacy_hash(prev_hash: str, entry: AuditEntry) -> str:
    """The unkeyed sha256 of chains written before the key (checked once, when re-keying)."""
    return hashlib.sha256((prev_hash + canonical_content(entry)).encode()).hexdigest()


def _locked_head() -> AuditChainHead:
    """Lock the chain head row (creating it from the last entry if missing)."""
    head = AuditChainHead.objects.select_for_update().filter(pk=_HEAD_PK).first()
    if head is not None:
        return head
    last = AuditEntry.objects.order_by("-sequence").first()
    anchor = AuditAnchor.objects.order_by("-sequence").first()
    if last is not None:
        sequence, last_hash = last.sequence, last.entry_hash
    elif anchor is not None:
        sequence, last_hash = anchor.sequence, anchor.entry_hash
    else:
        sequence, last_hash = 0, GENESIS_HASH
    AuditChainHead.objects.create(pk=_HEAD_PK, last_sequence=sequence, last_hash=last_hash)
    return AuditChainHead.objects.select_for_update().get(pk=_HEAD_PK)


def log_action(
    action: str,
    *,
    actor=None,
    obj: models.Model | None = None,
    before: dict | None = None,
    after: dict | None = None,
    result: str = "success",
    request=None,
    detail: str = "",
) -> AuditEntry:
    """Append one entry to the hash-chained audit trail and return it."""
    if result not in AuditResult.values:
        raise ValueError(f"unknown audit result {result!r}")
    if actor is None and request is not None:
        actor = getattr(request, "user", None)
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    # Code that was not handed the request (admin changes, signals) still records its origin.
    origin = request if request is not None else current_request()
    entry = AuditEntry(
        actor=actor,
        actor_username=getattr(actor, "username", "") if actor else "",
        ip_address=client_ip(origin),
        user_agent=(origin.META.get("HTTP_USER_AGENT", "")[:300] if origin else ""),
        action=action[:100],
        before=scrub(before) if before is not None else None,
        after=scrub(after) if after is not None else None,
        result=result,
        detail=detail,
    )
    if obj is not None:
        entry.content_type_id = ContentType.objects.get_for_model(obj).pk
        entry.object_id = str(obj.pk) if obj.pk is not None else ""
        entry.object_repr = str(obj)[:300]
    with transaction.atomic():
        head = _locked_head()
        entry.sequence = head.last_sequence + 1
        now = timezone.now()
        # Millisecond precision: JSON dumps (backups) keep no more, and the hash covers it.
        entry.created_at = now.replace(microsecond=now.microsecond // 1000 * 1000)
        entry.prev_hash = head.last_hash
        entry.entry_hash = compute_hash(head.last_hash, entry)
        entry.save(force_insert=True)
        head.last_sequence, head.last_hash = entry.sequence, entry.entry_hash
        head.save(update_fields=["last_sequence", "last_hash"])
    logger.info("audit %s %s by %s", action, result, entry.actor_username or "-")
    return entry


@dataclass
class ChainReport:
    """The outcome of verifying the audit chain."""

    checked: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify_chain(max_problems: int = 50, *, anchors: list[dict] | None = None) -> ChainReport:
    """Recompute every hash and link of the chain and report any tampering found.

    `anchors` (head hashes exported earlier, see audit.anchors) must still be in the chain.
    """
    report = ChainReport()
    if anchors:
        from audit.anchors import check_anchors

        report.problems.extend(check_anchors(anchors))
    anchor = AuditAnchor.objects.order_by("-sequence").first()
    expected_sequence = (anchor.sequence if anchor else 0) + 1
    prev_hash = anchor.entry_hash if anchor else GENESIS_HASH
    entries = AuditEntry.objects.order_by("sequence")
    if anchor:
        entries = entries.filter(sequence__gt=anchor.sequence)
        if AuditEntry.objects.filter(sequence__lte=anchor.sequence).exists():
            report.problems.append("entries older than the retention anchor are still present")
    for entry in entries.iterator(chunk_size=2000):
        report.checked += 1
        if entry.sequence != expected_sequence:
            report.problems.append(
                f"#{entry.sequence}: expected sequence {expected_sequence} (entries missing)"
            )
        if entry.prev_hash != prev_hash:
            report.problems.append(f"#{entry.sequence}: link to the previous entry is broken")
        if not hmac.compare_digest(compute_hash(entry.prev_hash, entry), entry.entry_hash):
            report.problems.append(f"#{entry.sequence}: content does not match its hash")
        prev_hash, expected_sequence = entry.entry_hash, entry.sequence + 1
        if len(report.problems) >= max_problems:
            return report
    head = AuditChainHead.objects.filter(pk=_HEAD_PK).first()
    if head is not None and (head.last_sequence, head.last_hash) != (
        expected_sequence - 1,
        prev_hash,
    ):
        report.problems.append(
            f"chain head points at #{head.last_sequence} but the trail ends at "
            f"#{expected_sequence - 1} (latest entries removed?)"
        )
    return report


def purge_expired(*, now: datetime | None = None, retention_days: int | None = None) -> int:
    """Delete entries older than the retention period, anchoring the chain where they end."""
    days = retention_days if retention_days is not None else settings.AUDIT_RETENTION_DAYS
    if days < settings.AUDIT_RETENTION_MIN_DAYS:
        raise ValueError(f"audit retention must be at least {settings.AUDIT_RETENTION_MIN_DAYS}")
    cutoff = (now or timezone.now()) - timedelta(days=days)
    with transaction.atomic():
        _locked_head()  # no entry is appended while the anchor is written
        last_old = AuditEntry.objects.filter(created_at__lt=cutoff).order_by("-sequence").first()
        if last_old is None:
            return 0
        doomed = AuditEntry.objects.filter(sequence__lte=last_old.sequence)
        count = doomed.count()
        AuditAnchor.objects.create(
            sequence=last_old.sequence,
            entry_hash=last_old.entry_hash,
            purged_count=count,
            cutoff=cutoff,
        )
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL stdbase.audit_purge = 'on'")
        # The only sanctioned deletion path; AuditEntryQuerySet.delete refuses otherwise.
        models.QuerySet.delete(doomed)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL stdbase.audit_purge = 'off'")
    log_action(
        "audit.entries.purged",
        after={"purged": count, "through_sequence": last_old.sequence, "retention_days": days},
    )
    return count
