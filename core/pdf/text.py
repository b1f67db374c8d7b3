"""Line breaking for PDF reports: Chinese may break between any two characters, English
words, numbers and designations never break inside (unless longer than the line)."""

from __future__ import annotations

import re
from collections.abc import Callable

# Punctuation that must not start a line: it stays with the token before it.
_CLOSING = re.escape("、，；。：？！）》」』】,.;:!?)]}%")
_LATIN = "A-Za-z0-9\u00c0-\u024f"
_TOKENS = re.compile(
    # A designation ("GB/T 5606.2-2023", "ISO 9001:2015") stays whole.
    rf"[A-Za-z][A-Za-z/]*\s?\d[A-Za-z0-9_.:+/\-()]*[{_CLOSING}]*"
    # A Latin word or number with its inner punctuation ("Requirements", "don't", "3.5").
    rf"|[{_LATIN}(\[][{_LATIN}'’.\-_/:+()]*[{_CLOSING}]*"
    # Anything else (a Chinese character, a symbol) is a token of its own.
    rf"|\S[{_CLOSING}]*"
    r"|\s"
)


def wrap_text(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """Greedy line breaking of `text` into lines no wider than `width`.

    `measure(s)` is the width of a string in the unit of `width`. Explicit newlines are
    kept. A token wider than the whole line (a very long URL) is cut where it must.
    """
    lines: list[str] = []
    for paragraph in (text or "").split("\n"):
        lines.extend(_wrap_paragraph(paragraph, width, measure))
    return lines or [""]


def _wrap_paragraph(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    lines, current, used = [], "", 0.0
    for token in _TOKENS.findall(text):
        w = measure(token)
        if used + w > width and current:
            lines.append(current.rstrip())
            current, used = "", 0.0
            if token.isspace():
                continue
        if w > width:
            for char in token:
                cw = measure(char)
                if used + cw > width and current:
                    lines.append(current)
                    current, used = "", 0.0
                current += char
                used += cw
            continue
        current += token
        used += w
    lines.append(current.rstrip())
    return lines
