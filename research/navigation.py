"""Header entries of the strategy research centre (collected by core.registry.autodiscover)."""

from django.utils.translation import gettext_lazy as _

from core.registry import NavItem, register_navigation

register_navigation(
    NavItem(
        _("Strategy research"),
        "research:analytics",
        group="centres",
        order=70,
        active=("analytics", "standards", "compare"),
    ),
)
