"""Search scopes of accounts: a person finds what is shared with their organisations."""

from accounts.models import Membership
from core.registry import register_scope


def organization_ids(user) -> list[int]:
    """The organisations `user` is a member of (any role)."""
    return list(Membership.objects.filter(user=user).values_list("organization_id", flat=True))


register_scope("organization", organization_ids)
