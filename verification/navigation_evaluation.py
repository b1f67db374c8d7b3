"""Header link of conformity tests and evaluations (registered from the app's ready())."""

from django.utils.translation import gettext_lazy as _

from core.registry import NavItem, register_navigation


def register() -> None:
    """Declare the navigation entry for signed-in people."""
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
