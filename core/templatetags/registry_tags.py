"""Template access to the registries: `{% nav_items "main" as items %}`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import template
from django.urls import reverse

from core.registry import registry

register = template.Library()


@dataclass(frozen=True)
class NavLink:
    """A navigation entry ready for the template: label, URL, highlighted or not."""

    label: Any
    url: str
    active: bool
    template: str


@register.simple_tag(takes_context=True)
def nav_items(context, group: str) -> list[NavLink]:
    """The entries of a navigation group that the current person sees, in order."""
    request = context.get("request")
    user = context.get("user") or getattr(request, "user", None)
    match = getattr(request, "resolver_match", None)
    name, namespace = (match.url_name or "", match.namespace or "") if match else ("", "")
    return [
        NavLink(item.label, reverse(item.url_name), item.is_active(name, namespace), item.template)
        for item in registry.nav_items(group, user)
    ]
