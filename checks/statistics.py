"""Counts 查新 publishes for other apps (the base's KPIs) through the registry."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from checks.services.statistics import checks_served
from core.registry import register_statistic


def register() -> None:
    """Publish the number of validity checks served."""
    register_statistic("checks.checks_served", _("Validity checks served"), checks_served)
