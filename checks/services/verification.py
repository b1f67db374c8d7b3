"""Verification codes printed on check reports, and their verification."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable

from django.conf import settings


def _content(check, items: Iterable) -> bytes:
    lines = [
        f"check:{check.pk}",
        f"created:{check.created_at.isoformat() if check.created_at else ''}",
        f"as_of:{check.as_of or ''}",
        f"catalogue:{check.catalogue_as_of or ''}",
    ]
    lines.extend(
        f"{item.position}|{item.designation}|{item.status}|{','.join(item.current)}"
        for item in items
    )
    return "\n".join(lines).encode()


def verification_code(check, items: Iterable) -> str:
    """An HMAC-SHA256 of the check's content under the server key, in four groups of five."""
    key = ("stdbase-checks:" + settings.SECRET_KEY).encode()
    digest = hmac.new(key, _content(check, items), hashlib.sha256).hexdigest()[:20].upper()
    return "-".join(digest[i : i + 5] for i in range(0, 20, 5))


def normalize_code(code: str) -> str:
    """The code as stored, from what a person typed (case, spaces, missing dashes)."""
    raw = "".join(ch for ch in (code or "").upper() if ch.isalnum())[:20]
    return "-".join(raw[i : i + 5] for i in range(0, len(raw), 5))


def verify_check(code: str):
    """The check a code belongs to and whether its stored content still matches the code."""
    from checks.models import Check

    normalized = normalize_code(code)
    if len(normalized) != 23:
        return None, False
    check = Check.objects.filter(verification_code=normalized).first()
    if check is None:
        return None, False
    items = check.items.order_by("position").only("position", "designation", "status", "current")
    return check, hmac.compare_digest(verification_code(check, items), normalized)
