"""Server-rendered SVG bar charts (no script, no inline style) for evaluation pages."""

from __future__ import annotations

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

register = template.Library()

ROW, LABEL, WIDTH = 26, 220, 300


@register.simple_tag
def bar_chart(rows, maximum=None, title: str = "", suffix: str = "") -> SafeString:
    """Horizontal bars for `(label, value)` rows; `maximum` fixes the scale (5 for scores)."""
    rows = [(str(label), float(value or 0)) for label, value in rows]
    top = float(maximum or max((v for _l, v in rows), default=0) or 1)
    height = ROW * len(rows) + 10
    bars = format_html_join(
        "",
        '<text x="{}" y="{}" text-anchor="end" font-size="12">{}</text>'
        '<rect x="{}" y="{}" width="{}" height="16" fill="#0d6efd"></rect>'
        '<text x="{}" y="{}" font-size="12">{}</text>',
        (
            (LABEL - 6, i * ROW + 17, label, LABEL, i * ROW + 4,
             f"{max(value, 0) / top * WIDTH:.1f}",
             LABEL + max(value, 0) / top * WIDTH + 4, i * ROW + 17, f"{value:.2f}{suffix}")
            for i, (label, value) in enumerate(rows)
        ),
    )  # fmt: skip
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" role="img" class="evaluation-chart" '
        'viewBox="0 0 {} {}" width="100%" aria-label="{}"><title>{}</title>{}</svg>',
        LABEL + WIDTH + 70, height, title, title, bars,
    )  # fmt: skip
