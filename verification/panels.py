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
    if not shown and not may_request:
        return None
    draft = project.drafts.order_by("-created_at", "-pk").first() if may_request else None
    return {
        "requests": shown[:PANEL_LIMIT],
        "more": len(shown) > PANEL_LIMIT,
        "project": project,
        "draft": draft,
    }


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
