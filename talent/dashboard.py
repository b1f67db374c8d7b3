"""Dashboard widget and profile section of the talent centre: training hours and sessions."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.registry import DashboardWidget, register_profile_section, register_widget


def my_training(request) -> dict:
    """The person's training hours and their next sessions."""
    from talent.models import Enrolment
    from talent.models.training import ACTIVE_STATUSES
    from talent.services.training import training_hours

    upcoming = (
        Enrolment.objects.restrict(request.user, "view")
        .filter(
            person=request.user,
            status__in=ACTIVE_STATUSES,
            session__ends_at__gte=timezone.now(),
        )
        .select_related("session__course")
        .order_by("session__starts_at")[:5]
    )
    return {"hours": training_hours(request.user), "upcoming": list(upcoming)}


def profile_training(request) -> dict:
    """Training hours and the number of valid certificates, for the account page."""
    from talent.models import Certificate
    from talent.services.training import training_hours

    return {
        "hours": training_hours(request.user),
        "certificates": Certificate.objects.valid().filter(holder=request.user).count(),
    }


register_widget(
    DashboardWidget(
        key="my-training",
        title=_("My training"),
        template="talent/training/partials/widget.html",
        context=my_training,
        order=40,
    )
)
register_profile_section(
    DashboardWidget(
        key="training",
        title=_("Training"),
        template="talent/training/partials/profile.html",
        context=profile_training,
        order=10,
    )
)
