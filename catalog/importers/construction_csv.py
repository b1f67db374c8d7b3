"""The Arch-Standards-Index list of Chinese construction standards (CSV) into records.

Columns: 编号,名称,分类,属性,实施日期,状态,官方链接,版权分层,备注. The 备注 notes describe
repeals and renumbering in prose; the clear patterns become replacement links, with
``partial=True`` where only some (mandatory) clauses were repealed.
"""

from __future__ import annotations

import csv
import datetime
import io
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from catalog.importers.records import ImportFormatError, RecordError, RelationRef, StandardRecord
from catalog.importers.values import (
    clean,
    fold,
    parse_date,
    parse_status,
    split_edition,
)

Source = str | os.PathLike | IO[bytes]

REQUIRED_COLUMNS = ("编号", "名称", "实施日期", "状态")
PUBLISHER = "住房和城乡建设部"  # every standard in the list was announced by MOHURD
_DESIG = r"((?:GB|GB/T|JGJ|JGJ/T|CJJ|CJJ/T)\s*\d[\d.]*-\d{4}(?:\s*[(（]\d{4}年版[)）])?)"
_BOOK_TITLE = r"(?:《[^》]*》)?"

_RENUMBERED_RE = re.compile(rf"原编号\s*{_DESIG}")
# (pattern, relation, partial): "replaces" when this standard repeals the cited one,
# "replaced_by" when the cited one repeals (clauses of) this standard.
NOTE_RULES: tuple[tuple[re.Pattern[str], str, bool], ...] = (
    # 废止 GB 50153-2008 等 8 项标准相关强条: only the mandatory clauses go.
    (re.compile(rf"废止\s*{_DESIG}\s*等\s*\d+\s*项标准相关强条"), "replaces", True),
    # 废止 GB 50368-2005 及 8 项标准 55 条强条: the first standard goes whole.
    (re.compile(rf"废止\s*{_DESIG}\s*及"), "replaces", False),
    # 原编号 GB 50011-2010: renumbered, the old number is replaced by this one.
    (_RENUMBERED_RE, "replaces", False),
    # ... 强条 已被/已由 GB 55038-2025《...》 废止, 部分条文因 GB 55037-2022 废止
    (re.compile(rf"(?:已被|已由|因)\s*{_DESIG}\s*{_BOOK_TITLE}\s*废止"), "replaced_by", True),
)
_PARALLEL_RE = re.compile(rf"与\s*{_DESIG}\s*并行")


def _read_text(source: Source) -> tuple[str, str]:
    if hasattr(source, "read"):
        data, name = source.read(), getattr(source, "name", "<stream>")  # type: ignore[union-attr]
    else:
        path = Path(source)
        if not path.exists():
            raise ImportFormatError(f"{path}: no such file")
        data, name = path.read_bytes(), path.name
    try:
        return data.decode("utf-8-sig"), str(name)
    except UnicodeDecodeError as exc:
        raise ImportFormatError(f"{name}: not UTF-8 text ({exc})") from exc


def note_relations(note: str) -> tuple[list[RelationRef], list[RelationRef], list[str]]:
    """(replaces, replaced_by, parallel designations) stated by one 备注 note."""
    replaces: list[RelationRef] = []
    replaced_by: list[RelationRef] = []
    for pattern, relation, partial in NOTE_RULES:
        for match in pattern.finditer(note):
            designation = split_edition(fold(match.group(1)))[0]
            target = replaces if relation == "replaces" else replaced_by
            if all(r.designation != designation for r in target):
                target.append(RelationRef(designation, partial=partial))
    parallel = [split_edition(fold(m.group(1)))[0] for m in _PARALLEL_RE.finditer(note)]
    return replaces, replaced_by, parallel


def parse_construction_csv(
    source: Source, *, as_of: datetime.date | None = None
) -> Iterator[StandardRecord | RecordError]:
    """Records from the construction standards CSV; a bad row becomes a RecordError."""
    text, name = _read_text(source)
    reader = csv.reader(io.StringIO(text))
    header = [clean(h) for h in next(reader, [])]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise ImportFormatError(f"{name}: missing column(s) {', '.join(missing)}")
    for line, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        cells = {h: clean(row[i]) if i < len(row) else "" for i, h in enumerate(header)}
        yield _row_record(cells, line, name, as_of)


def _row_record(
    cells: dict[str, str], line: int, name: str, as_of: datetime.date | None
) -> StandardRecord | RecordError:
    raw = fold(cells.get("编号"))
    if not raw:
        return RecordError(line, "缺少标准号", name)
    designation, edition = split_edition(raw)
    try:
        status = parse_status(cells.get("状态"))
    except ValueError:
        return RecordError(line, f"状态无法识别：{cells.get('状态')}", name)
    try:
        effective = parse_date(cells.get("实施日期"))
    except ValueError:
        return RecordError(line, f"实施日期格式无法识别：{cells.get('实施日期')}", name)
    note = cells.get("备注", "")
    replaces, replaced_by, parallel = note_relations(note)
    record = StandardRecord(
        designation=designation,
        title_zh=cells.get("名称", ""),
        status=status,
        effective=effective,
        publisher=PUBLISHER,
        replaces=[r for r in replaces if r.designation != designation],
        replaced_by=replaced_by,
        edition=edition,
        url=cells.get("官方链接", ""),
        source="cn-construction",
        source_ref=f"{name}:{line}",
        as_of=as_of,
        line=line,
    )
    for column, key in (("分类", "category"), ("属性", "mandate"), ("版权分层", "copyright_tier")):
        if value := cells.get(column):
            record.extra[key] = value
    if note:
        record.extra["note"] = note
    if parallel:
        record.extra["parallel_with"] = parallel
    if match := _RENUMBERED_RE.search(note):
        record.extra["renumbered_from"] = split_edition(fold(match.group(1)))[0]
    return record
