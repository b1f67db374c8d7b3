"""Services of the bodies app: create bodies, add and end memberships."""

from bodies.services.bodies import create_body, normalize_number
from bodies.services.memberships import add_member, end_membership

__all__ = ["add_member", "create_body", "end_membership", "normalize_number"]
