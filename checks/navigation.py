"""Header entries of 查新: the check page and watch lists."""

from django.utils.translation import gettext_lazy as _

from core.registry import NavItem, register_navigation

register_navigation(
    NavItem(_("Validity check"), "checks:index", group="tools", order=10),
    NavItem(_("Watch lists"), "checks:watchlists", group="tools", order=20, signed_in=True),
)
