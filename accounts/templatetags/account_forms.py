"""Render form fields with Bootstrap classes without touching every form class."""

from __future__ import annotations

from django import forms, template

register = template.Library()


@register.filter
def bootstrap(field):
    """Render a bound field with form-control / form-select / form-check-input classes."""
    widget = field.field.widget
    if isinstance(widget, forms.CheckboxInput):
        css = "form-check-input"
    elif isinstance(widget, forms.Select):
        css = "form-select"
    else:
        css = "form-control"
    if field.errors:
        css += " is-invalid"
    attrs = {"class": css}
    if field.errors:
        attrs["aria-invalid"] = "true"
    if field.help_text:
        attrs["aria-describedby"] = f"{field.auto_id}_help"
    return field.as_widget(attrs=attrs)
