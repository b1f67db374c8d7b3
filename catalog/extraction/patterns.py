"""Precompiled patterns that find standard designations in running text.

The patterns work on text folded by ``fold``: a one-to-one character translation (full-width
forms to ASCII, dash and tilde look-alikes to "-" and "~"), so that every match position is
also a position in the text as the person wrote it.
"""

from __future__ import annotations

import re

from catalog.designations.codes import CHINESE_CODES

# --- one-to-one folding ----------------------------------------------------------------------

_FOLD: dict[int, str] = {code: chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}
_FOLD.update({0x3000: " ", 0x00A0: " ", 0x2002: " ", 0x2003: " ", 0x2009: " ", 0x202F: " "})
# Dash look-alikes people type between a number and its year (em dash, minus, full-width).
for _dash in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\u30fc\uff70":
    _FOLD[ord(_dash)] = "-"
for _tilde in "\u301c\u223c\u02dc\uff5e":
    _FOLD[ord(_tilde)] = "~"
_FOLD[0xFF0F] = "/"
_FOLD[0xFF1A] = ":"
FOLD_TABLE = str.maketrans(_FOLD)


def fold(text: str) -> str:
    """Fold full-width and dash look-alikes to ASCII, keeping every character's position."""
    return text.translate(FOLD_TABLE)


# --- prefixes --------------------------------------------------------------------------------

# Longest first so that "GBJ" wins over "GB" and "JGJ" over "JG".
_CN_CODES = sorted(CHINESE_CODES - {"DB"}, key=len, reverse=True)
_CN_CODE = "|".join(re.escape(code) for code in _CN_CODES)

CN_PREFIX = (
    r"(?:"
    r"DBJ(?:[ \t]*/[ \t]*T)?[ \t]*\d{2}[ \t]*-(?=[ \t]*\d)"  # DBJ13-89-2007, DBJ/T 15-73-2010
    r"|DBJ\d{2}(?:[ \t]*/[ \t]*T)?(?=[ \t]*\d)"  # DBJ41/T 070-2014
    r"|CECS(?=[ \t]*\d)"  # CECS 02:2005 (association standards before T/CECS)
    rf"|(?:{_CN_CODE})(?:[ \t]*/[ \t]*[TZ])?"  # GB, GB/T, JGJ/T, DL/T, JJF ...
    r"|DB[ \t]*\d{2}(?:\d{2}){0,2}(?:[ \t]*/[ \t]*[TZ]|[ \t]*/(?=[ \t]*\d))?"  # DB41/T, DB11/
    r"|DB/T"  # earthquake industry
    r"|T/[A-Z][A-Za-z0-9]{1,15}"  # group: T/CECS, T/CAS
    r"|Q/[A-Z0-9][A-Za-z0-9]{0,15}(?:[ \t]+[A-Z]{2,8}(?=[ \t]*\d))?"  # enterprise: Q/CSG
    r")"
)

_INTL_BODIES = (
    "ISO/IEC/IEEE",
    "ISO/IEC ISP",
    "ISO/IEC",
    "ISO/IEEE",
    "IEC/IEEE",
    "ISO/R",
    "ISO/TTA",
    "ISO/ASTM",
    "ISO/TS",
    "ISO/TR",
    "ISO/PAS",
    "ISO/IEC TS",
    "ISO/IEC TR",
    "ISO/IEC Guide",
    "ISO Guide",
    "ISO",
    "IEC/TS",
    "IEC/TR",
    "IEC/PAS",
    "IEC",
    "CISPR",
    "EN ISO/IEC",
    "EN ISO",
    "EN IEC",
    "EN",
    "BS EN ISO",
    "BS EN",
    "BS ISO",
    "BS",
    "DIN EN ISO",
    "DIN EN",
    "DIN ISO",
    "DIN",
    "NF EN",
    "ASTM",
    "ANSI/IEEE Std",
    "ANSI/IEEE",
    "IEEE Std",
    "IEEE",
    "ANSI",
    "ITU-T",
    "ITU-R",
    "JIS",
    "UL",
    "NFPA",
    "ASME",
    "SAE",
    "API",
)
_INTL = "|".join(re.escape(b) for b in sorted(_INTL_BODIES, key=len, reverse=True))

_YEAR = r"(?:\d{4}|\d{2})(?!\d)"
# "JTG F80/1-2004": a letter-number with a sub-part (第一册) before the year.
_CN_NUMBER = r"(?:[A-Z]\d+/\d{1,2}(?=[ \t]*-)|[A-Z]?\d+(?:\.\d+)*)"
# Amendments and partial revisions printed after a Chinese designation.
_CN_AMENDMENT = r"(?:[ \t]*/[ \t]*XG\d+[ \t]*-[ \t]*\d{4}|[ \t]*\([ \t]*\d{4}[ \t]*年版[ \t]*\))"
# "GB/T 19001-2016/ISO 9001:2015": the identical adoption belongs to the designation.
_ADOPTION = rf"(?:[ \t]*/[ \t]*(?:{_INTL})[ \t]+[A-Z]?\d+(?:[-.]\d+)*(?:[ \t]*:[ \t]*\d{{4}})?)"

CN_PATTERN = re.compile(
    rf"(?<![A-Za-z0-9])(?P<prefix>{CN_PREFIX})[ \t]*"
    rf"(?P<number>{_CN_NUMBER})"
    rf"(?:[ \t]*~[ \t]*(?P<range_end>\d+(?:\.\d+)*))?"
    rf"(?:[ \t]*-[ \t]*(?P<year>{_YEAR})|:(?P<colon_year>{_YEAR}))?"
    rf"(?P<amendments>{_CN_AMENDMENT}*)"
    rf"(?P<adoption>{_ADOPTION})?"
    r"(?![0-9A-Za-z])"
)

INTL_PATTERN = re.compile(
    rf"(?<![A-Za-z0-9])(?P<prefix>{_INTL})[ \t]+"
    r"(?P<number>(?:[A-Z]{1,2}[ \t]?)?\d+(?:[-.](?:[A-Z]{1,2}\d+|\d+[A-Z]?))*[a-z]?)"
    r"(?:[\u2122\u00ae](?:-\d{4}(?!\d))?)?"  # IEEE 802.3™-2022, NFPA 70®
    r"(?:[ \t]*(?::[ \t]*\d{4}|-\d{2}(?=[a-z]?(?:\b|\())(?:[a-z]\d?)?|\((?:\d{1,2}/)?\d{4}\)))?"
    r"(?:[ \t]*(?:\+|/)[ \t]*(?:AMD|Amd|A|COR|Cor|ADD|Add)[ \t]*\d+(?:[ \t]*[:-][ \t]*\d{4})?)*"
    r"(?:[ \t]+CSV)?"
    r"(?![0-9A-Za-z])"
)

# A year in an international designation: ":2015", "-2022" (IEEE), "(10/2019)" (ITU).
INTL_YEAR = re.compile(r":[ \t]*\d{4}|-\d{4}(?!\d)|\((?:\d{1,2}/)?\d{4}\)")

# Bare numbers continuing a list after a Chinese designation: "GB 50204、50205-2020".
CONTINUATION = re.compile(
    rf"[ \t]*[、;；/][ \t]*(?P<number>\d{{3,}}(?:\.\d+)*)"
    rf"(?:[ \t]*-[ \t]*(?P<year>{_YEAR}))?"
    r"(?![0-9.A-Za-z%年月日号条款])"
)

# A title in book-title marks right before or after the designation.
TITLE_BEFORE = re.compile(r"《([^《》\n]{1,120})》[ \t]*[(\[]?[ \t]*$")
TITLE_AFTER = re.compile(r"^[ \t]*[)\]]?[ \t]*《([^《》\n]{1,120})》")

# Largest range we expand ("GB 50254~50259-96" is six standards); wider ones are typos.
MAX_RANGE = 50

# A list item (a pasted line or a spreadsheet cell, split at commas, semicolons and 、) that
# looks like a designation although no pattern or the parser accepted it: a Latin code, a
# number, and nothing Chinese. Such items come back as unrecognised rather than vanish.
LIST_ITEM = re.compile(r"[^,;、\n\t|，；]+")
LOOKS_LIKE_DESIGNATION = re.compile(
    r"[A-Za-z][A-Za-z/.\- ]{0,24}?[ \t/.\-]?[A-Za-z]{0,3}[0-9][0-9A-Za-z.:/+\-~() ]{0,60}"
)
ITEM_WRAPPERS = " \t《》〈〉「」【】[]\"'“”‘’.。"
