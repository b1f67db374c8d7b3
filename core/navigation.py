"""Header entries of the platform itself: the API documentation and the admin site."""

from django.utils.translation import gettext_lazy as _

from core.registry import NavItem, register_navigation

register_navigation(
    NavItem(_("API docs"), "api-docs", order=80, active=("api-docs", "api-redoc")),
    NavItem(_("Admin"), "admin:index", order=90),
)
