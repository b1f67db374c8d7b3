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


def register() -> None:
    """Declare the navigation entry and the dashboard card for signed-in people."""
    register_navigation(
        NavItem(
            _("Evaluation of standards"),
            "evaluation:conformity-list",
            order=50,
            signed_in=True,
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
        )
    )
