"""Dashboard widget of 查新: the person's most recent checks."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from checks.models import Check
from core.registry import DashboardWidget, register_widget

RECENT = 5


def recent_checks(request) -> dict:
    """The person's own latest checks, newest first."""
    checks = (
        Check.objects.restrict(request.user, "view")
        .filter(owner=request.user)
        .order_by("-created_at", "-id")[:RECENT]
    )
    return {"checks": list(checks)}


register_widget(
    DashboardWidget(
        key="recent-checks",
        title=_("My recent checks"),
        template="checks/partials/widget_recent.html",
        context=recent_checks,
        order=20,
    )
)
