"""Header entries of accounts: sign-in for visitors, the account menu for signed-in people."""

from django.utils.translation import gettext_lazy as _

from accounts.roles import RoleCode, has_role
from core.registry import NavItem, register_navigation

register_navigation(
    NavItem(_("Sign in"), "accounts:login", group="tools", order=80, signed_in=False),
    NavItem(_("Register"), "accounts:register", group="tools", order=90, signed_in=False),
    NavItem(_("My account"), "accounts:profile", group="account", order=10, signed_in=True),
    NavItem(
        _("Organisations"), "accounts:organizations", group="account", order=20, signed_in=True
    ),
    NavItem(_("API tokens"), "accounts:tokens", group="account", order=30, signed_in=True),
    NavItem(
        _("Users and roles"),
        "accounts:security-users",
        group="account",
        order=60,
        signed_in=True,
        visible=lambda user: has_role(user, RoleCode.SECURITY_ADMIN),
    ),
)
