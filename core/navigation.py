"""Header entries of the platform itself: API documentation, admin site, dashboard."""

from django.utils.translation import gettext_lazy as _

from core.registry import NavItem, register_navigation

register_navigation(
    NavItem(
        _("API docs"), "api-docs", group="platform", order=80, active=("api-docs", "api-redoc")
    ),
    # Only staff can use the admin site; a link to its login page helps no one else.
    NavItem(
        _("Admin"), "admin:index", group="platform", order=90, visible=lambda user: user.is_staff
    ),
    NavItem(_("Dashboard"), "dashboard", group="account", order=5, signed_in=True),
)
