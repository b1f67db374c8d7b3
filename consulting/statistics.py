"""Counts the service desk publishes for other apps (the base's KPIs) through the registry."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext_lazy as _

from consulting.models import ServiceRequest
from core.registry import register_statistic


def requests_served(until: datetime.date, since: datetime.date | None = None) -> int:
    """Consulting requests answered between the dates (inclusive), by their answer date."""
    rows = ServiceRequest.objects.filter(answered_at__date__lte=until)
    if since is not None:
        rows = rows.filter(answered_at__date__gte=since)
    return rows.count()


def register() -> None:
    """Publish the desk's counts."""
    register_statistic(
        "consulting.requests_served", _("Consulting requests served"), requests_served
    )
