"""Exports of result lists: open the generated xlsx and CSV and read the rows back."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from openpyxl import load_workbook

from catalog.models import Standard
from catalog.search import SearchQuery
from catalog.services.exports import (
    export_queryset,
    export_search_results,
    stream_csv,
    write_xlsx,
)
from catalog.tests.factories import StandardFactory
from catalog.tests.ui_data import build_catalogue, build_many

pytestmark = pytest.mark.django_db

HEADERS = [
    "标准号",
    "中文名称",
    "英文名称",
    "层级",
    "状态",
    "发布日期",
    "实施日期",
    "废止日期",
    "ICS",
    "CCS",
    "发布单位",
    "来源",
]


@pytest.fixture
def catalogue():
    return build_catalogue()


def _csv_rows(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff"), "Excel needs the BOM to read UTF-8"
    return list(csv.reader(io.StringIO(body[1:])))


def test_xlsx_export_of_a_search(client, catalogue):
    response = client.get("/search/export.xlsx", {"q": "19001", "sort": "date"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    assert 'attachment; filename="stdbase-standards-' in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADERS
    assert [row[0] for row in rows[1:]] == ["GB/T 19001-2016", "GB/T 19001-2008", "GB/T 19001-2000"]
    newest = dict(zip(HEADERS, rows[1], strict=True))
    assert newest["中文名称"] == "质量管理体系 要求"
    assert newest["层级"] == "国家标准"
    assert newest["状态"] == "现行"
    assert newest["发布日期"].date() == datetime.date(2016, 12, 30)
    assert newest["实施日期"].date() == datetime.date(2017, 7, 1)
    assert newest["废止日期"] is None
    assert newest["ICS"] == "03.120.10"
    assert newest["CCS"] == "A00"
    assert newest["发布单位"] == "国家市场监督管理总局"
    assert newest["来源"] == "测试目录快照"
    assert dict(zip(HEADERS, rows[3], strict=True))["状态"] == "被代替"
    notes = {row[0]: row[1] for row in workbook.worksheets[1].iter_rows(values_only=True)}
    assert notes["匹配的标准"] == 3 and notes["导出行数"] == 3


def test_csv_export_streams_with_bom_and_filters(client, catalogue):
    response = client.get(
        "/search/export.csv", {"q": "quality management", "tier": "international"}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = _csv_rows(response)
    assert rows[0] == HEADERS
    assert rows[1:] == [
        [
            "ISO 9001:2015",
            "",
            "Quality management systems - Requirements",
            "国际标准",
            "现行",
            "2015-09-15",
            "",
            "",
            "03.120.10",
            "",
            "国际标准化组织",
            "测试目录快照",
        ]
    ]


def test_exports_are_bounded_with_a_clear_note(db):
    build_many(7)
    export = export_search_results(SearchQuery(text="锂离子电池", sort="designation"), limit=5)
    assert export.total == 7 and export.exported == 5 and export.truncated
    workbook = load_workbook(io.BytesIO(write_xlsx(export)))
    assert workbook.worksheets[0].max_row == 6
    notes = {row[0]: row[1] for row in workbook.worksheets[1].iter_rows(values_only=True)}
    assert "仅导出前 5 条" in notes["说明"]

    again = export_search_results(SearchQuery(text="锂离子电池", sort="designation"), limit=5)
    rows = list(csv.reader(io.StringIO("".join(stream_csv(again))[1:])))
    assert len(rows) == 1 + 5 + 1
    assert rows[-1][0].startswith("# ") and "共 7 条" in rows[-1][0]


def test_export_pages_through_the_search_service(db):
    build_many(130)
    export = export_search_results(SearchQuery(text="锂离子电池", sort="designation"))
    designations = [s.designation for s in export.standards]
    assert len(designations) == 130 == len(set(designations))
    assert designations == sorted(designations)


def test_cells_that_look_like_formulas_stay_text(db):
    StandardFactory(designation="GB/T 38888-2020", title_zh='=HYPERLINK("x")', title_en="+1+1")
    export = export_queryset(Standard.objects.all())
    workbook = load_workbook(io.BytesIO(write_xlsx(export)))
    row = list(workbook.worksheets[0][2])
    assert row[1].value == '=HYPERLINK("x")' and row[1].data_type == "s" and row[1].quotePrefix
    rows = list(
        csv.reader(io.StringIO("".join(stream_csv(export_queryset(Standard.objects.all())))[1:]))
    )
    assert rows[1][1] == '\'=HYPERLINK("x")' and rows[1][2] == "'+1+1"


def test_queryset_export_keeps_order_and_classifications(catalogue):
    export = export_queryset(Standard.objects.filter(series_key="GB/T 19001").order_by("-year"))
    rows = list(csv.reader(io.StringIO("".join(stream_csv(export))[1:])))
    assert [r[0] for r in rows[1:]] == ["GB/T 19001-2016", "GB/T 19001-2008", "GB/T 19001-2000"]
    assert all(r[8] == "03.120.10" and r[9] == "A00" for r in rows[1:])


def test_bad_export_query_is_a_400_with_a_message(client, catalogue):
    response = client.get("/search/export.csv", {"q": "质" * 10_000})
    assert response.status_code == 400
    assert 'data-testid="export-error"' in response.content.decode()
