"""Models of the accounts app."""

from accounts.models.invitations import Invitation
from accounts.models.organizations import Membership, Organization, OrganizationType
from accounts.models.privacy import DeletionRequest, StoredFile
from accounts.models.roles import Role, RoleAssignment, RoleCode
from accounts.models.security import ApiToken, LoginThrottle, RecoveryCode, TokenScope
from accounts.models.users import User

__all__ = [
    "ApiToken",
    "DeletionRequest",
    "Invitation",
    "LoginThrottle",
    "Membership",
    "Organization",
    "OrganizationType",
    "RecoveryCode",
    "Role",
    "RoleAssignment",
    "RoleCode",
    "StoredFile",
    "TokenScope",
    "User",
]
