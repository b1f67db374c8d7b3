"""The roles the bodies app declares, and the body permissions of the platform roles."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.roles import RoleScope, grant_by_default, register_role

#: A plain member of a body: sees who else belongs to it.
BODY_MEMBER = "body_member"
#: The chair or convenor of a body.
BODY_CHAIR = "body_chair"

_MANAGE_MEMBERS = (
    "bodies.view_bodymembership",
    "bodies.add_bodymembership",
    "bodies.change_bodymembership",
    "bodies.delete_bodymembership",
)


def register_roles() -> None:
    """Declare the body roles and grant the body permissions of the platform roles."""
    register_role(
        BODY_MEMBER,
        _("Body member"),
        app_label="bodies",
        description="Member of one body: sees its members, votes where its rules say so.",
        scope=RoleScope.BODY,
        permissions=("bodies.view_bodymembership",),
    )
    register_role(
        BODY_CHAIR,
        _("Chair or convenor"),
        app_label="bodies",
        description="Chair of a committee or convenor of a working group.",
        scope=RoleScope.BODY,
        permissions=("bodies.view_bodymembership",),
    )
    # Held in one body, the secretariat runs it and the working groups beneath it.
    grant_by_default("secretariat", "bodies.add_body", "bodies.change_body", *_MANAGE_MEMBERS)
    grant_by_default("base_office", "bodies.add_body", "bodies.change_body", *_MANAGE_MEMBERS)
