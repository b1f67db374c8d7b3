"""International designations: ISO, IEC (and their joint forms), EN, ASTM, IEEE and ITU."""

from __future__ import annotations

import re
from collections.abc import Callable

from .model import Designation, checked_year, designation_error
from .normalize import MAX_YEAR

_HEAD = re.compile(r"[A-Z]+", re.I)

# -- ISO, IEC, CISPR, IWA and EN ----------------------------------------------------------

_ISO_PUBLISHER = re.compile(
    r"(?P<pub>ISO(?:/(?:IEC(?:/IEEE)?|IEEE|ASTM|ASME|CIE|HL7|OECD|SAE))?"
    r"|IEC(?:/(?:IEEE|ISO(?:/IEEE)?|ASTM))?|CISPR|IWA)(?![A-Z])",
    re.I,
)
_EN_PUBLISHER = re.compile(r"EN(?: ?(?P<pub>ISO/IEC|ISO|IEC))?(?![A-Z])", re.I)
_QUALIFIER = re.compile(r"[/ ](?P<q>[A-Z]+)(?![A-Z])", re.I)
# ISO/R: Recommendations before 1972; ISO/TTA: Technology Trends Assessments; ISO/DATA.
_PUBLISHED_QUALIFIERS = {
    q.upper(): q for q in ("TS", "TR", "PAS", "ISP", "SRD", "R", "TTA", "DATA", "Guide")
}
# Stage codes of drafts and projects: such designations are refused with reason "draft".
_DRAFT_QUALIFIER = re.compile(r"F?DIS|CDV?|WD|AWI|NWIP|NP|PWI|[FP]?D(?:TS|TR|PAS)|PRF|DGUIDE")
_ISO_NUMBER = re.compile(
    r" ?(?P<number>[0-9]+[A-Z]?)(?![A-Z])"
    r"(?:-(?P<part>[0-9A-Z]+(?:-[0-9A-Z]+)*))?"
    r"(?::(?P<year>[0-9]+))?",
    re.I,
)
_DRAFT_AMENDMENT = re.compile(
    r"[/+] ?(?:F?DAMD?|PDAMD?|F?DCOR|(?:CD|AWI|WD|NP|PRF|DIS|FDIS|PWI) ?(?:AMD|COR))(?![A-Z])",
    re.I,
)
_AMENDMENT = re.compile(
    r"(?P<join>[/+]) ?(?P<kind>AMD|COR|ADD|ISH|AC|A)\.? ?(?P<n>[0-9]*)"
    r"(?::(?P<year>[0-9]+))?(?![A-Z0-9])",
    re.I,
)
_CSV = re.compile(r" ?CSV$", re.I)
_IEEE_DOTTED = re.compile(
    r" ?(?P<number>[0-9]+)\.(?P<part>[0-9A-Z]+(?:[.-][0-9A-Z]+)*?)"
    r"(?:-(?P<year>[0-9]{4}))?(?P<amendments>(?:/(?:AMD|COR) ?[0-9]+(?:-[0-9]{4})?)*)$",
    re.I,
)
_IEEE_DOTTED_AMENDMENT = re.compile(
    r"/(?P<kind>AMD|COR) ?(?P<n>[0-9]+)(?:-(?P<year>[0-9]{4}))?", re.I
)


def _iso_spelling(m: re.Match) -> str:
    """ " 15026-1:2019/Amd 7:2016" for IEEE's " 15026.1-2019/Amd7-2016"."""
    text = f" {m.group('number')}-{m.group('part').replace('.', '-')}"
    if m.group("year"):
        text += f":{m.group('year')}"
    for am in _IEEE_DOTTED_AMENDMENT.finditer(m.group("amendments")):
        text += f"/{am.group('kind')} {am.group('n')}"
        if am.group("year"):
            text += f":{am.group('year')}"
    return text


# How each family prints an amendment kind; a kind missing from a family is not accepted.
_ISO_KINDS = {"AMD": "Amd ", "A": "Amd ", "COR": "Cor ", "ADD": "Add "}
_IEC_KINDS = {"AMD": "AMD", "A": "AMD", "COR": "COR", "ISH": "ISH"}
_EN_KINDS = {"AMD": "A", "A": "A", "AC": "AC"}


def _parse_iso_like(prepared: str, text: str) -> Designation:
    m = _ISO_PUBLISHER.match(prepared)
    if not m:
        raise designation_error(text, "unknown_prefix")
    pub = m.group("pub").upper()
    pos = m.end()
    qualifiers: list[str] = []
    while q := _QUALIFIER.match(prepared, pos):
        word = q.group("q").upper()
        if _DRAFT_QUALIFIER.fullmatch(word):
            raise designation_error(text, "draft")
        if word not in _PUBLISHED_QUALIFIERS:
            break
        qualifiers.append(_PUBLISHED_QUALIFIERS[word])
        pos = q.end()
    if pub == "ISO" and qualifiers and qualifiers[0] != "Guide":
        prefix = "ISO/" + " ".join(qualifiers)  # ISO/TS, ISO/TR, ISO/PAS, ISO/R
    else:
        prefix = " ".join([pub, *qualifiers])  # ISO/IEC TR, IEC TS, ISO Guide
    iec_family = pub.startswith(("IEC", "CISPR"))
    return _read_iso_tail(prepared, pos, text, pub, prefix, "IEC" if iec_family else "ISO")


def _parse_en(prepared: str, text: str) -> Designation:
    m = _EN_PUBLISHER.match(prepared)
    if not m:
        raise designation_error(text, "unknown_prefix")
    prefix = f"EN {m.group('pub').upper()}" if m.group("pub") else "EN"
    return _read_iso_tail(prepared, m.end(), text, "EN", prefix, "EN")


def _read_iso_tail(
    prepared: str, pos: int, text: str, pub: str, prefix: str, family: str
) -> Designation:
    """Number, part, year, amendments and CSV flag after an ISO-style prefix."""
    if dotted := _IEEE_DOTTED.match(prepared, pos):
        # IEEE's catalogue prints joint ISO/IEC/IEEE standards with a dotted part and an
        # IEEE year ("ISO/IEC/IEEE 15026.1-2019"): read it as ISO/IEC prints it (15026-1:2019).
        prepared = prepared[:pos] + _iso_spelling(dotted)
    m = _ISO_NUMBER.match(prepared, pos)
    if not m:
        raise designation_error(text, "no_number", prefix=prefix)
    pos = m.end()
    if prepared.startswith("-", pos):
        raise designation_error(text, "bad_part")
    part = (m.group("part") or "").upper()
    year = None
    if m.group("year") is not None:
        year = checked_year(m.group("year"), text)
    elif prepared.startswith(":", pos):
        raise designation_error(text, "bad_year", year=prepared[pos + 1 : pos + 5])
    elif part:
        # "ISO 9001-2015" is a common slip for ISO 9001:2015. No ISO or IEC part number
        # looks like a year (checked on all Relaton ISO and IEC identifiers), so read it so.
        head, _, last = part.rpartition("-")
        if len(last) == 4 and last.isdigit() and 1950 <= int(last) <= MAX_YEAR:
            part, year = head, int(last)

    raw_amendments: list[tuple[str, str, str]] = []
    joins = set()
    while prepared[pos : pos + 1] in ("/", "+"):
        if _DRAFT_AMENDMENT.match(prepared, pos):
            raise designation_error(text, "draft")
        am = _AMENDMENT.match(prepared, pos)
        if not am:
            break
        joins.add(am.group("join"))
        amendment_year = am.group("year")
        if amendment_year is not None:
            amendment_year = str(checked_year(amendment_year, text))
        raw_amendments.append((am.group("kind").upper(), am.group("n"), amendment_year or ""))
        pos = am.end()
    consolidated = "+" in joins
    if pos < len(prepared) and (csv := _CSV.match(prepared, pos)):
        if not consolidated or family == "EN":
            raise designation_error(text, "garbage", rest=prepared[pos:])
        pos = csv.end()
    if pos != len(prepared):
        raise designation_error(text, "garbage", rest=prepared[pos:])

    if family == "ISO" and consolidated:
        family = "IEC"  # JTC 1 consolidated versions are published by IEC: +AMD1 ... CSV
    amendments = tuple(_render_amendment(raw, family, text) for raw in raw_amendments)
    return Designation(
        tier="international",
        mandate="",
        body="ISO" if pub == "IWA" else pub,
        prefix=prefix,
        number=m.group("number").upper(),
        part=part,
        year=year,
        amendments=amendments,
        consolidated=consolidated,
    )


def _render_amendment(raw: tuple[str, str, str], family: str, text: str) -> str:
    kind, number, year = raw
    kinds = {"ISO": _ISO_KINDS, "IEC": _IEC_KINDS, "EN": _EN_KINDS}[family]
    if kind not in kinds or (not number and kind != "AC"):
        raise designation_error(text, "garbage", rest=f"{kind}{number}")
    rendered = kinds[kind] + number
    return f"{rendered.strip()}:{year}" if year else rendered.strip()


# -- ASTM ---------------------------------------------------------------------------------

_ASTM = re.compile(
    r"ASTM ?(?P<number>[A-Z][0-9]+(?:\.[0-9]+)?M?(?:/[A-Z][0-9]+(?:\.[0-9]+)?M)?)(?![0-9])",
    re.I,
)
_ASTM_YEAR = re.compile(
    r"-(?P<year>[0-9]+)(?P<letter>[A-Z](?![0-9]))?(?:[Eε](?P<editorial>[0-9]+))?"
    r"(?:\((?P<reapproved>[0-9]{4})\))?",
    re.I,
)


def _parse_astm(prepared: str, text: str) -> Designation:
    m = _ASTM.match(prepared)
    if not m:
        if prepared[:4].upper() != "ASTM":
            raise designation_error(text, "unknown_prefix")
        raise designation_error(text, "no_number", prefix="ASTM")
    pos = m.end()
    year, suffix = None, ""
    if y := _ASTM_YEAR.match(prepared, pos):
        year = checked_year(y.group("year"), text)
        # ASTM D638-14a: revision letter; -17e1: editorial change; -13(2020): reapproved.
        suffix = (y.group("letter") or "").lower()
        if y.group("editorial"):
            suffix += "e" + y.group("editorial")
        if y.group("reapproved"):
            suffix += f"({checked_year(y.group('reapproved'), text)})"
        pos = y.end()
    elif prepared.startswith("-", pos):
        raise designation_error(text, "bad_year", year=prepared[pos + 1 : pos + 5])
    if pos != len(prepared):
        raise designation_error(text, "garbage", rest=prepared[pos:])
    return Designation(
        tier="international",
        mandate="",
        body="ASTM",
        prefix="ASTM",
        number=m.group("number").upper(),
        year=year,
        year_suffix=suffix,
    )


# -- IEEE ---------------------------------------------------------------------------------

# IEEE and the bodies whose standards it carries on: AIEE, IRE, ASA, ANSI (C37, C57 ...).
_IEEE_HEAD = re.compile(
    r"(?P<pub>ANSI/IEEE|ANSI/USEMCSC|IEEE/(?:ANSI|EIA|ISO/IEC|IEC)|ANSI|AIEE|ASA|IRE|IEEE)"
    r"(?![A-Z/])(?P<draft> ?(?:UN)?APPROVED| ?DRAFT)?"
    r"(?: ?STD(?![A-Z])\.?)?(?: ?NO(?![A-Z])\.?)? ?",
    re.I,
)
_IEEE_PROJECT = re.compile(r"P[CN]?[0-9]", re.I)
_IEEE_NUMBER = re.compile(
    r"(?P<number>[A-Z]?[0-9]+[A-Z]*(?:\.[A-Z]?[0-9]+[A-Z]*)*)(?:-(?P<year>[0-9]+))?", re.I
)
_IEEE_DRAFT_VERSION = re.compile(r"/D-?[0-9]", re.I)
_IEEE_AMENDMENT = re.compile(
    r"/ ?(?P<kind>COR|AMD) ?(?P<n>[0-9]+)(?:-(?P<year>[0-9]+))?(?![A-Z0-9])", re.I
)


def _parse_ieee(prepared: str, text: str) -> Designation:
    m = _IEEE_HEAD.match(prepared)
    if not m:
        raise designation_error(text, "unknown_prefix")
    pub = m.group("pub").upper()
    if m.group("draft") or _IEEE_PROJECT.match(prepared, m.end()):
        raise designation_error(text, "draft")  # IEEE P802.3dj: a project, not a standard
    n = _IEEE_NUMBER.match(prepared, m.end())
    if not n:
        raise designation_error(text, "no_number", prefix=pub)
    pos = n.end()
    if _IEEE_DRAFT_VERSION.match(prepared, pos):
        raise designation_error(text, "draft")
    year = checked_year(n.group("year"), text) if n.group("year") is not None else None
    if year is None and prepared.startswith("-", pos):
        raise designation_error(text, "bad_year", year=prepared[pos + 1 : pos + 5])
    amendments = []
    while am := _IEEE_AMENDMENT.match(prepared, pos):
        amendment = am.group("kind").title() + am.group("n")
        if am.group("year") is not None:
            amendment += f"-{checked_year(am.group('year'), text)}"
        amendments.append(amendment)
        pos = am.end()
    if pos != len(prepared):
        raise designation_error(text, "garbage", rest=prepared[pos:])
    number = n.group("number")
    return Designation(
        tier="international",
        mandate="",
        body=pub,
        prefix=pub,
        # Amendment letters are case-significant (802.1Q vs 802.1Qdx): only the leading
        # series letter (C37.2, N42.14) is folded to upper case.
        number=number[0].upper() + number[1:],
        year=year,
        amendments=tuple(amendments),
    )


# -- UL and NFPA -------------------------------------------------------------------------

_US_CODE = re.compile(r"(?P<pub>UL|NFPA)(?![A-Z])", re.I)


def _parse_us_code(prepared: str, text: str) -> Designation:
    """UL 94, UL 60950-1:2007, NFPA 70:2023 (also written NFPA 70-2023), printed like ISO."""
    m = _US_CODE.match(prepared)
    if not m:
        raise designation_error(text, "unknown_prefix")
    pub = m.group("pub").upper()
    return _read_iso_tail(prepared, m.end(), text, pub, pub, "ISO")


# -- ITU ----------------------------------------------------------------------------------

_ITU = re.compile(
    r"(?:REC(?:OMMENDATION)?\.? ?)?ITU-?(?P<sector>[TR])(?![A-Z])(?: ?REC(?:OMMENDATION)?\.?)? ?"
    r"(?P<number>[A-Z]{1,3}\.[0-9]+(?:\.[0-9]+)*)(?:-(?P<revision>[0-9]+))?",
    re.I,
)
_ITU_DATE = re.compile(r" ?\((?:(?P<month>[0-9]{1,2})/)?(?P<year>[0-9]+)\)")


def _parse_itu(prepared: str, text: str) -> Designation:
    m = _ITU.match(prepared)
    if not m:
        raise designation_error(text, "no_number", prefix="ITU")
    pos = m.end()
    year, month = None, ""
    if d := _ITU_DATE.match(prepared, pos):
        year = checked_year(d.group("year"), text) if len(d.group("year")) == 4 else None
        if year is None or (d.group("month") and not 1 <= int(d.group("month")) <= 12):
            raise designation_error(text, "bad_year", year=d.group()[1:])
        month = f"{int(d.group('month')):02d}" if d.group("month") else ""
        pos = d.end()
    if pos != len(prepared):
        raise designation_error(text, "garbage", rest=prepared[pos:])
    organisation = f"ITU-{m.group('sector').upper()}"
    return Designation(
        tier="international",
        mandate="",
        body=organisation,
        prefix=organisation,
        number=m.group("number").upper(),
        # ITU-R BT.709-6: the revision number is printed like a part.
        part=m.group("revision") or "",
        year=year,
        year_suffix=month,  # the month of the edition, printed as (10/2019)
    )


# -- dispatch -----------------------------------------------------------------------------

_PARSERS: dict[str, Callable[[str, str], Designation]] = {
    "ISO": _parse_iso_like,
    "IEC": _parse_iso_like,
    "CISPR": _parse_iso_like,
    "IWA": _parse_iso_like,
    "EN": _parse_en,
    "IEEE": _parse_ieee,
    "ANSI": _parse_ieee,
    "AIEE": _parse_ieee,
    "ASA": _parse_ieee,
    "IRE": _parse_ieee,
    "UL": _parse_us_code,
    "NFPA": _parse_us_code,
    "ITU": _parse_itu,
    "REC": _parse_itu,
    "RECOMMENDATION": _parse_itu,
}


def international_parser(prepared: str) -> Callable[[str, str], Designation] | None:
    """The parser for an international designation, or None if the head is not one."""
    m = _HEAD.match(prepared)
    if not m:
        return None
    head = m.group().upper()
    if head.startswith("ASTM"):  # "ASTMD638" glues the number's letter to the code
        return _parse_astm
    return _PARSERS.get(head)


def parse_international(prepared: str, text: str) -> Designation:
    """Parse a prepared international designation; ``text`` is quoted in errors."""
    parser = international_parser(prepared)
    if parser is None:
        raise designation_error(text, "unknown_prefix")
    return parser(prepared, text)
