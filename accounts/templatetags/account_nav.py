"""Template helpers for the signed-in person's navigation."""

from __future__ import annotations

from django import template

from accounts.roles import has_role as user_has_role

register = template.Library()


@register.filter
def has_role(user, code: str) -> bool:
    """True when the person holds the role with this code (`user|has_role:"audit_admin"`)."""
    return bool(user and user.is_authenticated and user_has_role(user, code))
