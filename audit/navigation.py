"""Header entry of the audit trail, for the audit administrator only."""

from django.utils.translation import gettext_lazy as _

from accounts.roles import RoleCode, has_role
from core.registry import NavItem, register_navigation

register_navigation(
    NavItem(
        _("Audit trail"),
        "audit:entries",
        group="account",
        order=50,
        signed_in=True,
        visible=lambda user: has_role(user, RoleCode.AUDIT_ADMIN),
    ),
)
