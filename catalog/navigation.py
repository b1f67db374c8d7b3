"""Header entries of the catalogue: search and the two classification trees."""

from django.utils.translation import gettext_lazy as _

from core.registry import NavItem, register_navigation

register_navigation(
    NavItem(_("Search"), "catalog:search", order=10, active=("home", "search", "standard-detail")),
    NavItem(_("ICS classes"), "catalog:ics-root", order=20, active=("ics-root", "ics-node")),
    NavItem(_("CCS classes"), "catalog:ccs-root", order=30, active=("ccs-root", "ccs-node")),
)
