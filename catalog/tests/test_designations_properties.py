"""Property-based tests: designations built from parts survive every common spelling."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalog.designations import (
    Designation,
    DesignationError,
    designation_tokens,
    normalize_text,
    parse,
    try_parse,
)
from catalog.designations.codes import INDUSTRY_CODES, NATIONAL_CODES, PROVINCE_CODES
from catalog.designations.normalize import CURRENT_YEAR, expand_two_digit_year

SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(autouse=True)
def _isolated_media():
    """Shadow the project-wide media fixture: it needs Django, these tests need none."""


# -- building blocks ----------------------------------------------------------------------

years = st.integers(min_value=1950, max_value=CURRENT_YEAR)
digits = st.from_regex(r"[1-9][0-9]{0,4}", fullmatch=True)
small = st.integers(min_value=1, max_value=99).map(str)
letters = st.from_regex(r"[A-Z]{2,6}", fullmatch=True)

FULL_WIDTH = {chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)} | {" ": "\u3000"}
DASHES = ["-", "\u2014", "\u2013", "\uff0d", "\u2010", " - ", " \u2014 "]


def full_width(text: str) -> str:
    return "".join(FULL_WIDTH.get(c, c) for c in text)


@st.composite
def chinese(draw):
    """(expected canonical, parts) for a dated or undated Chinese designation."""
    kind = draw(st.sampled_from(["national", "industry", "local", "group", "enterprise"]))
    if kind == "national":
        code, suffix = "GB", draw(st.sampled_from(["", "T", "Z"]))
    elif kind == "industry":
        # Mandatory "DB" needs its space ("DB 15-2001"), so only DB/T is spelled freely.
        code = draw(st.sampled_from(sorted(INDUSTRY_CODES - {"DB"} | NATIONAL_CODES - {"GB"})))
        suffix = draw(st.sampled_from(["", "T"]))
    elif kind == "local":
        region = draw(st.sampled_from(sorted(PROVINCE_CODES)))
        region += draw(st.sampled_from(["", "01", "03", "07", "0100"]))
        code, suffix = f"DB{region}", "T"  # without /T the digits would run together
    else:
        code, suffix = f"{'T' if kind == 'group' else 'Q'}/{draw(letters)}", ""
    number = draw(digits)
    part = draw(st.one_of(st.just(""), small))
    year = draw(st.one_of(st.none(), years))
    prefix = f"{code}/{suffix}" if suffix else code
    canonical = f"{prefix} {number}" + (f".{part}" if part else "")
    canonical += f"-{year}" if year else ""
    return canonical, (code, suffix, number, part, year)


@st.composite
def chinese_spelling(draw, parts):
    code, suffix, number, part, year = parts
    slash = draw(st.sampled_from(["/", " / ", "\uff0f"]))
    prefix = code
    if suffix:  # "GBT 19001" is common; "GBZ" is another code, so /Z keeps its slash
        prefix += draw(
            st.sampled_from([slash + suffix, suffix] if suffix == "T" else [slash + suffix])
        )
    if "/" in code and slash != "/":  # T/CAS, Q/CSG
        prefix = prefix.replace("/", slash, 1)
    # An undated industry code glued to its number ("SL176") is refused on purpose.
    glued_ok = suffix or year or code in NATIONAL_CODES or "/" in code
    space = draw(st.sampled_from([" ", "", "  ", "\u3000"] if glued_ok else [" ", "\u3000"]))
    text = prefix + space + number + (f".{part}" if part else "")
    if year:
        short = year % 100
        two_digit_ok = expand_two_digit_year(short) == year
        written = draw(st.sampled_from([str(year), f"{short:02d}"])) if two_digit_ok else year
        text += f"{draw(st.sampled_from(DASHES))}{written}"
    return draw(spelled(text))


@st.composite
def spelled(draw, text):
    if draw(st.booleans()):
        text = text.lower()
    if draw(st.booleans()):
        text = full_width(text)
    left, right = draw(st.sampled_from([("", ""), ("《", "》"), ("(", ")"), (" ", "  ")]))
    return left + text + right


ISO_PREFIXES = [
    "ISO",
    "ISO/IEC",
    "ISO/TS",
    "ISO/TR",
    "ISO/PAS",
    "ISO/IEC TR",
    "ISO/IEC TS",
    "ISO/IEC Guide",
    "ISO/IEC/IEEE",
    "IEC",
    "IEC TS",
    "IEC TR",
    "IEC PAS",
    "EN",
    "EN ISO",
    "EN IEC",
]


@st.composite
def iso_like(draw):
    prefix = draw(st.sampled_from(ISO_PREFIXES))
    number = draw(digits)
    # Parts stay below 1000: a four-digit last part would be read as "ISO 9001-2015".
    parts = draw(st.lists(st.integers(1, 999).map(str), max_size=3))
    year = draw(st.one_of(st.none(), years))
    amendments, joiner, tail = [], "/", ""
    if year and draw(st.booleans()):
        count = draw(st.integers(1, 2))
        years_after = [draw(st.integers(year, CURRENT_YEAR)) for _ in range(count)]
        if prefix.startswith("IEC"):
            amendments = [f"AMD{i + 1}:{y}" for i, y in enumerate(years_after)]
            if draw(st.booleans()):
                joiner, tail = "+", " CSV"
        elif prefix.startswith("EN"):
            amendments = [f"A{i + 1}:{y}" for i, y in enumerate(years_after)]
            joiner = "+"
        else:
            amendments = [f"Amd {i + 1}:{y}" for i, y in enumerate(years_after)]
    body = f"{prefix} {number}" + "".join(f"-{p}" for p in parts)
    canonical = body + (f":{year}" if year else "")
    canonical += "".join(joiner + a for a in amendments) + tail
    # Spelling: spaces around separators, dash look-alikes inside the number.
    text = canonical.replace(":", draw(st.sampled_from([":", " : ", "\uff1a"])))
    text = text.replace("-", draw(st.sampled_from(["-", "\u2014", " - "])))
    if draw(st.booleans()) and " " not in prefix:
        text = text.replace(f"{prefix} ", prefix, 1)  # ISO9001:2015
    return canonical, draw(spelled(text))


@st.composite
def astm(draw):
    letter = draw(st.sampled_from("ABCDEFG"))
    number = f"{letter}{draw(digits)}"
    if draw(st.booleans()):
        number = f"{number}/{number}M"
    year = draw(st.integers(CURRENT_YEAR - 60, CURRENT_YEAR))
    suffix = draw(st.sampled_from(["", "a", "b"]))
    canonical = f"ASTM {number}-{year % 100:02d}{suffix}"
    return canonical, draw(spelled(canonical))


@st.composite
def ieee(draw):
    number = draw(st.sampled_from(["", "C"])) + draw(digits)
    number += "".join(f".{n}" for n in draw(st.lists(small, max_size=2)))
    number += draw(st.sampled_from(["", "a", "bt", "cq"]))  # lower-case amendment letters
    year = draw(years)
    canonical = f"IEEE {number}-{year}"
    text = draw(st.sampled_from(["IEEE ", "IEEE Std ", "IEEE Std. "])) + f"{number}-{year}"
    return canonical, draw(spelled(text))


@st.composite
def itu(draw):
    sector = draw(st.sampled_from("TR"))
    number = f"{draw(st.sampled_from(['X', 'G', 'H', 'Y', 'BT']))}.{draw(digits)}"
    canonical = f"ITU-{sector} {number}"
    text = f"ITU-{sector} {draw(st.sampled_from(['', 'Rec. ']))}{number}"
    if draw(st.booleans()):
        month, year = draw(st.integers(1, 12)), draw(years)
        canonical += f" ({month:02d}/{year})"
        text += f" ({month}/{year})"
    return canonical, draw(spelled(text))


# -- properties ---------------------------------------------------------------------------


@SETTINGS
@given(st.data())
def test_chinese_spellings_parse_to_the_canonical_form(data):
    canonical, parts = data.draw(chinese())
    text = data.draw(chinese_spelling(parts))
    assert parse(text).canonical == canonical, text


@SETTINGS
@given(st.one_of(iso_like(), astm(), ieee(), itu()))
def test_international_spellings_parse_to_the_canonical_form(case):
    canonical, text = case
    assert parse(text).canonical == canonical, text


@SETTINGS
@given(
    st.one_of([s.map(lambda case: case[0]) for s in (chinese(), iso_like(), astm(), ieee(), itu())])
)
def test_canonical_form_is_a_fixed_point(canonical):
    designation = parse(canonical)
    assert designation.canonical == canonical
    assert parse(designation.canonical) == designation
    assert parse(designation.edition_key).edition_key == designation.edition_key
    assert parse(designation.series_key).series_key == designation.series_key
    assert designation.with_year(None).canonical == designation.series_key


ALPHABET = st.sampled_from(
    list("GBTZDJQSOIECENASMY/:-.+() 0123456789一年版") + ["\u2014", "\uff0f", "\u3000"]
)


@SETTINGS
@given(st.one_of(st.text(max_size=80), st.text(ALPHABET, max_size=40)))
def test_arbitrary_text_never_raises_anything_else(text):
    try:
        designation = parse(text)
    except DesignationError as error:
        assert error.reason
        assert str(error) == error.message
        return
    # Whatever is accepted prints to a form that reads back the same.
    assert isinstance(designation, Designation)
    assert parse(designation.canonical).canonical == designation.canonical


@SETTINGS
@given(st.text(min_size=201, max_size=10_000))
def test_long_text_is_refused(text):
    with pytest.raises(DesignationError) as caught:
        parse(text)
    assert caught.value.reason == "too_long"
    assert try_parse(text) is None


@SETTINGS
@given(st.text(max_size=2_000))
def test_normalize_and_tokens_never_crash(text):
    normalized = normalize_text(text)
    assert normalize_text(normalized) == normalized
    tokens = designation_tokens(text)
    assert all(token and token == token.lower() and " " not in token for token in tokens)


@SETTINGS
@given(st.data())
def test_tokens_ignore_width_and_case(data):
    canonical, _ = data.draw(chinese())
    variant = full_width(canonical)
    if data.draw(st.booleans()):
        variant = variant.lower()
    assert designation_tokens(variant) == designation_tokens(canonical)
