"""The one way StdBase writes tables for people: safe cells, xlsx (write-only) and CSV.

Every export (catalogue lists, check reports, the audit trail, organisation members) goes
through `safe_cell()` and `write_xlsx()` / `stream_csv()` / `write_csv()`, so that a cell a
user typed (`=HYPERLINK(...)`, `＋cmd|...`, `@SUM(...)`) can never run as a formula when
the file is opened in Excel, WPS or LibreOffice (CSV/formula injection).

- In CSV a formula-like text is written with a leading apostrophe, the convention every
  spreadsheet program understands.
- In xlsx the text is kept exactly and stored as a string cell with Excel's "quote prefix"
  (what Excel itself stores when a person types the apostrophe), so a re-import reads the
  same text.
- Numbers stay numbers (also negative ones, and text that is just a number such as
  "-12.5"), dates stay dates.
"""

from __future__ import annotations

import csv
import datetime
import decimal
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
BOM = "\ufeff"

# First characters that make a spreadsheet read a cell as a formula (after NFKC folding,
# so that the full-width ＝＋－＠ and the small forms ﹦﹢﹣﹫ count too).
_FORMULA_START = frozenset("=+-@\t\r\n")
# Text that is only a number ("-12.5", "+3", "-1e-3") is a value, not a formula.
_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?")
# Excel refuses these in sheet names and allows at most 31 characters.
_BAD_SHEET_CHARS = str.maketrans(dict.fromkeys("[]:*?/\\", "_"))


def is_formula_like(value: object) -> bool:
    """Whether a spreadsheet program would run this value as a formula (text only)."""
    if not isinstance(value, str) or not value:
        return False
    first = unicodedata.normalize("NFKC", value[0])[:1]
    if first not in _FORMULA_START:
        return False
    return not _NUMBER.fullmatch(unicodedata.normalize("NFKC", value))


def safe_cell(value: Any) -> Any:
    """A cell value that cannot run as a formula: formula-like text gets a leading apostrophe.

    Numbers, dates, booleans and None pass through unchanged; any other object becomes
    its text. This is the form for text files (CSV); the xlsx writer keeps the text and
    marks the cell as text instead (see the module docstring).
    """
    if value is None or isinstance(
        value, bool | int | float | decimal.Decimal | datetime.date | datetime.time
    ):
        return value
    text = value if isinstance(value, str) else str(value)
    return "'" + text if is_formula_like(text) else text


@dataclass(frozen=True)
class Styled:
    """A cell value with presentation: bold, a font size, a number format."""

    value: Any
    bold: bool = False
    size: float | None = None
    number_format: str | None = None


@dataclass(frozen=True)
class Column:
    """One column: its heading (empty: no heading row), its width and number format."""

    title: str = ""
    width: float | None = None
    number_format: str | None = None


@dataclass
class Sheet:
    """One worksheet: optional columns (a bold, frozen heading row) and rows of values."""

    name: str
    rows: Iterable[Sequence[Any]]
    columns: Sequence[Column] = field(default_factory=list)
    freeze_header: bool = True


def unique_sheet_name(name: str, taken: set[str]) -> str:
    """A sheet name Excel accepts (31 characters, no []:*?/\\) that is not yet in `taken`."""
    base = (name or "Sheet").translate(_BAD_SHEET_CHARS)[:28] or "Sheet"
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base[:26]}_{n}"
    taken.add(candidate)
    return candidate


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


def _xlsx_cell(sheet, value: Any, number_format: str | None = None):
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    style = value if isinstance(value, Styled) else None
    if style is not None:
        value, number_format = style.value, style.number_format or number_format
    if value is not None and not isinstance(
        value, bool | int | float | decimal.Decimal | datetime.date | datetime.time | str
    ):
        value = str(value)
    if isinstance(value, str):
        # Control characters cannot be stored in the sheet's XML; drop them, not the export.
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # text is never a formula, whatever it starts with
        if is_formula_like(value):
            cell.quotePrefix = True
    elif isinstance(value, datetime.datetime):
        cell.number_format = number_format or "yyyy-mm-dd hh:mm"
    elif isinstance(value, datetime.date):
        cell.number_format = number_format or "yyyy-mm-dd"
    elif number_format:
        cell.number_format = number_format
    if style is not None and (style.bold or style.size):
        cell.font = Font(bold=style.bold, size=style.size or 11)
    return cell


def write_xlsx(sheets: Iterable[Sheet]) -> bytes:
    """Write the sheets as an xlsx workbook (streamed: fast and flat in memory)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    taken: set[str] = set()
    for spec in sheets:
        sheet = workbook.create_sheet(unique_sheet_name(spec.name, taken))
        formats = [c.number_format for c in spec.columns]
        for index, column in enumerate(spec.columns, start=1):
            if column.width:
                sheet.column_dimensions[_column_letter(index)].width = column.width
        if any(c.title for c in spec.columns):
            if spec.freeze_header:
                sheet.freeze_panes = "A2"
            sheet.append([_xlsx_cell(sheet, Styled(c.title, bold=True)) for c in spec.columns])
        for row in spec.rows:
            sheet.append(
                [
                    _xlsx_cell(sheet, value, formats[i] if i < len(formats) else None)
                    for i, value in enumerate(row)
                ]
            )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _csv_value(value: Any) -> Any:
    if isinstance(value, Styled):
        value = value.value
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return safe_cell(value)


class _Echo:
    """A file-like object whose write returns the line, for streaming csv.writer output."""

    def write(self, value: str) -> str:
        return value


def stream_csv(
    columns: Sequence[Column | str], rows: Iterable[Sequence[Any]], *, bom: bool = True
) -> Iterator[str]:
    """Yield CSV lines: the headings, then the rows; a BOM first so that Excel reads UTF-8."""
    writer = csv.writer(_Echo())
    header = [c.title if isinstance(c, Column) else c for c in columns]
    yield (BOM if bom else "") + writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        yield writer.writerow([_csv_value(v) for v in row])


def write_csv(columns: Sequence[Column | str], rows: Iterable[Sequence[Any]]) -> bytes:
    """The whole CSV (with BOM) as UTF-8 bytes."""
    return "".join(stream_csv(columns, rows)).encode("utf-8")
