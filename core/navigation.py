"""Header entries of the platform itself: API documentation, admin site, dashboard."""

from django.utils.translation import gettext_lazy as _

from core.registry import NavItem, register_navigation

register_navigation(
    NavItem(_("API docs"), "api-docs", order=80, active=("api-docs", "api-redoc")),
    NavItem(_("Admin"), "admin:index", order=90),
    NavItem(_("Dashboard"), "dashboard", group="account", order=5, signed_in=True),
)
