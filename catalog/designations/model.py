"""The value object for a parsed standard designation and the error raised for bad input."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from .normalize import designation_tokens, expand_two_digit_year, read_year

TIERS = ("national", "industry", "local", "group", "enterprise", "international")
MANDATES = ("mandatory", "recommended", "guidance", "")

# Families decide how a designation is printed; they follow from the tier and the body.
_CHINESE_TIERS = frozenset({"national", "industry", "local", "group", "enterprise"})
_FIRST_DIGITS = re.compile(r"[0-9]+")
# Printed the IEEE way, number-year: IEEE and the bodies whose standards it carries on.
IEEE_STYLE_BODIES = frozenset(
    {
        "IEEE",
        "ANSI/IEEE",
        "ANSI/USEMCSC",
        "IEEE/ANSI",
        "IEEE/EIA",
        "IEEE/ISO/IEC",
        "IEEE/IEC",
        "ANSI",
        "AIEE",
        "ASA",
        "IRE",
    }
)


class DesignationError(ValueError):
    """Raised when a text cannot be read as a standard designation.

    ``reason`` is a short machine code (``empty``, ``too_long``, ``unknown_prefix``,
    ``no_number``, ``bad_year``, ``bad_part``, ``garbage``, ``draft``, ``ambiguous``,
    ``not_text``); ``message`` is an English sentence for people.
    """

    def __init__(self, text: str, reason: str, message: str) -> None:
        super().__init__(message)
        self.text = text
        self.reason = reason
        self.message = message

    def __str__(self) -> str:
        return self.message

    def __reduce__(self):  # keep the three attributes when pickled (e.g. by task queues)
        return (type(self), (self.text, self.reason, self.message))


_MESSAGES = {
    "not_text": "A standard designation must be text, not {kind}.",
    "empty": "The standard designation is empty.",
    "too_long": "The text is too long to be a standard designation "
    "({length} characters, at most {limit}).",
    "unknown_prefix": "{shown} does not start with a known standard code "
    "(such as GB/T, JB/T, DB41/T, T/..., Q/..., ISO, IEC, EN, ASTM, IEEE or ITU-T).",
    "no_number": "{shown} has no standard number after the code {prefix}.",
    "bad_year": "{shown} has an invalid year {year!r}: "
    "expected four digits, or two in old designations.",
    "bad_part": "{shown} has an incomplete part number.",
    "garbage": "{shown} has unexpected text {rest!r} after the designation.",
    "draft": "{shown} is a draft or project designation, not a published standard.",
    "ambiguous": "{shown} is ambiguous: separate the local code from the number "
    "with a space or /T, as in DB41 1234-2016 or DB41/T 1234-2016.",
}
_SHOWN_LENGTH = 60


def designation_error(text: str, reason: str, **details: object) -> DesignationError:
    """Build the error for ``reason``, its message filled from ``details``."""
    shown = text if len(text) <= _SHOWN_LENGTH else text[:_SHOWN_LENGTH] + "..."
    message = _MESSAGES[reason].format(shown=repr(shown), **details)
    return DesignationError(text, reason, message)


def checked_year(digits: str, text: str) -> int:
    """The year written in ``digits``, or the bad_year error for ``text``."""
    year = read_year(digits)
    if year is None:
        raise designation_error(text, "bad_year", year=digits)
    return year


@dataclass(frozen=True, slots=True)
class Designation:
    """A standard designation (标准编号) split into its parts, printable in canonical form.

    Two designations are equal when they name the same edition (with the same amendments);
    the adoption suffix (``adopted``) is a note about the edition and is ignored by ``==``
    and ``hash``.
    """

    tier: str  # one of TIERS
    mandate: str  # one of MANDATES; from /T, /Z or none for Chinese codes, "" otherwise
    body: str  # issuer: "GB", "JB", "DB41", "CAS" (T/CAS), "ISO/IEC", "IEEE", ...
    prefix: str  # as printed: "GB/T", "DB41/T", "T/CAS", "ISO/IEC TR", "EN ISO", ...
    number: str  # "19001", "D638" (ASTM), "802.3" (IEEE), "X.509" (ITU)
    part: str = ""  # "1" in GB 4943.1 and ISO 13379-1; "5-1-2"; ITU-R revision "6"
    year: int | None = None
    # Printed right after the year: ASTM letter / editorial / reapproval suffixes ("a",
    # "e1", "(2020)"); for ITU recommendations the month of the edition ("10" in (10/2019)).
    year_suffix: str = ""
    # Canonical amendment strings: "XG1-2024", "2018年版", "Amd 1:2021", "AMD1:2012",
    # "A1:2024" (EN), "Cor1-2015" (IEEE).
    amendments: tuple[str, ...] = ()
    consolidated: bool = False  # IEC "+AMD1:2012 CSV", EN "+A1:2024"
    adopted: Designation | None = field(default=None, compare=False)

    # -- printing -------------------------------------------------------------------------

    def __str__(self) -> str:
        return self.canonical

    @property
    def canonical(self) -> str:
        """The designation of this edition, amendments included, adoption suffix excluded."""
        return self._render(with_year=True, with_amendments=True)

    @property
    def edition_key(self) -> str:
        """The base edition: the canonical form without amendments or consolidation."""
        return self._render(with_year=True, with_amendments=False)

    @property
    def series_key(self) -> str:
        """The undated form that stands for every edition ("GB/T 19001", "IEC 60601-1")."""
        return self._render(with_year=False, with_amendments=False)

    @property
    def dated(self) -> bool:
        """Whether the designation names one edition (a dated reference)."""
        return self.year is not None

    @property
    def main_number(self) -> str:
        """The first run of ASCII digits in ``number``.

        "19001" for GB/T 19001, "638" for ASTM D638, "802" for IEEE 802.3, "509" for
        ITU-T X.509, "60" for JTG D60; "" if the number has no digit.
        """
        m = _FIRST_DIGITS.search(self.number)
        return m.group() if m else ""

    def with_year(self, year: int | None) -> Designation:
        """Another edition of the same series; edition-specific details are dropped.

        The year suffix, amendments, consolidation flag and adoption belong to one edition,
        so they are cleared; ``with_year(None)`` gives the undated reference.
        """
        return dataclasses.replace(
            self, year=year, year_suffix="", amendments=(), consolidated=False, adopted=None
        )

    def tokens(self) -> list[str]:
        """Search tokens of the canonical form (see ``designation_tokens``)."""
        return designation_tokens(self.canonical)

    # -- rendering per family -------------------------------------------------------------

    def _render(self, *, with_year: bool, with_amendments: bool) -> str:
        year = self.year if with_year else None
        if self.tier in _CHINESE_TIERS:
            return self._render_chinese(year, with_amendments)
        if self.body in IEEE_STYLE_BODIES:
            return self._render_ieee(year, with_amendments)
        if self.body == "ASTM":
            return self._render_astm(year)
        if self.body in ("ITU-T", "ITU-R"):
            return self._render_itu(year)
        return self._render_iso_like(year, with_amendments)

    def _render_chinese(self, year: int | None, with_amendments: bool) -> str:
        text = f"{self.prefix} {self.number}"
        if self.part:
            # Sub-parts of letter-numbers are printed with a slash: JTG F80/1-2004.
            text += f"/{self.part}" if self.number[:1].isalpha() else f".{self.part}"
        if year is not None:
            # CECS association standards print the year after a colon: CECS 02:2005.
            text += f":{year}" if self.prefix == "CECS" else f"-{year}"
        if with_amendments:
            for amendment in self.amendments:
                # Partial revisions of construction codes print as "(2018年版)".
                text += f"({amendment})" if amendment.endswith("年版") else f"/{amendment}"
        return text

    def _render_iso_like(self, year: int | None, with_amendments: bool) -> str:
        text = f"{self.prefix} {self.number}"
        if self.part:
            text += f"-{self.part}"
        if year is not None:
            text += f":{year}"
        if with_amendments and self.amendments:
            if self.consolidated:
                text += "".join(f"+{a}" for a in self.amendments)
                if self.body != "EN":
                    text += " CSV"
            else:
                text += "".join(f"/{a}" for a in self.amendments)
        return text

    def _render_ieee(self, year: int | None, with_amendments: bool) -> str:
        text = f"{self.prefix} {self.number}"
        if year is not None:
            text += f"-{year}"
        if with_amendments:
            text += "".join(f"/{a}" for a in self.amendments)
        return text

    def _render_astm(self, year: int | None) -> str:
        text = f"{self.prefix} {self.number}"
        if year is not None:
            text += f"-{astm_year_text(year)}{self.year_suffix}"
        return text

    def _render_itu(self, year: int | None) -> str:
        text = f"{self.prefix} {self.number}"
        if self.part:
            text += f"-{self.part}"
        if year is not None:
            month = f"{self.year_suffix}/" if self.year_suffix else ""
            text += f" ({month}{year})"
        return text


def astm_year_text(year: int) -> str:
    """ASTM prints two-digit years; fall back to four digits when they would be misread."""
    short = year % 100
    return f"{short:02d}" if expand_two_digit_year(short) == year else str(year)
