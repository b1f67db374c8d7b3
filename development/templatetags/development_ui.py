"""Small template helpers of the development pages."""

from __future__ import annotations

from django import template
from django.utils.html import format_html, format_html_join

from development.services.publication import display_designation
from workflows.processes import get_process

register = template.Library()

_VERDICT_CLASSES = {
    "current": "text-bg-success",
    "upcoming": "text-bg-info",
    "partly_replaced": "text-bg-warning",
    "replaced": "text-bg-danger",
    "converted": "text-bg-warning",
    "withdrawn": "text-bg-danger",
}


@register.filter
def verdict_class(verdict: str) -> str:
    """The badge colour of a reference verdict."""
    return _VERDICT_CLASSES.get(verdict, "text-bg-secondary")


@register.simple_tag
def state_name(process: str, state: str) -> str:
    """The name of a state of a workflow process ("30.20" → "征求意见 · 已开始")."""
    try:
        return get_process(process).state_label(state)
    except KeyError:
        return state


@register.filter
def redline(pieces) -> str:
    """Runs of a redline as HTML: <del> for deleted, <ins> for inserted text."""
    tags = {"delete": "del", "insert": "ins"}
    return format_html_join(
        "",
        "{}",
        (
            (
                format_html('<{0} class="redline-{0}">{1}</{0}>', tags[p.op], p.text)
                if p.op in tags
                else format_html("{}", p.text),
            )
            for p in pieces
        ),
    )


@register.filter
def printed(designation: str) -> str:
    """A designation as printed on a Chinese standard (T/HNXX 012—2026)."""
    return display_designation(designation or "")
