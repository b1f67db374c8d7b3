"""Template filters that show translated names instead of codes."""

from __future__ import annotations

from django import template

from accounts.labels import action_label, role_label
from audit.models import AuditResult

register = template.Library()

register.filter("action_label", action_label)
register.filter("role_label", role_label)


@register.filter
def result_label(code: str) -> str:
    """Success / failure / denied, translated."""
    return str(AuditResult(code).label) if code in AuditResult.values else code
