"""Finding a CJK font on this machine for embedding in PDF reports.

fpdf2 embeds a subset of a CJK TrueType/OpenType font found on the system (Noto Sans CJK,
WenQuanYi, ...). Without one, reports fall back to reportlab's built-in STSong-Light CID
font, which PDF readers supply themselves. `STDBASE_PDF_FONT` names a font file, or `none`
to force the fallback.
"""

from __future__ import annotations

import functools
import glob
import os

FONT_ENV = "STDBASE_PDF_FONT"
FONT_CANDIDATES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/System/Library/Fonts/PingFang.ttc",
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simsun.ttc",
)
FONT_GLOBS = ("/usr/share/fonts/**/*CJK*SC*Regular*.otf", "/usr/share/fonts/**/*CJK*-Regular.ttc")
_SIMPLIFIED_HINTS = (" SC", "GB", "Hans", "Micro Hei", "Zen Hei", "PingFang SC", "YaHei", "SimSun")


def _face_index(path: str) -> int:
    """The face of a font collection that covers Simplified Chinese (0 when unsure)."""
    if not path.lower().endswith(".ttc"):
        return 0
    try:
        from fontTools.ttLib import TTCollection

        with TTCollection(path, lazy=True) as collection:
            for index, font in enumerate(collection.fonts):
                family = font["name"].getDebugName(1) or ""
                if any(hint in family for hint in _SIMPLIFIED_HINTS):
                    return index
    except Exception:  # noqa: BLE001 - an unreadable collection falls back to its first face
        return 0
    return 0


@functools.cache
def find_cjk_font() -> tuple[str, int] | None:
    """A CJK font file on this machine and the face to use, or None."""
    configured = os.environ.get(FONT_ENV, "")
    if configured.lower() == "none":
        return None
    paths = [configured] if configured else []
    paths += list(FONT_CANDIDATES)
    for pattern in FONT_GLOBS:
        paths += sorted(glob.glob(pattern, recursive=True))
    for path in paths:
        if path and os.path.isfile(path):
            return path, _face_index(path)
    return None
