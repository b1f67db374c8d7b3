"""The CJK font parsed once per process and handed to every fpdf2 document as a fresh copy.

fpdf2's `add_font()` parses the whole font on each call (the cmap of ~65,000 characters,
the horizontal metrics, the widths: about 0.4 s for Noto Sans CJK). The parsed result of
one call is kept here, keyed by path, face and modification time, and each document gets
a `TTFFont` that shares the read-only parts (cmap, widths, glyph ids) but owns what a
document changes: the subset map, the missing-glyph list, the font descriptor and a lazily
opened fontTools `TTFont`, which the subsetter at output time prunes in place. The
decompiled metrics tables are shared too: subsetting rebinds their `metrics` instead of
editing them, so a shallow copy per document is enough. The layout tables (GSUB, GPOS,
GDEF) that fpdf2 drops from the embedded subset are removed before subsetting starts.
"""

from __future__ import annotations

import copy
import os
import threading
from collections import defaultdict
from dataclasses import dataclass

from fontTools import ttLib
from fpdf import FPDF
from fpdf.fonts import SubsetMap, TTFFont

# Tables whose fontTools subsetting assigns a new `metrics` dict rather than editing it.
_SHARED_TABLES = ("hmtx", "vmtx")
# Layout tables fpdf2's output drops; fontTools would still decompile them (~0.1 s for
# Noto Sans CJK) to check their formats before dropping them.
_DROPPED_TABLES = ("GDEF", "GPOS", "GSUB")


@dataclass(frozen=True)
class _Parsed:
    """One parsed font: the prototype TTFFont and its decompiled metrics tables."""

    font: TTFFont
    tables: dict[str, object]


_lock = threading.Lock()
_cache: dict[tuple[str, int, int], _Parsed] = {}


def _parse(path: str, index: int, family: str) -> _Parsed:
    pdf = FPDF()
    pdf.add_font(family, fname=path, collection_font_number=index)
    font = pdf.fonts[family]
    tables = {tag: font.ttfont[tag] for tag in _SHARED_TABLES if tag in font.ttfont}
    font.ttfont.close()  # each document opens its own; the file handle is not kept
    return _Parsed(font=font, tables=tables)


def _parsed(path: str, index: int, family: str) -> _Parsed | None:
    """The cached parse of the font, or None when it cannot be shared between documents."""
    key = (path, index, os.stat(path).st_mtime_ns)
    with _lock:
        parsed = _cache.get(key)
        if parsed is None:
            for stale in [k for k in _cache if k[:2] == (path, index)]:
                del _cache[stale]
            parsed = _cache[key] = _parse(path, index, family)
    # A colour font's Type 3 object holds the FPDF it was made for: parse per document.
    return None if parsed.font.color_font is not None else parsed


def _copy_for(pdf: FPDF, parsed: _Parsed, family: str) -> TTFFont:
    source = parsed.font
    font = TTFFont.__new__(TTFFont)
    for slot in (
        "type",
        "ttffile",
        "scale",
        "name",
        "up",
        "ut",
        "sp",
        "ss",
        "emphasis",
        "is_compressed",
        "is_cff",
        "is_cid_keyed",
        "is_symbol",
        "cff_ros",
        "collection_font_number",
        "unicode_range",
        "cmap",
        "glyph_ids",
        "palette_index",
        "color_font",
    ):
        if hasattr(source, slot):
            setattr(font, slot, getattr(source, slot))
    font.i = len(pdf.fonts) + 1
    font.fontkey = family
    font.cw = defaultdict(source.cw.default_factory, source.cw)  # reads insert defaults
    font.desc = copy.copy(source.desc)  # output() names it and attaches the font file
    font.missing_glyphs = []
    font.biggest_size_pt = 0
    font._hbfont = None
    font.ttfont = ttLib.TTFont(
        source.ttffile,
        recalcTimestamp=False,
        fontNumber=source.collection_font_number,
        lazy=True,
    )
    for tag, table in parsed.tables.items():
        font.ttfont.tables[tag] = copy.copy(table)
    for tag in _DROPPED_TABLES:
        if tag in font.ttfont:
            del font.ttfont[tag]
    font.subset = SubsetMap(font)
    return font


def add_cached_font(pdf: FPDF, family: str, path: str, index: int) -> None:
    """Make `family` available in `pdf` from the per-process parse of the font file."""
    parsed = _parsed(path, index, family)
    if parsed is None:
        pdf.add_font(family, fname=path, collection_font_number=index)
        return
    font = _copy_for(pdf, parsed, family)
    pdf.fonts[family] = font
    if font.is_cff and font.is_cid_keyed:
        pdf._set_min_pdf_version("1.6")
