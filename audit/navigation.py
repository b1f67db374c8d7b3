"""Header entry of the audit trail, for the audit administrator only."""

from django.utils.translation import gettext_lazy as _

from audit.models import AUDIT_ADMIN_ROLE
from core.registry import NavItem, register_navigation
from core.roles import has_role

register_navigation(
    NavItem(
        _("Audit trail"),
        "audit:entries",
        group="account",
        order=50,
        signed_in=True,
        visible=lambda user: has_role(user, AUDIT_ADMIN_ROLE),
    ),
)
