"""Template helpers of the checks pages: verdict badges, locations."""

from __future__ import annotations

from django import template

from checks.services import presentation

register = template.Library()

VERDICT_CLASSES = {
    "current": "text-bg-success",
    "upcoming": "text-bg-info",
    "replaced": "text-bg-warning",
    "converted": "text-bg-warning",
    "partly_replaced": "text-bg-warning",
    "withdrawn": "text-bg-danger",
    "not_found": "text-bg-secondary",
    "ambiguous": "text-bg-dark",
    "unrecognised": "text-bg-light border",
}


@register.filter
def verdict_class(status: str) -> str:
    """The badge class of a verdict."""
    return VERDICT_CLASSES.get(str(status or ""), "text-bg-light")


@register.filter
def location(item) -> str:
    """Where a reference was found, in words."""
    return presentation.location_label(item.location)


@register.filter
def summary(item) -> str:
    """What to do about a reference."""
    return presentation.item_summary(item)


@register.filter
def verdict(status: str) -> str:
    """The translated name of a verdict."""
    return presentation.verdict_label(status)
