"""Small presentation helpers shared by every template: names in the active language, badges."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import get_language

register = template.Library()

# Bootstrap colour of the status badge of a standard (现行 / 即将实施 / 废止 / 被代替).
STATUS_CLASSES = {
    "current": "text-bg-success",
    "upcoming": "text-bg-info",
    "withdrawn": "text-bg-secondary",
    "replaced": "text-bg-warning",
}


@register.filter
def status_class(status: str) -> str:
    """Return the badge class for a status value."""
    return STATUS_CLASSES.get(str(status or ""), "text-bg-light")


def _in_language(obj: Any, field: str) -> str:
    """`<field>_en` in English and `<field>_zh` otherwise, falling back to the other one."""
    zh = getattr(obj, f"{field}_zh", "") or ""
    en = getattr(obj, f"{field}_en", "") or ""
    if (get_language() or "").startswith("en"):
        return en or zh
    return zh or en


@register.filter
def l10n_name(obj: Any) -> str:
    """Return `name_en` in English and `name_zh` otherwise, falling back to whichever exists."""
    if obj is None:
        return ""
    return _in_language(obj, "name") or str(obj)


@register.filter
def l10n_title(standard: Any) -> str:
    """Return the title of a standard in the active language, falling back to the other one."""
    if standard is None:
        return ""
    return _in_language(standard, "title")
