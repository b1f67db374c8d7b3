"""Template filters of the catalogue pages."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

from core.templatetags.stdbase_ui import l10n_name

register = template.Library()


@register.filter
def class_name(node) -> str:
    """The name of an ICS/CCS class in the active language; a code that a source used but
    the classification does not list (IEEE's "35.05") says so instead of repeating itself."""
    if node is None:
        return ""
    if getattr(node, "name_zh", "") or getattr(node, "name_en", ""):
        return l10n_name(node)
    return _("(not in ICS edition 7)") if hasattr(node, "name_en") else _("(not in the CCS)")
