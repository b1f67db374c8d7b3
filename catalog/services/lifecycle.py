"""Time-driven status changes: upcoming standards take effect on their effective date."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from catalog.models import CatalogEvent, Standard, Status


def activate_due_standards(today: datetime.date | None = None) -> int:
    """Mark upcoming standards whose effective date has come as current, with events."""
    from catalog.search import index_standards

    today = today or timezone.localdate()
    with transaction.atomic():
        due = list(
            Standard.objects.select_for_update().filter(
                status=Status.UPCOMING, effective__isnull=False, effective__lte=today
            )
        )
        now = timezone.now()
        for std in due:
            # bulk_update bypasses auto_now: the timestamp is set here.
            std.status, std.updated_at = Status.CURRENT, now
        Standard.objects.bulk_update(due, ["status", "updated_at"])
        CatalogEvent.objects.bulk_create(
            [
                CatalogEvent(
                    standard=std,
                    kind=CatalogEvent.Kind.STATUS_CHANGED,
                    before={"status": Status.UPCOMING},
                    after={"status": Status.CURRENT, "effective": std.effective.isoformat()},
                )
                for std in due
            ]
        )
    index_standards([s.id for s in due])
    return len(due)
