"""Mandel's h and k plots as server-side SVG (no script, no inline style)."""

from __future__ import annotations

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from verification.services.rounds import mandel_h_critical, mandel_k_critical

HEIGHT, TOP, LEFT, BAR = 220, 16, 44, 6
BAR_SVG = '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"><title>{} {}: {}</title></rect>'
LINE_SVG = (
    '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-dasharray="{}"></line>'
    '<text x="2" y="{}" font-size="9">{}</text>'
)
NAME_SVG = '<text x="{}" y="{}" font-size="9" text-anchor="middle">{}</text>'
# Names wider than their group of bars are written at 45° so that neighbours do not overlap.
SLANTED_NAME_SVG = (
    '<text x="{}" y="{}" font-size="9" text-anchor="end" transform="rotate(-45 {} {})">{}</text>'
)
FRAME_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" role="img" class="mandel-chart" viewBox="0 0 {} {}" '
    'width="100%" aria-label="{}"><title>{}</title>'
    '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#212529"></line>{}{}{}</svg>'
)
COLOURS = ("#0d6efd", "#198754", "#fd7e14", "#6f42c1", "#d63384", "#20c997", "#6c757d",
           "#dc3545", "#0dcaf0", "#ffc107")  # fmt: skip


def _text_width(text: str) -> float:
    """Roughly the width of a label at font size 9: CJK characters are square, others narrow."""
    return sum(9.0 if ord(c) >= 0x2E80 else 5.5 for c in text)


def mandel_chart(levels: list[dict], statistic: str, title: str) -> SafeString:
    """Bars of h (or k) per laboratory, one bar per level, with the 1 % and 5 % lines."""
    labs = list(dict.fromkeys(lab for level in levels for lab in level[statistic]))
    if not labs:
        return SafeString("")
    p = len(labs)
    n = max(level["replicates"] for level in levels)
    if statistic == "h":
        lines = [mandel_h_critical(p, a) for a in (0.01, 0.05)] if p > 2 else []
        lines += [-v for v in lines]
    else:
        lines = [mandel_k_critical(p, n, a) for a in (0.01, 0.05)] if n > 1 else []
    values = [abs(v) for level in levels for v in level[statistic].values()]
    top = max([*values, *map(abs, lines), 1.0]) * 1.1
    low = -top if statistic == "h" else 0.0
    group = BAR * len(levels) + 6
    width = LEFT + group * p + 10

    def y(value: float) -> float:
        return TOP + (top - value) / (top - low) * HEIGHT

    bars = format_html_join("", BAR_SVG, (
        (f"{LEFT + i * group + j * BAR:.1f}", f"{min(y(v), y(0)):.1f}", BAR - 1,
         f"{abs(y(v) - y(0)):.1f}", COLOURS[j % len(COLOURS)], lab, level["level"], f"{v:.2f}")
        for i, lab in enumerate(labs)
        for j, level in enumerate(levels)
        for v in [level[statistic].get(lab, 0.0)]
    ))  # fmt: skip
    guides = format_html_join("", LINE_SVG, (
        (LEFT, width, f"{y(v):.1f}", f"{y(v):.1f}", "#dc3545" if i % 2 == 0 else "#fd7e14",
         "4 2" if i % 2 == 0 else "2 2", f"{y(v) + 3:.1f}", f"{v:.2f}")
        for i, v in enumerate(lines)
    ))  # fmt: skip
    widest = max(_text_width(lab) for lab in labs)
    if widest <= group - 2:
        names = format_html_join("", NAME_SVG, (
            (f"{LEFT + i * group + group / 2 - 3:.1f}", TOP + HEIGHT + 12, lab)
            for i, lab in enumerate(labs)
        ))  # fmt: skip
        bottom = 20
    else:
        names = format_html_join("", SLANTED_NAME_SVG, (
            (x, TOP + HEIGHT + 10, x, TOP + HEIGHT + 10, lab)
            for i, lab in enumerate(labs)
            for x in [f"{LEFT + i * group + group / 2:.1f}"]
        ))  # fmt: skip
        bottom = round(16 + min(widest, 120) * 0.71)
    return format_html(
        FRAME_SVG,
        width, TOP + HEIGHT + bottom, title, title, LEFT, width, f"{y(0):.1f}", f"{y(0):.1f}",
        guides, bars, names,
    )  # fmt: skip
