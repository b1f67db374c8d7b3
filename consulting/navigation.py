"""Header entries of the service desk."""

from django.utils.translation import gettext_lazy as _

from core.registry import NavItem, register_navigation

register_navigation(
    NavItem(
        _("Consulting services"),
        "consulting:list",
        group="centres",
        order=75,
        active=("list", "new", "detail", "faq", "statistics"),
    ),
)
