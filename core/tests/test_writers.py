"""The shared writers: no cell of any export can run as a formula; numbers stay numbers."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from openpyxl import load_workbook

from core.writers import (
    Column,
    Sheet,
    Styled,
    is_formula_like,
    safe_cell,
    unique_sheet_name,
    write_csv,
    write_xlsx,
)

ATTACKS = [
    '=HYPERLINK("http://evil.example","click")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    '＝HYPERLINK("x")',  # full-width equals sign
    "＋1+1",
    "－1+1",
    "＠SUM(A1)",
    "﹦1+1",  # small form
]
HARMLESS = ["GB/T 19001-2016", "质量管理体系 要求", "", "a=b", " =1", "中=文"]
NUMBERS_AS_TEXT = ["-12.5", "+3", "-1e-3", "-0", "－5"]


@pytest.mark.parametrize("text", ATTACKS)
def test_formula_like_text_is_neutralised_for_csv(text):
    assert is_formula_like(text)
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("text", HARMLESS + NUMBERS_AS_TEXT)
def test_harmless_text_and_negative_numbers_are_kept(text):
    assert not is_formula_like(text)
    assert safe_cell(text) == text


@pytest.mark.parametrize(
    "value", [-12, -0.5, 3, datetime.date(2025, 6, 1), None, True, datetime.time(8, 0)]
)
def test_numbers_dates_and_none_pass_through(value):
    assert safe_cell(value) is value


def test_other_objects_become_their_text():
    class Label:
        def __str__(self) -> str:
            return "=1+1"

    assert safe_cell(Label()) == "'=1+1"


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith("\ufeff".encode())  # Excel reads UTF-8 only with a BOM
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_csv_writer_neutralises_every_cell_and_keeps_numbers():
    rows = [[text, -5, "-5", datetime.date(2025, 6, 1)] for text in ATTACKS]
    written = read_csv(write_csv(["=title", "n", "t", "d"], rows))
    assert written[0][0] == "'=title"
    for text, row in zip(ATTACKS, written[1:], strict=True):
        assert row == ["'" + text, "-5", "-5", "2025-06-01"]


def test_xlsx_writer_never_writes_a_formula_and_keeps_the_text():
    rows = [[text, -5, "-5", datetime.date(2025, 6, 1)] for text in ATTACKS]
    data = write_xlsx(
        [
            Sheet("数据", rows, [Column("=title", 30), Column("n"), Column("t"), Column("d")]),
            Sheet("说明", [[Styled('=HYPERLINK("x")', bold=True, size=14)], ["@a", 1]]),
        ]
    )
    book = load_workbook(io.BytesIO(data))
    sheet = book["数据"]
    assert sheet.freeze_panes == "A2" and sheet.column_dimensions["A"].width == 30
    assert sheet["A1"].value == "=title" and sheet["A1"].font.b
    for r, text in enumerate(ATTACKS, start=2):
        cell = sheet.cell(r, 1)
        assert cell.value == text and cell.data_type == "s" and cell.quotePrefix
        assert sheet.cell(r, 2).value == -5 and sheet.cell(r, 2).data_type == "n"
        assert sheet.cell(r, 3).value == "-5" and not sheet.cell(r, 3).quotePrefix
        assert sheet.cell(r, 4).value == datetime.datetime(2025, 6, 1)
    notes = book["说明"]
    assert notes["A1"].data_type == "s" and notes["A1"].quotePrefix and notes["A1"].font.b
    assert notes["A2"].data_type == "s" and notes["B2"].value == 1
    # No formula anywhere in the file itself.
    assert b"<f>" not in _sheet_xml(data)


def test_xlsx_writer_drops_control_characters_instead_of_failing():
    """A search for text with control characters was exported as a 500 (schemathesis)."""
    data = write_xlsx([Sheet("数据", [["a\x00b\x1fc\x07", "正常"]])])
    sheet = load_workbook(io.BytesIO(data))["数据"]
    assert (sheet["A1"].value, sheet["B1"].value) == ("abc", "正常")


def _sheet_xml(data: bytes) -> bytes:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return b"".join(
            archive.read(name) for name in archive.namelist() if name.startswith("xl/worksheets/")
        )


def test_sheet_names_are_made_valid_and_unique():
    taken: set[str] = set()
    assert unique_sheet_name("a/b:c", taken) == "a_b_c"
    assert unique_sheet_name("a/b:c", taken) == "a_b_c_2"
    assert len(unique_sheet_name("长" * 40, taken)) <= 31
    assert unique_sheet_name("", taken) == "Sheet"


def test_sheet_names_follow_excel_rules_case_apostrophes_and_length():
    taken: set[str] = set()
    assert unique_sheet_name("Data", taken) == "Data"
    assert unique_sheet_name("DATA", taken) == "DATA_2"  # Excel ignores case
    assert unique_sheet_name("'quoted'", taken) == "quoted"
    assert unique_sheet_name("History", taken) == "History_2"  # reserved by Excel
    emoji = unique_sheet_name("😀" * 20, taken)  # 2 UTF-16 units each
    assert len(emoji.encode("utf-16-le")) // 2 <= 31
    data = write_xlsx([Sheet(name, [[1]]) for name in ("a", "A", "'x'", "😀" * 20)])
    assert load_workbook(io.BytesIO(data)).sheetnames == ["a", "A_2", "x", "😀" * 14]


def test_xlsx_writer_keeps_line_breaks_and_typed_values():
    value = "第一行\r\n第二行\t_x0041_"
    data = write_xlsx(
        [
            Sheet(
                "s",
                [[value, datetime.time(8, 30), True, -1.5, None, ""]],
                [Column("t"), Column("time"), Column("b"), Column("n", number_format="0.00")],
            )
        ]
    )
    sheet = load_workbook(io.BytesIO(data))["s"]
    row = sheet[2]
    assert "\r\n第二行\t" in row[0].value and row[0].data_type == "s"
    assert row[1].value == datetime.time(8, 30)
    assert row[2].value is True and row[3].value == -1.5 and row[3].number_format == "0.00"
    assert sheet.cell(2, 5).value is None and sheet.cell(2, 6).value is None


def test_xlsx_writer_refuses_datetimes_with_a_time_zone_like_before():
    aware = datetime.datetime(2025, 6, 1, tzinfo=datetime.UTC)
    with pytest.raises(TypeError):
        write_xlsx([Sheet("s", [[aware]])])
