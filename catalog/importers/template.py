"""The documented spreadsheet template of the base office (see docs/import-template.md)."""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass


@dataclass(frozen=True)
class TemplateColumn:
    """One column of the template: header, whether required, what it holds, an example."""

    header: str
    required: bool
    explanation: str
    example: str


# The example row is a real record: GB/T 19001-2016 as published on the national platform.
TEMPLATE_COLUMNS: tuple[TemplateColumn, ...] = (
    TemplateColumn(
        "标准号",
        True,
        "标准编号，如 GB/T 19001-2016、JB/T 13368-2018、"
        "T/CAS 115-2020、ISO 9001:2015；可写全角字符与破折号",
        "GB/T 19001-2016",
    ),
    TemplateColumn("中文名称", False, "标准中文名称（列名也可写“标准名称”）", "质量管理体系 要求"),
    TemplateColumn("英文名称", False, "标准英文名称", "Quality management systems—Requirements"),
    TemplateColumn(
        "状态",
        False,
        "现行、即将实施、废止、被代替（也接受 current、upcoming、"
        "withdrawn、replaced）；留空时按日期推断",
        "现行",
    ),
    TemplateColumn(
        "发布日期", False, "2016-12-30、2016/12/30、2016年12月30日或 Excel 日期单元格", "2016-12-30"
    ),
    TemplateColumn("实施日期", False, "格式同发布日期", "2017-07-01"),
    TemplateColumn("废止日期", False, "格式同发布日期；现行标准留空", ""),
    TemplateColumn(
        "代替标准", False, "本标准代替的旧标准，多个用顿号、逗号、分号或空格分隔", "GB/T 19001-2008"
    ),
    TemplateColumn("被代替标准", False, "代替本标准的新标准，分隔方式同上", ""),
    TemplateColumn("ICS", False, "国际标准分类号，如 03.120.10，多个用分号分隔", "03.120.10"),
    TemplateColumn("CCS", False, "中国标准文献分类号，如 A00，多个用分号分隔", "A00"),
    TemplateColumn("归口单位/技术委员会", False, "技术委员会编号或归口单位名称", "SAC/TC 151"),
    TemplateColumn("发布单位", False, "发布机构", "国家质量监督检验检疫总局、国家标准化管理委员会"),
    TemplateColumn(
        "采标情况",
        False,
        "采用的国际标准及一致性程度（IDT 等同、MOD 修改、NEQ 非等效），如“ISO 9001:2015, IDT”",
        "ISO 9001:2015, IDT",
    ),
    TemplateColumn("来源链接", False, "可核对该记录的网页地址", ""),
)

_FIXED_TIME = datetime.datetime(2025, 1, 1)  # fixed document properties: reproducible file


def write_template(path: str | os.PathLike) -> None:
    """Write the empty xlsx template: header row, one example row and a 说明 sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "标准清单"
    sheet.append([c.header for c in TEMPLATE_COLUMNS])
    sheet.append([c.example for c in TEMPLATE_COLUMNS])
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for column, spec in enumerate(TEMPLATE_COLUMNS, start=1):
        cell = sheet.cell(row=1, column=column)
        cell.font = bold
        cell.fill = fill
        letter = cell.column_letter
        sheet.column_dimensions[letter].width = max(12, min(40, len(spec.example) * 2 + 4))
    sheet.freeze_panes = "A2"

    notes = workbook.create_sheet("说明")
    notes.append(["列名", "是否必填", "说明", "示例"])
    for spec in TEMPLATE_COLUMNS:
        notes.append(
            [spec.header, "必填" if spec.required else "选填", spec.explanation, spec.example]
        )
    notes.append([])
    notes.append(
        [
            "第一张工作表为数据表：第 1 行为表头，第 2 行为示例（导入前请删除或替换），"
            "每行一个标准版本。也可另存为 CSV（UTF-8 或 GB18030 编码）导入。"
        ]
    )
    for cell in notes[1]:
        cell.font = bold
    for letter, width in (("A", 20), ("B", 10), ("C", 70), ("D", 36)):
        notes.column_dimensions[letter].width = width
    for row in notes.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    workbook.properties.creator = "StdBase"
    workbook.properties.created = _FIXED_TIME
    workbook.properties.modified = _FIXED_TIME
    workbook.save(os.fspath(path))
