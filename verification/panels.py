"""What verification adds to the development project page: its requests and reports."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

PANEL_LIMIT = 20


def project_verification(project, user) -> dict | None:
    """The verification requests of a project the person may see (None: nothing to show)."""
    from bodies.scopes import has_body_permission
    from verification.models import VerificationRequest

    if not getattr(user, "is_authenticated", False):
        return None
    reqs = (
        VerificationRequest.objects.restrict(user, "view")
        .filter(project=project)
        .select_related("centre__body", "draft")
        .order_by("-created_at", "-pk")
    )
    shown = list(reqs[: PANEL_LIMIT + 1])
    may_request = has_body_permission(user, "development.change_project", project.body)
    conformity = _conformity(project)
    if not shown and not may_request and conformity is None:
        return None
    draft = project.drafts.order_by("-created_at", "-pk").first() if may_request else None
    return {
        "requests": shown[:PANEL_LIMIT],
        "more": len(shown) > PANEL_LIMIT,
        "project": project,
        "draft": draft,
        "conformity": conformity,
    }


def _conformity(project):
    """For the systematic review (复审) of a published standard: its conformity failures."""
    from verification.services.conformity import clause_failure_stats

    if not project.standard_id:
        return None
    stats = clause_failure_stats(project.standard)
    return stats if stats.tests else None


def register() -> None:
    """Declare the panel (called from the app's `ready()`)."""
    from core.registry import ProjectPanel, register_project_panel

    register_project_panel(
        ProjectPanel(
            key="verification",
            label=_("Verification"),
            template="verification/partials/project_panel.html",
            context=project_verification,
            order=50,
        )
    )
