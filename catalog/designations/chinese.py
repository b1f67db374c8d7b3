"""Chinese designations: national, industry, local (DB), group (T/) and enterprise (Q/)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .codes import (
    CHINESE_CODES,
    LETTER_NUMBER_CODES,
    LETTER_SUFFIX_CODES,
    NATIONAL_CODES,
    PROVINCE_CODES,
)
from .international import parse_international
from .model import Designation, DesignationError, checked_year, designation_error

_MANDATES = {"": "mandatory", "T": "recommended", "Z": "guidance"}

_CODE = re.compile(r"(?P<head>[A-Z]+)(?:/(?P<suffix>[TZ])(?![A-Z]))?", re.I)
# "DB41/T", "DB4101/T", "DB 41/T", "DB41T", "DB11/ " (Beijing prints mandatory ones so),
# "DB41 " and the earthquake industry code "DB/T", "DBT ".
_LOCAL = re.compile(r"DB(?P<space> ?)(?P<region>[0-9]+)?(?P<suffix>/[TZ]?|T(?=[ 0-9]))?", re.I)
_ASSOCIATION = {
    # Association codes are letters, digits and hyphens; glued to the number only letters.
    "group": re.compile(
        r"T/(?:(?P<code>[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*) |(?P<glued>[A-Z]+)(?=[0-9]))", re.I
    ),
    "enterprise": re.compile(
        r"Q/(?:(?P<code>[A-Z0-9]+(?:-[A-Z0-9]+)*) |(?P<glued>[A-Z]+)(?=[0-9]))", re.I
    ),
}
_NUMBER = re.compile(
    r" ?(?P<letter>[A-Z])?(?P<number>[0-9]+)(?P<suffix>[A-Z](?![A-Z0-9]))?"
    r"(?:\.(?P<part>[0-9]+(?:\.[0-9]+)*))?"
    r"(?:[-:](?P<year>[0-9]+))?",
    re.I,
)
_YEAR_AFTER_PART = re.compile(r"[-:](?P<year>[0-9]+)")
_AMENDMENT = re.compile(
    r"(?:/| ?)XG(?P<n>[0-9]+)(?:-(?P<year>[0-9]+))?|(?P<revision> ?\((?P<rev>[0-9]{4})年?版\))",
    re.I,
)
_ALL_PARTS = re.compile(r" ?\(ALL PARTS\)", re.I)
# Provincial engineering-construction standards (工程建设地方标准) are printed two ways:
# the province before the number ("DBJ13-89-2007", "DBJ/T 15-73-2010") or in the code
# ("DBJ41/T 070-2014"). The first keeps "province-number" as the number.
_DBJ_HYPHEN = re.compile(
    r"DBJ(?P<suffix>/T)? ?(?P<region>[0-9]{2})-(?P<number>[0-9]+)(?:\.(?P<part>[0-9]+))?"
    r"[-:](?P<year>[0-9]+)$",
    re.I,
)
_DBJ_CODE = re.compile(r"DBJ(?P<region>[0-9]{2})(?:/(?P<suffix>T)?)? ?(?=[0-9])", re.I)
# Association standards of CECS printed before the T/ group prefix existed: "CECS 02:2005".
_CECS = re.compile(r"CECS ?(?=[0-9])", re.I)
# Sub-parts of highway standards with a letter-number: "JTG F80/1-2004" (第一册).
_SUB_PART = re.compile(r"/(?P<part>[0-9]{1,2})(?=[-:]|$)")


@dataclass(frozen=True, slots=True)
class _Prefix:
    """What the code in front of the number tells: tier, mandate, issuer, printed prefix."""

    tier: str
    mandate: str
    body: str
    prefix: str
    end: int  # where the number starts in the prepared text
    number_letter_allowed: bool = False  # JTG D60, TSG Z7002
    number_suffix_allowed: bool = False  # Q/YLB 0001S (food enterprise), GJB 9001C
    # Two capitals glued to digits ("CH1", "NB6") are more often a label or a channel name
    # than a standard: a glued undated industry code needs its year to count.
    glued_needs_year: bool = False


def parse_chinese(prepared: str, text: str) -> Designation:
    """Parse a prepared (see prepare_for_parsing) Chinese designation; ``text`` is for errors."""
    upper = prepared[:2].upper()
    if upper in ("T/", "Q/"):
        prefix = _read_association(prepared, text, "group" if upper == "T/" else "enterprise")
    elif prepared[:3].upper() == "DBJ":
        if dbj := _DBJ_HYPHEN.match(prepared):
            return _dbj_with_region_in_number(dbj, text)
        prefix = _read_dbj_code(prepared, text)
    elif m := _CECS.match(prepared):
        prefix = _Prefix("group", "", "CECS", "CECS", m.end())
    elif upper == "DB":
        prefix = _read_local(prepared, text)
    else:
        prefix = _read_code(prepared, text)
    return _read_rest(prepared, text, prefix)


def _read_code(prepared: str, text: str) -> _Prefix:
    m = _CODE.match(prepared)
    if not m:
        raise designation_error(text, "unknown_prefix")
    head, suffix, end = m.group("head").upper(), (m.group("suffix") or "").upper(), m.end()
    letter_ok = False
    if suffix or head in CHINESE_CODES:
        code = head
    elif head[-1] in "TZ" and head[:-1] in CHINESE_CODES:  # "GBT 19001", "gbt19001"
        code, suffix = head[:-1], head[-1]
    elif head[:-1] in LETTER_NUMBER_CODES:  # "JTGD60-2015": the last letter starts the number
        code, end = head[:-1], end - 1
        letter_ok = True
    else:
        raise designation_error(text, "unknown_prefix")
    if code not in CHINESE_CODES:
        raise designation_error(text, "unknown_prefix")
    return _Prefix(
        tier="national" if code in NATIONAL_CODES else "industry",
        mandate=_MANDATES[suffix],
        body=code,
        prefix=f"{code}/{suffix}" if suffix else code,
        end=end,
        number_letter_allowed=letter_ok or code in LETTER_NUMBER_CODES,
        number_suffix_allowed=code in LETTER_SUFFIX_CODES,
        glued_needs_year=not suffix and code not in NATIONAL_CODES,
    )


def _read_local(prepared: str, text: str) -> _Prefix:
    m = _LOCAL.match(prepared)
    region, suffix, end = m.group("region"), (m.group("suffix") or "").upper(), m.end()
    suffix = suffix.lstrip("/")
    if region is None:
        if not suffix and prepared[end : end + 1].isalpha():
            raise designation_error(text, "unknown_prefix")
        # No digits: DB/T is the earthquake industry code, not a local standard.
        return _Prefix("industry", _MANDATES[suffix], "DB", f"DB/{suffix}" if suffix else "DB", end)
    if not m.group("suffix") and not prepared.startswith(" ", end):
        if m.group("space") and prepared[end : end + 1] in ("", ".", "-"):
            # "DB 15-2001": the digits are the number of a mandatory earthquake standard.
            return _Prefix("industry", "mandatory", "DB", "DB", m.start("region"))
        if end == len(prepared):
            raise designation_error(text, "no_number", prefix=f"DB{region}")
        raise designation_error(text, "ambiguous")
    if len(region) not in (2, 4, 6) or region[:2] not in PROVINCE_CODES or suffix == "Z":
        raise designation_error(text, "unknown_prefix")
    return _Prefix(
        tier="local",
        mandate=_MANDATES[suffix],
        body=f"DB{region}",
        prefix=f"DB{region}/{suffix}" if suffix else f"DB{region}",
        end=end,
    )


def _dbj_with_region_in_number(m: re.Match, text: str) -> Designation:
    """DBJ13-89-2007, DBJ/T 15-73-2010: province, number and year after the code."""
    region = m.group("region")
    if region not in PROVINCE_CODES:
        raise designation_error(text, "unknown_prefix")
    suffix = "T" if m.group("suffix") else ""
    return Designation(
        tier="local",
        mandate=_MANDATES[suffix],
        body=f"DBJ{region}",
        prefix="DBJ/T" if suffix else "DBJ",
        number=f"{region}-{m.group('number')}",
        part=m.group("part") or "",
        year=checked_year(m.group("year"), text),
    )


def _read_dbj_code(prepared: str, text: str) -> _Prefix:
    """DBJ41/T 070-2014: the province in the code, like a local standard's DB41/T."""
    m = _DBJ_CODE.match(prepared)
    if not m or m.group("region") not in PROVINCE_CODES:
        raise designation_error(text, "unknown_prefix")
    suffix = (m.group("suffix") or "").upper()
    region = m.group("region")
    return _Prefix(
        tier="local",
        mandate=_MANDATES[suffix],
        body=f"DBJ{region}",
        prefix=f"DBJ{region}/{suffix}" if suffix else f"DBJ{region}",
        end=m.end(),
    )


def _read_association(prepared: str, text: str, tier: str) -> _Prefix:
    m = _ASSOCIATION[tier].match(prepared)
    if not m:
        if len(prepared) > 2 and prepared[2].isalpha():
            raise designation_error(text, "no_number", prefix=prepared)
        raise designation_error(text, "unknown_prefix")
    code = (m.group("code") or m.group("glued")).upper()
    return _Prefix(
        tier=tier,
        mandate="",
        body=code,
        prefix=f"{prepared[0].upper()}/{code}",
        end=m.end(),
        number_suffix_allowed=True,
    )


def _read_rest(prepared: str, text: str, prefix: _Prefix) -> Designation:
    m = digits = _NUMBER.match(prepared, prefix.end)
    if not m or (m.group("letter") and not prefix.number_letter_allowed):
        raise designation_error(text, "no_number", prefix=prefix.prefix)
    if m.group("suffix") and not prefix.number_suffix_allowed:
        raise designation_error(text, "garbage", rest=prepared[m.start("suffix") :])
    pos = m.end()
    if prepared.startswith(".", pos):
        raise designation_error(text, "bad_part")
    part = m.group("part") or ""
    sub = _SUB_PART.match(prepared, pos) if m.group("letter") and not part else None
    if sub and m.group("year") is None:  # JTG F80/1-2004
        part, pos = sub.group("part"), sub.end()
        if y := _YEAR_AFTER_PART.match(prepared, pos):
            m, pos = y, y.end()
    year = None
    if m.group("year") is not None:
        year = checked_year(m.group("year"), text)
    elif prepared.startswith("-", pos):
        raise designation_error(text, "bad_year", year=prepared[pos + 1 : pos + 5])

    amendments = []
    while am := _AMENDMENT.match(prepared, pos):
        if am.group("revision"):
            amendments.append(f"{checked_year(am.group('rev'), text)}年版")
        else:
            amendment = f"XG{am.group('n')}"
            if am.group("year") is not None:
                amendment += f"-{checked_year(am.group('year'), text)}"
            amendments.append(amendment)
        pos = am.end()
    if all_parts := _ALL_PARTS.match(prepared, pos):
        # "GB/T 5606 (all parts)" cites the whole series: the undated reference says as much.
        pos = all_parts.end()

    if year is None and prefix.glued_needs_year and not prepared.startswith(" ", prefix.end):
        raise designation_error(text, "unknown_prefix")

    adopted = None
    if prepared.startswith("/", pos):
        adopted = _read_adoption(prepared[pos + 1 :], text)
        pos = len(prepared)
    if pos != len(prepared):
        raise designation_error(text, "garbage", rest=prepared[pos:])

    number = (digits.group("letter") or "").upper() + digits.group("number")
    return Designation(
        tier=prefix.tier,
        mandate=prefix.mandate,
        body=prefix.body,
        prefix=prefix.prefix,
        number=number + (digits.group("suffix") or "").upper(),
        part=part,
        year=year,
        amendments=tuple(amendments),
        adopted=adopted,
    )


def _read_adoption(rest: str, text: str) -> Designation:
    """The international standard adopted identically: GB/T 19001-2016/ISO 9001:2015."""
    try:
        return parse_international(rest, rest)
    except DesignationError as error:
        if error.reason == "unknown_prefix":
            raise designation_error(text, "garbage", rest="/" + rest) from None
        raise DesignationError(
            text, error.reason, f"The adopted standard in {text!r} is invalid: {error.message}"
        ) from None
