"""Header entries of the talent centre."""

from django.utils.translation import gettext_lazy as _

from core.registry import NavItem, register_navigation

register_navigation(
    NavItem(_("Training"), "talent:training:index", group="centres", order=60),
    NavItem(
        _("Experts"),
        "talent:experts:index",
        group="centres",
        order=61,
        permission="talent.change_expert",
    ),
    NavItem(
        _("Expert draws"),
        "talent:experts:draws",
        group="centres",
        order=62,
        permission="talent.view_expertdraw",
    ),
    NavItem(
        _("My expert profile"), "talent:experts:index", group="account", order=41, signed_in=True
    ),
    NavItem(_("My training"), "talent:training:mine", group="account", order=40, signed_in=True),
)
