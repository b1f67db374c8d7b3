"""Header entries of the talent centre."""

from django.utils.translation import gettext_lazy as _

from core.registry import NavItem, register_navigation

register_navigation(
    NavItem(_("Training"), "talent:training:index", group="centres", order=60),
    NavItem(_("My training"), "talent:training:mine", group="account", order=40, signed_in=True),
)
