"""Dashboard cards of standards development: projects by stage, overdue, published per year."""

from __future__ import annotations

from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from bodies.scopes import bodies_of
from core.registry import DashboardWidget, register_widget
from development import stages
from development.models import Project


def project_statistics(rows) -> dict:
    """Counts of a set of projects: by main stage, overdue, published per year."""
    by_stage = dict(
        rows.exclude(state__endswith=".98")
        .values_list("stage_main")
        .annotate(n=Count("pk"))
        .order_by()
    )
    published = (
        rows.filter(published_on__isnull=False)
        .annotate(year=ExtractYear("published_on"))
        .values_list("year")
        .annotate(n=Count("pk"))
        .order_by("year")
    )
    return {
        "stages": [(code, label, by_stage.get(code, 0)) for code, label in stages.STAGES.items()],
        "overdue": rows.overdue().count(),
        "active": rows.in_progress().count(),
        "published": list(published),
    }


def base_overview(request) -> dict:
    """The whole base's work programme."""
    return project_statistics(Project.objects.all())


def my_bodies(request) -> dict:
    """Per body the person belongs to: the same counts."""
    bodies = list(bodies_of(request.user).filter(kind__in=("alliance", "tc", "sc"))[:8])
    return {
        "bodies": [(body, project_statistics(Project.objects.filter(body=body))) for body in bodies]
    }


register_widget(
    DashboardWidget(
        key="development-base",
        title=_("Standards development of the base"),
        template="development/partials/widget_stats.html",
        context=base_overview,
        order=30,
        signed_in=True,
    ),
    DashboardWidget(
        key="development-bodies",
        title=_("My alliances and committees"),
        template="development/partials/widget_bodies.html",
        context=my_bodies,
        order=31,
        visible=lambda user: bodies_of(user).exists(),
    ),
)
