"""Examples for catalog.designations: real designations, fields, printing and errors."""

from __future__ import annotations

import csv
import dataclasses
import pickle
from pathlib import Path

import pytest

from catalog.designations import (
    Designation,
    DesignationError,
    designation_tokens,
    normalize_text,
    parse,
    try_parse,
)

# Real designations: the construction standards list (编号 and 备注), the relaton-gb examples,
# a sample of Relaton ISO / IEC / IEEE primary identifiers and the spellings people type.
# The expected canonical forms were written by rule and reviewed by hand, not taken from
# the parser.
_DATA = Path(__file__).parent / "data" / "real_designations.tsv"


def _real_rows() -> list[tuple[str, str, str]]:
    with _DATA.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [(row["input"], row["expected"], row["tier"]) for row in reader]


REAL_ROWS = _real_rows()


@pytest.fixture(autouse=True)
def _isolated_media():
    """Shadow the project-wide media fixture: it needs Django, these tests need none.

    The module must also run with ``-p no:django`` (no ``settings`` fixture there).
    """


def test_real_data_covers_every_tier():
    assert len(REAL_ROWS) > 500
    assert {tier for _, _, tier in REAL_ROWS} == {
        "national",
        "industry",
        "local",
        "group",
        "enterprise",
        "international",
    }


@pytest.mark.parametrize(("text", "expected", "tier"), REAL_ROWS, ids=[r[0] for r in REAL_ROWS])
def test_real_designation(text, expected, tier):
    designation = parse(text)
    assert (designation.canonical, designation.tier) == (expected, tier)
    assert parse(expected) == designation
    assert parse(expected).canonical == expected


# -- fields -------------------------------------------------------------------------------

FIELDS = [
    # text, tier, mandate, body, prefix, number, part, year
    ("GB/T 19001-2016", "national", "recommended", "GB", "GB/T", "19001", "", 2016),
    ("GB 4943.1-2022", "national", "mandatory", "GB", "GB", "4943", "1", 2022),
    ("GB/Z 17624.1-1998", "national", "guidance", "GB", "GB/Z", "17624", "1", 1998),
    ("GB 50016-2014", "national", "mandatory", "GB", "GB", "50016", "", 2014),
    ("GB 1234-88", "national", "mandatory", "GB", "GB", "1234", "", 1988),
    ("GB 1234-05", "national", "mandatory", "GB", "GB", "1234", "", 2005),
    ("JB/T 13368-2018", "industry", "recommended", "JB", "JB/T", "13368", "", 2018),
    ("YY 0505-2012", "industry", "mandatory", "YY", "YY", "0505", "", 2012),
    ("JGJ 3-2010", "industry", "mandatory", "JGJ", "JGJ", "3", "", 2010),
    ("JTG D60-2015", "industry", "mandatory", "JTG", "JTG", "D60", "", 2015),
    ("DB/T 15-2001", "industry", "recommended", "DB", "DB/T", "15", "", 2001),
    ("DB41/T 1234-2016", "local", "recommended", "DB41", "DB41/T", "1234", "", 2016),
    ("DB4101/T 12-2020", "local", "recommended", "DB4101", "DB4101/T", "12", "", 2020),
    ("DB41 529-2008", "local", "mandatory", "DB41", "DB41", "529", "", 2008),
    ("T/CAS 115-2020", "group", "", "CAS", "T/CAS", "115", "", 2020),
    ("Q/CSG 510001-2015", "enterprise", "", "CSG", "Q/CSG", "510001", "", 2015),
    ("ISO 9001:2015", "international", "", "ISO", "ISO", "9001", "", 2015),
    ("ISO 13379-1:2012", "international", "", "ISO", "ISO", "13379", "1", 2012),
    ("ISO/IEC 29110-5-1-2:2011", "international", "", "ISO/IEC", "ISO/IEC", "29110", "5-1-2", 2011),
    ("ISO/TS 16949", "international", "", "ISO", "ISO/TS", "16949", "", None),
    ("ISO/IEC TR 24028:2020", "international", "", "ISO/IEC", "ISO/IEC TR", "24028", "", 2020),
    ("IEC TS 62443-1-1:2009", "international", "", "IEC", "IEC TS", "62443", "1-1", 2009),
    ("EN ISO 13849-1:2015", "international", "", "EN", "EN ISO", "13849", "1", 2015),
    ("ASTM D638-14", "international", "", "ASTM", "ASTM", "D638", "", 2014),
    ("IEEE Std 802.3-2022", "international", "", "IEEE", "IEEE", "802.3", "", 2022),
    ("ITU-T X.509", "international", "", "ITU-T", "ITU-T", "X.509", "", None),
]


@pytest.mark.parametrize(
    ("text", "tier", "mandate", "body", "prefix", "number", "part", "year"), FIELDS
)
def test_fields(text, tier, mandate, body, prefix, number, part, year):
    d = parse(text)
    assert (d.tier, d.mandate, d.body, d.prefix, d.number, d.part, d.year) == (
        tier,
        mandate,
        body,
        prefix,
        number,
        part,
        year,
    )


def test_chinese_amendment_and_revision():
    d = parse("GB 4943.1-2022/XG1-2024")
    assert d.amendments == ("XG1-2024",)
    assert d.edition_key == "GB 4943.1-2022"
    assert d.series_key == "GB 4943.1"
    revised = parse("GB 50016-2014（2018年版）")
    assert revised.amendments == ("2018年版",)
    assert revised.canonical == "GB 50016-2014(2018年版)"
    assert revised.edition_key == "GB 50016-2014"


def test_adoption_is_kept_but_not_printed_nor_compared():
    d = parse("GB/T 19001-2016/ISO 9001:2015")
    assert d.adopted == parse("ISO 9001:2015")
    assert d.adopted.tier == "international"
    assert d.canonical == "GB/T 19001-2016"
    assert d == parse("GB/T 19001-2016")
    assert hash(d) == hash(parse("GB/T 19001-2016"))
    assert parse("GB/T 22080-2016/ISO/IEC 27001:2013").adopted.prefix == "ISO/IEC"


def test_iso_and_iec_amendments():
    iso = parse("ISO 14971:2019/Amd 1:2021")
    assert iso.amendments == ("Amd 1:2021",)
    assert not iso.consolidated
    assert iso.edition_key == "ISO 14971:2019"
    csv_version = parse("IEC 60601-1:2005+AMD1:2012")
    assert csv_version.amendments == ("AMD1:2012",)
    assert csv_version.consolidated
    assert csv_version.canonical == "IEC 60601-1:2005+AMD1:2012 CSV"
    assert csv_version.edition_key == "IEC 60601-1:2005"
    assert csv_version.series_key == "IEC 60601-1"
    assert parse("IEC 60086-3:2021/Cor 1:2023").amendments == ("COR1:2023",)
    assert parse("ISO/IEC 9541-1:1991/AMD1:2001").amendments == ("Amd 1:2001",)


def test_astm_year_suffixes():
    d = parse("ASTM D638-14a")
    assert (d.year, d.year_suffix, d.canonical) == (2014, "a", "ASTM D638-14a")
    assert parse("ASTM A36/A36M-19").number == "A36/A36M"
    assert parse("ASTM E2500-13(2020)").year_suffix == "(2020)"
    assert parse("ASTM D638-2014").canonical == "ASTM D638-14"


def test_ieee_and_itu():
    assert parse("IEEE Std 1900.6/Cor1-2015").amendments == ("Cor1-2015",)
    assert parse("ieee c37.2-2008").canonical == "IEEE C37.2-2008"
    itu = parse("ITU-T Rec. X.509 (10/2019)")
    assert (itu.year, itu.year_suffix, itu.canonical) == (2019, "10", "ITU-T X.509 (10/2019)")
    assert itu.series_key == "ITU-T X.509"


# -- derived properties -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "main"),
    [
        ("GB/T 19001-2016", "19001"),
        ("GB 4943.1-2022", "4943"),
        ("ASTM D638-14", "638"),
        ("IEEE 802.3-2022", "802"),
        ("ITU-T X.509", "509"),
        ("JTG D60-2015", "60"),
    ],
)
def test_main_number_is_the_first_digit_run(text, main):
    assert parse(text).main_number == main


def test_dated_with_year_and_keys():
    d = parse("GB 4943.1-2022/XG1-2024")
    assert d.dated
    undated = d.with_year(None)
    assert not undated.dated
    assert undated.canonical == "GB 4943.1" == d.series_key
    assert d.with_year(2011).canonical == "GB 4943.1-2011"
    astm = parse("ASTM D638-14a").with_year(2022)
    assert astm.canonical == "ASTM D638-22"


def test_value_semantics():
    a, b = parse("ＧＢ／Ｔ　１９００１—２０１６"), parse("gb/t19001-2016")
    assert a == b
    assert {a: 1}[b] == 1
    assert str(a) == a.canonical == "GB/T 19001-2016"
    assert a != parse("GB/T 19001-2008")
    assert isinstance(a, Designation)
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.year = 2000  # type: ignore[misc]


def test_tokens():
    assert parse("GB/T 19001-2016").tokens() == ["gb", "t", "19001", "2016"]


# -- normalize_text and designation_tokens ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ＧＢ／Ｔ　１９００１", "GB/T 19001"),
        ("GB/T 19001—2016", "GB/T 19001-2016"),
        ("GB/T 19001 – 2016", "GB/T 19001-2016"),
        ("GB/T 19001一2016", "GB/T 19001-2016"),
        ("GB/T 19001－2016", "GB/T 19001-2016"),
        ("GB/T 19001‐2016", "GB/T 19001-2016"),
        ("  GB/T\t\n19001  ", "GB/T 19001"),
        ("建筑设计防火规范 GB 50016", "建筑设计防火规范 GB 50016"),
        ("第一章", "第一章"),
        ("", ""),
    ],
)
def test_normalize_text(text, expected):
    assert normalize_text(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("GB/T 19001-2016", ["gb", "t", "19001", "2016"]),
        ("ISO/IEC 27001:2022", ["iso", "iec", "27001", "2022"]),
        ("ASTM D638-14", ["astm", "d", "638", "14"]),
        ("GB 4943.1-2022", ["gb", "4943", "1", "2022"]),
        ("ＧＢ／Ｔ１９００１", ["gb", "t", "19001"]),
        ("", []),
    ],
)
def test_designation_tokens(text, expected):
    assert designation_tokens(text) == expected


# -- errors -------------------------------------------------------------------------------

ERRORS = [
    ("", "empty"),
    ("   ", "empty"),
    ("《》", "empty"),
    ("x" * 201, "too_long"),
    ("19001", "unknown_prefix"),
    ("500kV", "unknown_prefix"),
    ("DOC 1", "unknown_prefix"),
    ("2020-01-01", "unknown_prefix"),
    ("2020年1月1日", "unknown_prefix"),
    ("010-12345678", "unknown_prefix"),
    ("+86 371 1234 5678", "unknown_prefix"),
    ("CH1", "unknown_prefix"),  # a channel, not the surveying standard CH 1
    ("NB6", "unknown_prefix"),
    ("AB/T 123-2020", "unknown_prefix"),
    ("DB99/T 1-2020", "unknown_prefix"),
    ("DB411/T 1-2020", "unknown_prefix"),
    ("T/", "unknown_prefix"),
    ("标准 GB/T 19001", "unknown_prefix"),
    ("GB/T", "no_number"),
    ("ISO", "no_number"),
    ("T/CAS", "no_number"),
    ("ASTM 638", "no_number"),
    ("GB/T 19001-201", "bad_year"),
    ("GB/T 19001-20166", "bad_year"),
    ("GB/T 19001-3016", "bad_year"),
    ("GB/T 19001-", "bad_year"),
    ("ISO 9001:215", "bad_year"),
    ("ISO 9001:", "bad_year"),
    ("ITU-T X.509 (13/2019)", "bad_year"),
    ("GB/T 19001-2016/ISO 9001:201", "bad_year"),
    ("GB 4943.-2022", "bad_part"),
    ("ISO 13379-:2012", "bad_part"),
    ("GB/T 19001-2016 foo", "garbage"),
    ("GB/T 19001-2016/XYZ 1", "garbage"),
    ("CISPR 11:2015 RLV", "garbage"),
    ("IEEE Std 1633-2016 Redline", "garbage"),
    ("ISO 3758:1991/Suppl:1993", "garbage"),
    ("ISO/DIS 965-4", "draft"),
    ("ISO/IEC FDIS 27002", "draft"),
    ("ISO 4254-7:2017/FDAM 1", "draft"),
    ("ISO 7010:2019/CD Amd 151", "draft"),
    ("IEEE P802.3dj", "draft"),
    ("IEEE P1609.4/D-8.0-2010-06", "draft"),
    ("DB411234-2016", "ambiguous"),
]


@pytest.mark.parametrize(("text", "reason"), ERRORS)
def test_error_reason(text, reason):
    with pytest.raises(DesignationError) as caught:
        parse(text)
    error = caught.value
    assert (error.text, error.reason) == (text, reason)
    assert str(error) == error.message
    assert error.message.endswith(".")
    assert try_parse(text) is None


def test_error_is_a_value_error_that_survives_pickling():
    with pytest.raises(ValueError, match="does not start with a known standard code"):
        parse("19001")
    try:
        parse("GB/T 19001-201")
    except DesignationError as error:
        copy = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own object
        assert (copy.text, copy.reason, copy.message) == (error.text, error.reason, error.message)


def test_non_text_input_is_a_designation_error():
    with pytest.raises(DesignationError) as caught:
        parse(None)  # type: ignore[arg-type]
    assert caught.value.reason == "not_text"
    assert try_parse(19001) is None  # type: ignore[arg-type]


def test_long_input_is_refused_before_any_work():
    with pytest.raises(DesignationError) as caught:
        parse("GB/T 19001-2016 " * 1000)
    assert caught.value.reason == "too_long"
    assert len(caught.value.message) < 200


# Families met in real texts (issue 9): each written as the source printed it, and its
# canonical form, which parses back to the same designation.
FAMILIES = [
    # provincial engineering-construction standards
    ("DBJ13-89-2007", "DBJ 13-89-2007", "local"),
    ("DBJ/T 15-73-2010", "DBJ/T 15-73-2010", "local"),
    ("DBJ/T15-73-2010", "DBJ/T 15-73-2010", "local"),
    ("DBJ41/T 070-2014", "DBJ41/T 070-2014", "local"),
    # CECS association standards before T/CECS
    ("CECS 02:2005", "CECS 02:2005", "group"),
    ("CECS 02-2005", "CECS 02:2005", "group"),
    ("CECS 28:2012", "CECS 28:2012", "group"),
    # highway standards: letter-number parts and sub-parts
    ("JTG F80/1-2004", "JTG F80/1-2004", "industry"),
    ("JTG F80/2—2004", "JTG F80/2-2004", "industry"),
    ("JTG D60-2015", "JTG D60-2015", "industry"),
    # ISO Recommendations, ISPs, TTAs, alphanumeric parts, joint IEEE, addenda
    ("ISO/R 552:1966", "ISO/R 552:1966", "international"),
    ("ISO/IEC ISP 10607-3:1995", "ISO/IEC ISP 10607-3:1995", "international"),
    ("ISO/TTA 1:1994", "ISO/TTA 1:1994", "international"),
    ("ISO 105-B04:1994", "ISO 105-B04:1994", "international"),
    ("ISO/IEEE 11073-10101:2004", "ISO/IEEE 11073-10101:2004", "international"),
    ("ISO 2631/Add 1:1974", "ISO 2631/Add 1:1974", "international"),
    ("ISO/ASME 14414:2015", "ISO/ASME 14414:2015", "international"),
    # UL and NFPA
    ("UL 94", "UL 94", "international"),
    ("UL 60950-1:2007", "UL 60950-1:2007", "international"),
    ("NFPA 70", "NFPA 70", "international"),
    ("NFPA 13-2022", "NFPA 13:2022", "international"),
    # IEEE's dotted spellings, its own and of joint ISO/IEC/IEEE standards
    ("IEEE Std 802.11-2020", "IEEE 802.11-2020", "international"),
    ("ANSI/IEEE Std 1003.1", "ANSI/IEEE 1003.1", "international"),
    ("IEEE C37.20.2", "IEEE C37.20.2", "international"),
    ("IEEE Std C37.20.2-1999", "IEEE C37.20.2-1999", "international"),
    ("ISO/IEC/IEEE 15026.1-2019", "ISO/IEC/IEEE 15026-1:2019", "international"),
    ("ISO/IEEE 11073.10101-2004", "ISO/IEEE 11073-10101:2004", "international"),
    ("ISO/IEC/IEEE 8802.1Q/Amd7-2016", "ISO/IEC/IEEE 8802-1Q/Amd 7:2016", "international"),
    ("IEC/IEEE 60255.118-1-2018", "IEC/IEEE 60255-118-1:2018", "international"),
    ("IEEE/EIA 12207.0-1996", "IEEE/EIA 12207.0-1996", "international"),
    ("IEEE/ANSI Std 24-1984", "IEEE/ANSI 24-1984", "international"),
    ("ANSI C135.14-1979", "ANSI C135.14-1979", "international"),
    ("AIEE 11-1937", "AIEE 11-1937", "international"),
    ("IRE 12.S1-1962", "IRE 12.S1-1962", "international"),
]


@pytest.mark.parametrize(("text", "expected", "tier"), FAMILIES, ids=[f[0] for f in FAMILIES])
def test_designation_families_from_real_texts(text, expected, tier):
    designation = parse(text)
    assert (designation.canonical, designation.tier) == (expected, tier)
    assert parse(designation.canonical) == designation


def test_highway_sub_part_is_not_cut():
    book1, book2 = parse("JTG F80/1-2004"), parse("JTG F80/2-2004")
    assert (book1.number, book1.part, book1.year) == ("F80", "1", 2004)
    assert book1 != book2 and book1.series_key == "JTG F80/1"


def test_dbj_province_must_exist():
    with pytest.raises(DesignationError):
        parse("DBJ99-1-2000")


def test_ieee_dotted_joint_standard_equals_its_iso_spelling():
    assert parse("ISO/IEC/IEEE 15026.1-2019") == parse("ISO/IEC/IEEE 15026-1:2019")
