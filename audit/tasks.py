"""Periodic export of audit chain anchors to STDBASE_AUDIT_ANCHOR_FILE."""

from __future__ import annotations

from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from audit.anchors import export_anchor


@db_periodic_task(crontab(minute="0"))
def export_hourly_anchor() -> dict | None:
    """Append the chain head to the anchor file every hour (when one is configured)."""
    if not settings.AUDIT_ANCHOR_FILE:
        return None
    return export_anchor(settings.AUDIT_ANCHOR_FILE)
