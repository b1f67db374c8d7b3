"""Standard lists kept in spreadsheets (xlsx or CSV) into standard records.

Two header vocabularies are recognised from the header row: the base office template
(标准号, 中文名称, 状态, 发布日期, ...; see ``docs/import-template.md``) and the field names
of records exported from the national public standards platform (C_STD_CODE, C_C_NAME,
STATE, ISSUE_DATE, ...). Messages are in Chinese: the people who fix the rows read them.
"""

from __future__ import annotations

import csv
import datetime
import io
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from catalog.importers.records import ImportFormatError, RecordError, RelationRef, StandardRecord
from catalog.importers.values import (
    clean,
    fold,
    parse_adoption,
    parse_codes,
    parse_date,
    parse_status,
    split_designations,
    split_edition,
)

Source = str | os.PathLike | IO[bytes]

# Record field -> accepted header names (compared after _header_key normalisation).
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "designation": ("标准号", "标准编号", "编号", "C_STD_CODE", "STD_CODE", "STANDARD_CODE"),
    "title_zh": (
        "中文名称",
        "标准名称",
        "中文标准名称",
        "标准中文名称",
        "名称",
        "C_C_NAME",
        "C_NAME",
        "STD_NAME",
    ),
    "title_en": ("英文名称", "英文标准名称", "标准英文名称", "C_E_NAME", "E_NAME"),
    "status": ("状态", "标准状态", "STATE", "STD_STATE", "STATUS", "C_STATE"),
    "issued": ("发布日期", "ISSUE_DATE", "PUBLISH_DATE", "PUB_DATE", "C_ISSUE_DATE"),
    "effective": ("实施日期", "ACT_DATE", "IMPL_DATE", "EXECUTE_DATE", "C_ACT_DATE"),
    "withdrawn": ("废止日期", "ABOL_DATE", "ABOLISH_DATE", "REPEAL_DATE", "C_ABOL_DATE"),
    "replaces": ("代替标准", "替代标准", "代替标准号", "C_SUPERSEDE_CODE", "SUPERSEDE_CODE"),
    "replaced_by": (
        "被代替标准",
        "被替代标准",
        "被代替标准号",
        "C_REPLACED_CODE",
        "REPLACED_CODE",
    ),
    "ics": ("ICS", "ICS分类号", "ICS分类", "国际标准分类号", "ICS_CODE", "C_ICS", "C_ICS_CODE"),
    "ccs": ("CCS", "CCS分类号", "CCS分类", "中国标准分类号", "中标分类", "CCS_CODE", "C_CCS"),
    "committee": (
        "归口单位/技术委员会",
        "归口单位",
        "技术委员会",
        "技术归口",
        "TC_NAME",
        "C_TC_NAME",
        "TC_CODE",
        "C_TC_CODE",
    ),
    "publisher": ("发布单位", "发布部门", "发布机构", "ISSUE_DEPT", "C_ISSUE_DEPT", "C_PUB_DEPT"),
    "adoption": ("采标情况", "采用国际标准", "采标", "C_ADOPT", "ADOPT", "C_ADOPT_STD"),
    "url": ("来源链接", "链接", "官方链接", "网址", "URL", "C_URL", "STD_URL", "DETAIL_URL"),
}
FIELD_LABELS = {
    "issued": "发布日期",
    "effective": "实施日期",
    "withdrawn": "废止日期",
    "ics": "ICS 分类号",
    "ccs": "CCS 分类号",
}
_HEADER_SCAN_ROWS = 10
_EXCEL_SERIAL_RANGE = (1, 2958466)  # 1900-01-01 .. 9999-12-31
# "GB/T 19001-2016/ISO 9001:2015": an identical adoption written into the designation.
_ADOPTED_IN_DESIGNATION = re.compile(
    r"^(?P<own>.+?-\s*\d{2,4})\s*/\s*(?P<intl>(?:ISO|IEC|ITU|IEEE|EN|CISPR)\b.+)$"
)


def _header_key(value: Any) -> str:
    text = re.sub(r"[\s*]|[(（]必填[)）]", "", fold(value))
    return text.upper()


_ALIAS_INDEX = {_header_key(a): f for f, aliases in COLUMN_ALIASES.items() for a in aliases}


def _is_platform_header(key: str) -> bool:
    return key.isascii() and "_" in key


def _map_header(row: list[Any]) -> dict[int, str] | None:
    """Column index -> field for a header row, or None when it has no designation column."""
    mapping: dict[int, str] = {}
    for index, cell in enumerate(row):
        field = _ALIAS_INDEX.get(_header_key(cell))
        if field and field not in mapping.values():
            mapping[index] = field
    return mapping if "designation" in mapping.values() else None


# ---------------------------------------------------------------------------- reading


def _read_bytes(source: Source) -> tuple[bytes, str]:
    if hasattr(source, "read"):
        return source.read(), Path(getattr(source, "name", "upload")).name  # type: ignore[union-attr]
    path = Path(source)
    if not path.exists():
        raise ImportFormatError(f"文件不存在：{path}")
    return path.read_bytes(), path.name


def _xlsx_rows(data: bytes, name: str) -> Iterator[tuple[int, list[Any]]]:
    from openpyxl import load_workbook  # imported lazily: CSV imports do not need it

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged package
        raise ImportFormatError(f"{name}：无法读取 Excel 文件（{exc}）") from exc
    try:
        sheet = workbook.worksheets[0]
        for index, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield index, list(row)
    finally:
        workbook.close()


def _decode(data: bytes, name: str) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFormatError(f"{name}：文件编码无法识别（支持 UTF-8 与 GB18030）")


def _csv_rows(data: bytes, name: str) -> Iterator[tuple[int, list[Any]]]:
    text = _decode(data, name)
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if first_line.count("\t") > first_line.count(",") else ","
    for index, row in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1):
        yield index, list(row)


def _rows(data: bytes, name: str) -> Iterator[tuple[int, list[Any]]]:
    if data.startswith(b"PK\x03\x04"):
        return _xlsx_rows(data, name)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFormatError(f"{name}：不支持旧版 .xls 文件，请另存为 .xlsx 或 CSV")
    return _csv_rows(data, name)


def parse_spreadsheet(
    source: Source,
    *,
    as_of: datetime.date | None = None,
    source_slug: str | None = None,
) -> Iterator[StandardRecord | RecordError]:
    """Records from an xlsx or CSV standards list; each bad row becomes a RecordError.

    The header row is looked for in the first ten rows; a file without a 标准号 (or
    C_STD_CODE) column raises ImportFormatError. The source slug defaults to
    'samr-platform' for platform field names and 'spreadsheet' otherwise.
    """
    data, name = _read_bytes(source)
    rows = _rows(data, name)
    mapping: dict[int, str] | None = None
    header: list[Any] = []
    for index, row in rows:
        mapping = _map_header(row)
        if mapping is not None:
            header = row
            break
        if index >= _HEADER_SCAN_ROWS:
            break
    if mapping is None:
        raise ImportFormatError(f"{name}：找不到表头，表格需要“标准号”列（或 C_STD_CODE）")
    platform = any(_is_platform_header(_header_key(header[i])) for i in mapping)
    slug = source_slug or ("samr-platform" if platform else "spreadsheet")
    extra_columns = {i: clean(h) for i, h in enumerate(header) if i not in mapping and clean(h)}
    for index, row in rows:
        if all(clean(cell) == "" for cell in row):
            continue
        yield _row_record(row, index, mapping, extra_columns, name, slug, as_of)


# ---------------------------------------------------------------------------- rows


def _cell_date(value: Any) -> datetime.date | None:
    """A date cell: a date, an Excel serial number, or text parse_date understands."""
    if isinstance(value, bool):
        raise ValueError(str(value))
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 19000101 <= value <= 99991231 and float(value).is_integer():
            return parse_date(str(int(value)))  # 20160101 typed as a number
        low, high = _EXCEL_SERIAL_RANGE
        if low <= value <= high:
            from openpyxl.utils.datetime import from_excel

            return from_excel(value).date()
        raise ValueError(str(value))
    return parse_date(value)


def _row_record(
    row: list[Any],
    line: int,
    mapping: dict[int, str],
    extra_columns: dict[int, str],
    name: str,
    slug: str,
    as_of: datetime.date | None,
) -> StandardRecord | RecordError:
    cells = {field: row[i] if i < len(row) else None for i, field in mapping.items()}

    def error(reason: str) -> RecordError:
        return RecordError(line, reason, name)

    raw = fold(cells.get("designation"))
    if not raw:
        return error("缺少标准号")
    designation, edition = split_edition(raw)
    record = StandardRecord(
        designation=designation,
        edition=edition,
        title_zh=clean(cells.get("title_zh")),
        title_en=clean(cells.get("title_en")),
        committee=clean(cells.get("committee")),
        publisher=clean(cells.get("publisher")),
        url=clean(cells.get("url")),
        source=slug,
        source_ref=f"{name}:{line}",
        as_of=as_of,
        line=line,
    )
    try:
        record.status = parse_status(cells.get("status"))
    except ValueError as exc:
        return error(f"状态无法识别：{exc}")
    for field in ("issued", "effective", "withdrawn"):
        try:
            setattr(record, field, _cell_date(cells.get(field)))
        except ValueError:
            return error(f"{FIELD_LABELS[field]}格式无法识别：{clean(cells.get(field))}")
    for field in ("ics", "ccs"):
        try:
            setattr(record, field, parse_codes(cells.get(field), field))
        except ValueError as exc:
            return error(f"{FIELD_LABELS[field]}格式无法识别：{exc}")
    try:
        record.adoption, record.adoption_degree = parse_adoption(cells.get("adoption"))
    except ValueError as exc:
        return error(f"采标情况无法识别：{exc}")
    if match := _ADOPTED_IN_DESIGNATION.match(designation):
        record.designation = match.group("own").strip()
        if record.adoption is None:
            record.adoption, record.adoption_degree = parse_adoption(match.group("intl"))
            record.adoption_degree = record.adoption_degree or "IDT"
    record.replaces = _refs(cells.get("replaces"))
    record.replaced_by = _refs(cells.get("replaced_by"))
    for index, header in extra_columns.items():
        if index < len(row) and (value := clean(row[index])):
            record.extra[header] = value
    return record


def _refs(value: Any) -> list[RelationRef]:
    return [RelationRef(split_edition(d)[0]) for d in split_designations(value)]
