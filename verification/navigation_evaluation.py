"""Header link and dashboard card of conformity tests and evaluations (from ready())."""

from django.utils.translation import gettext_lazy as _

from core.registry import DashboardWidget, NavItem, register_navigation, register_widget


def my_work(request) -> dict:
    """The person's draft conformity tests and the open questionnaires they may see."""
    from verification.models import ConformityTest, Questionnaire

    user = request.user
    return {
        "drafts": ConformityTest.objects.restrict(user, "change")
        .filter(state="draft", created_by=user)
        .select_related("standard")[:5],
        "open": Questionnaire.objects.restrict(user)
        .filter(state="open")
        .select_related("standard")[:5],
    }


VIEW_PERMISSIONS = (
    "verification.view_conformitytest",
    "verification.view_benefitevaluation",
    "verification.view_questionnaire",
)


def works_here(user) -> bool:
    """People who hold a verification permission, globally or in a body (not every visitor)."""
    from bodies.scopes import bodies_with_permission

    return any(
        user.has_perm(permission) or bodies_with_permission(user, permission)
        for permission in VIEW_PERMISSIONS
    )


def register() -> None:
    """Declare the navigation entry and the dashboard card for signed-in people."""
    register_navigation(
        NavItem(
            _("Evaluation of standards"),
            "evaluation:conformity-list",
            group="centres",
            order=50,
            signed_in=True,
            visible=works_here,
            active=("conformity-list", "conformity-detail", "conformity-new", "standard-stats",
                    "benefit-list", "benefit-detail", "questionnaire-list",
                    "questionnaire-detail"),
        ),
    )  # fmt: skip
    register_widget(
        DashboardWidget(
            key="verification-evaluation",
            title=_("Evaluation of standards"),
            template="verification/evaluation/widget.html",
            context=my_work,
            order=60,
            visible=works_here,
        )
    )
