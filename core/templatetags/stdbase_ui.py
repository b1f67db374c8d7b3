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


@register.filter
def l10n_name(obj: Any) -> str:
    """Return `name_en` in English and `name_zh` otherwise, falling back to whichever exists."""
    if obj is None:
        return ""
    zh = getattr(obj, "name_zh", "") or ""
    en = getattr(obj, "name_en", "") or ""
    if (get_language() or "").startswith("en"):
        return en or zh or str(obj)
    return zh or en or str(obj)


@register.filter
def l10n_title(standard: Any) -> str:
    """Return the title of a standard in the active language, falling back to the other one."""
    if standard is None:
        return ""
    zh = getattr(standard, "title_zh", "") or ""
    en = getattr(standard, "title_en", "") or ""
    if (get_language() or "").startswith("en"):
        return en or zh
    return zh or en
