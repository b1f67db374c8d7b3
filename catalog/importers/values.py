"""Cell-level value parsing shared by the tabular and XML parsers: dates, statuses, lists."""

from __future__ import annotations

import datetime
import re
import unicodedata

from catalog.importers.records import RelationRef

# Status words seen on Chinese platforms and in English sources, mapped to record statuses.
STATUS_WORDS: dict[str, str] = {
    "现行": "current",
    "现行有效": "current",
    "有效": "current",
    "即将实施": "upcoming",
    "尚未实施": "upcoming",
    "未实施": "upcoming",
    "废止": "withdrawn",
    "已废止": "withdrawn",
    "作废": "withdrawn",
    "被代替": "replaced",
    "已被代替": "replaced",
    "被替代": "replaced",
    "已被替代": "replaced",
    "current": "current",
    "active": "current",
    "valid": "current",
    "in force": "current",
    "published": "current",
    "upcoming": "upcoming",
    "forthcoming": "upcoming",
    "not yet in force": "upcoming",
    "withdrawn": "withdrawn",
    "abolished": "withdrawn",
    "repealed": "withdrawn",
    "replaced": "replaced",
    "superseded": "replaced",
    "revised": "replaced",
}

DEGREE_WORDS: dict[str, str] = {
    "IDT": "IDT",
    "MOD": "MOD",
    "NEQ": "NEQ",
    "EQV": "MOD",  # pre-2001 GB/T 20000.2 wording for an equivalent adoption
    "等同": "IDT",
    "等同采用": "IDT",
    "修改": "MOD",
    "修改采用": "MOD",
    "非等效": "NEQ",
    "非等效采用": "NEQ",
}

_DATE_PATTERNS = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)
_ICS_RE = re.compile(r"^\d{2}(?:\.\d{3}(?:\.\d{2})?)?$")
_CCS_RE = re.compile(r"^[A-Z]\d{2}$")
_LIST_SPLIT_RE = re.compile(r"[、，,；;\n|]+")
_CONTINUATION_RE = re.compile(r"^(?:[/+(（:]|(?:Amd|AMD|Cor|COR|Add|ADD)\b|[0-9]|年版|\(all)")
# A designation body ends in a digit, a closing bracket or a version word.
_COMPLETE_RE = re.compile(r"[0-9)）]$|版$")
# A standard cited after an adoption degree or in a note: prefix, number and optional year.
_DESIGNATION_RE = re.compile(
    r"[A-Z][A-Za-z]*(?:/[A-Za-z]+)*\s*[0-9][0-9A-Za-z.\-—–:/+]*"
    r"(?:\s*(?:[(（]\d{4}年版[)）]))?"
)


def clean(value: object) -> str:
    """A cell value as a stripped string ('' for None), ideographic spaces made plain."""
    if value is None:
        return ""
    return str(value).replace("\u3000", " ").strip()


def fold(value: object) -> str:
    """Like ``clean`` but with full-width letters, digits and punctuation folded (NFKC).

    Used for designations, codes and dates, never for titles, whose full-width
    punctuation is part of the text.
    """
    return unicodedata.normalize("NFKC", clean(value)).strip()


def parse_date(value: object) -> datetime.date | None:
    """A date from a cell: date objects, 2016-01-01, 2016/1/1, 2016年1月1日 or 20160101.

    Returns None for an empty cell and raises ValueError for text that is not a real date.
    """
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = fold(value)
    if not text:
        return None
    for pattern in _DATE_PATTERNS:
        if match := pattern.match(text):
            year, month, day = (int(g) for g in match.groups())
            return datetime.date(year, month, day)  # ValueError for 2016-13-45
    raise ValueError(text)


def parse_status(value: object) -> str:
    """A record status from a status word ('' when empty); ValueError for an unknown word."""
    text = fold(value)
    if not text:
        return ""
    status = STATUS_WORDS.get(text) or STATUS_WORDS.get(text.lower())
    if status is None:
        raise ValueError(text)
    return status


def split_list(value: object) -> list[str]:
    """Items of a cell separated by 、，,；; or new lines, stripped, empty ones dropped."""
    return [item.strip() for item in _LIST_SPLIT_RE.split(fold(value)) if item.strip()]


def parse_codes(value: object, kind: str) -> list[str]:
    """ICS or CCS codes from a cell (also space separated); ValueError names a bad code."""
    pattern = _ICS_RE if kind == "ics" else _CCS_RE
    codes: list[str] = []
    for item in split_list(value):
        for code in item.split():
            code = code.upper() if kind == "ccs" else code
            if not pattern.match(code):
                raise ValueError(code)
            if code not in codes:
                codes.append(code)
    return codes


def split_designations(value: object) -> list[str]:
    """Designations listed in one cell, separated by 、，,；; or by spaces between items.

    Spaces inside a designation (``GB/T 19001-2016``) are kept: a space only starts a new
    item when the item so far is complete and the next token starts with a letter.
    """
    items: list[str] = []
    for chunk in split_list(value):
        current = ""
        for token in chunk.split():
            if (
                current
                and _COMPLETE_RE.search(current)
                and not current.endswith("/")
                and not _CONTINUATION_RE.match(token)
            ):
                items.append(current)
                current = token
            else:
                current = f"{current} {token}" if current else token
        if current:
            items.append(current)
    return items


def parse_adoption(value: object) -> tuple[RelationRef | None, str]:
    """The adopted standard and degree from text such as 'ISO 9001:2015, IDT' or 'IDT ISO 9001'.

    Returns (None, "") for an empty cell; raises ValueError when no designation is found.
    """
    text = fold(value)
    if not text:
        return None, ""
    degree = ""
    for word, code in sorted(DEGREE_WORDS.items(), key=lambda item: -len(item[0])):
        if re.search(rf"(?<![A-Za-z]){re.escape(word)}(?![A-Za-z])", text):
            degree = code
            text = re.sub(rf"(?<![A-Za-z]){re.escape(word)}(?![A-Za-z])", " ", text, count=1)
            break
    text = text.strip(" ,，;；、()（）")
    match = _DESIGNATION_RE.search(text)
    if match is None:
        raise ValueError(fold(value))
    return RelationRef(match.group(0).strip()), degree


def split_edition(designation: str) -> tuple[str, str]:
    """Split a trailing edition marker off, e.g. '(2018年版)' after 'GB 50016-2014'."""
    match = re.match(r"^(.*?)\s*[(（](\d{4}年版)[)）]$", designation.strip())
    if match:
        return match.group(1), match.group(2)
    return designation.strip(), ""
