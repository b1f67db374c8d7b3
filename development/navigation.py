"""Header links of standards development."""

from django.utils.translation import gettext_lazy as _

from core.registry import NavItem, register_navigation

register_navigation(
    NavItem(
        _("Standards development"),
        "development:bodies",
        group="centres",
        order=40,
        active=("bodies", "body", "projects", "project", "proposal", "draft", "compare"),
    ),
)
