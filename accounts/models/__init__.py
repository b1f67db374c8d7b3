"""Models of the accounts app."""

from accounts.models.organizations import Membership, Organization, OrganizationType
from accounts.models.roles import Role, RoleAssignment, RoleCode
from accounts.models.users import User

__all__ = [
    "Membership",
    "Organization",
    "OrganizationType",
    "Role",
    "RoleAssignment",
    "RoleCode",
    "User",
]
