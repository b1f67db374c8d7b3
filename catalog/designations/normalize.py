"""Text clean-up shared by the parser and the search index: width, dashes, spaces, years."""

from __future__ import annotations

import datetime
import re
import unicodedata

# Longest raw input the parser looks at; real designations with an adoption suffix and
# amendments stay well under 100 characters.
MAX_INPUT_LENGTH = 200

CURRENT_YEAR = datetime.date.today().year
MIN_YEAR = 1900
# Publishers announce editions dated a year or two ahead (IEC lists 2026 editions in 2025).
MAX_YEAR = CURRENT_YEAR + 2

# Hyphen and dash look-alikes people type between a number and its year. U+4E00 (一, "one")
# and the katakana prolonged sound mark are frequent input-method slips.
_DASHES = "\\-\u2010-\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d\u30fc\uff70\u4e00"
_DASH_BETWEEN_DIGITS = re.compile(rf"(?<=[0-9])\s*[{_DASHES}]+\s*(?=[0-9])")
# Outside digit context only true dashes are folded; 一 stays a Chinese character there.
_DASH_ANYWHERE = re.compile("[\u2010-\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63\u30fc\uff70]+")
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]")
# Trade marks printed after a number (IEEE 802.3™-2022, NFPA 70®): NFKC would spell ™ "TM".
_MARKS = re.compile("[\u2122\u00ae]")
_SPACE_AROUND_SEPARATOR = re.compile(r"\s*([/:+.\-])\s*")
_SPACE_INSIDE_PARENS = re.compile(r"\(\s*|\s*\)")
_TOKEN = re.compile(r"[0-9]+|[^\W\d_]+")

_WRAPPERS = {
    "《": "》",
    "〈": "〉",
    "「": "」",
    "『": "』",
    "【": "】",
    "(": ")",
    "[": "]",
    '"': '"',
    "'": "'",
    "\u201c": "\u201d",
    "\u2018": "\u2019",
}
_TRAILING_PUNCTUATION = ".,;。，；、"


def normalize_text(text: str) -> str:
    """Fold a designation-like text to one spelling without losing Chinese characters.

    Full-width forms become ASCII (NFKC), dash look-alikes between digits become "-" (with
    the spaces around them removed), invisible characters go, whitespace collapses to one
    space and the ends are stripped: "ＧＢ／Ｔ　１９００１—２０１６" -> "GB/T 19001-2016".
    """
    if not text:
        return ""
    ascii_text = text.isascii()
    if not ascii_text:
        text = unicodedata.normalize("NFKC", _MARKS.sub("", text))
        text = _INVISIBLE.sub("", text)
    if not ascii_text or " " in text:  # for ASCII only "19001 - 2016" needs the dash rule
        text = _DASH_BETWEEN_DIGITS.sub("-", text)
    return " ".join(text.split())


def designation_tokens(text: str) -> list[str]:
    """Lower-case search tokens: alphanumeric runs split where letters meet digits.

    "GB/T 19001-2016" -> ["gb", "t", "19001", "2016"]; "ASTM D638-14" -> ["astm", "d",
    "638", "14"]. The same function must be used for indexing and for queries.
    """
    return _TOKEN.findall(normalize_text(text).lower())


def prepare_for_parsing(text: str) -> str:
    """normalize_text plus what only a parser wants: wrappers and separator spaces removed.

    "《GB / T 19001 — 2016》" -> "GB/T 19001-2016"; "ISO 9001 : 2015" -> "ISO 9001:2015".
    """
    text = normalize_text(text)
    if not text.isascii():
        text = _DASH_ANYWHERE.sub("-", text)
    text = _strip_wrappers(text)
    if " " in text:
        text = _SPACE_AROUND_SEPARATOR.sub(r"\1", text)
        text = _SPACE_INSIDE_PARENS.sub(lambda m: m.group().strip(), text)
    return text


def _strip_wrappers(text: str) -> str:
    while text:
        stripped = text.rstrip(_TRAILING_PUNCTUATION).strip()
        closing = _WRAPPERS.get(stripped[:1])
        if closing and len(stripped) > 1 and stripped.endswith(closing):
            inner = stripped[1:-1]
            # "(10/2019)" inside "ITU-T X.509 (10/2019)" must survive: only strip a pair
            # that encloses everything, i.e. whose inner text has balanced brackets.
            if closing != ")" or _balanced(inner):
                stripped = inner.strip()
        if stripped == text:
            return text
        text = stripped
    return text


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def expand_two_digit_year(short: int) -> int:
    """Read a two-digit year: 88 -> 1988, 05 -> 2005; next year still counts as 20yy."""
    return 1900 + short if short > CURRENT_YEAR % 100 + 1 else 2000 + short


def read_year(digits: str) -> int | None:
    """The year written as two or four digits, or None when it cannot be a year."""
    if len(digits) == 2:
        return expand_two_digit_year(int(digits))
    if len(digits) == 4:
        year = int(digits)
        if MIN_YEAR <= year <= MAX_YEAR:
            return year
    return None
