"""Public counts of 查新 for other apps (base governance KPIs): runs served up to a date."""

from __future__ import annotations

import datetime

from checks.models import Check


def checks_served(until: datetime.date, since: datetime.date | None = None) -> int:
    """How many validity checks (查新) finished successfully between the dates (inclusive)."""
    rows = Check.objects.filter(state=Check.State.SUCCEEDED, finished_at__date__lte=until)
    if since is not None:
        rows = rows.filter(finished_at__date__gte=since)
    return rows.count()
