"""Extraction of references from real texts, in every input format."""

from __future__ import annotations

import pytest

from catalog.extraction import (
    ExtractionError,
    extract_from_segments,
    extract_references,
    read_document,
)
from checks.tests.documents import make_docx, make_pdf, make_xlsx
from core.pdf import find_cjk_font


def designations(text: str) -> list[str]:
    return [r.designation for r in extract_references(text)]


def test_forms_people_write():
    text = (
        "依据《混凝土结构工程施工质量验收规范》GB 50204-2015 和（Q/CSG 510001-2015），"
        "GB/T 19001—2016，ISO 8351-1:1994 以及 ISO 712。"
    )
    assert designations(text) == [
        "GB 50204-2015",
        "Q/CSG 510001-2015",
        "GB/T 19001-2016",
        "ISO 8351-1:1994",
        "ISO 712",
    ]


def test_text_as_written_title_and_location():
    refs = extract_references("第一行\n按《混凝土结构工程施工质量验收规范》GB 50204—2015 执行")
    (ref,) = refs
    assert ref.input == "GB 50204—2015"
    assert ref.title == "混凝土结构工程施工质量验收规范"
    assert ref.location == {"line": 2, "column": 19}


def test_range_is_expanded():
    refs = extract_references("《电气装置安装工程》GB 50254~50259-96 系列")
    assert [r.designation for r in refs] == [f"GB {n}-1996" for n in range(50254, 50260)]
    assert {r.input for r in refs} == {"GB 50254~50259-96"}


def test_lists_separated_by_chinese_punctuation_and_slash():
    assert designations("JGJ 46-2005、JGJ 59-2011；GB 50300/50204-2015") == [
        "JGJ 46-2005",
        "JGJ 59-2011",
        "GB 50300",
        "GB 50204-2015",
    ]
    assert designations("JGJ 130-2011/JGJ 162-2008") == ["JGJ 130-2011", "JGJ 162-2008"]


def test_full_width_characters():
    assert designations("ＧＢ／Ｔ　１９００１－２０１６") == ["GB/T 19001-2016"]


def test_adoption_suffix_belongs_to_the_designation():
    refs = extract_references("GB/T 4208-2017/IEC 60529:2013 外壳防护等级")
    assert [r.designation for r in refs] == ["GB/T 4208-2017"]


@pytest.mark.parametrize(
    "text",
    [
        "电压等级 500kV，220kV/110kV/10kV，AC 380V",
        "合同编号 DOC 1，图纸版本 Rev. 3.2",
        "开工日期 2024-03-15，计划竣工 2025年6月30日",
        "见第 4.3.2 条及附录 B 表 B.0.1，4.2.1/4.2.2/4.2.5 强制性条文",
        "电话 0371-65512345，手机 13937112345，客服 400-800-1234",
        "ISO/TC 34/SC 4 与 SAC/TC 151 归口；urn:iso:std:iso:712:stage-95.99",
        "型号 QBZ-80/1140(660)，M8×1.25，IP54，HRB400E，C30",
    ],
)
def test_distractors_are_not_references(text):
    assert designations(text) == []


def test_text_file_in_gb18030():
    data = "检测依据：GB/T 228.1-2021；GB/T 232-2010".encode("gb18030")
    document = read_document(data, "report.txt")
    refs = extract_from_segments(document.segments)
    assert [(r.designation, r.location["line"]) for r in refs] == [
        ("GB/T 228.1-2021", 1),
        ("GB/T 232-2010", 1),
    ]


def test_markdown_file():
    data = "# 编制依据\n\n1. 《建筑施工安全检查标准》JGJ 59-2011\n".encode()
    refs = extract_from_segments(read_document(data, "plan.md").segments)
    assert [(r.designation, r.location) for r in refs] == [
        ("JGJ 59-2011", {"line": 3, "column": 16})
    ]


def test_csv_any_column_with_row_and_column():
    data = (
        "编号,名称,备注\nGB 55001-2021,工程结构通用规范,废止 GB 50153-2008 等 8 项标准相关强条\n"
        "GB 50352-2019,民用建筑设计统一标准,\n"
    ).encode()
    document = read_document(data, "list.csv")
    refs = extract_from_segments(document.segments)
    assert [(r.designation, r.location) for r in refs] == [
        ("GB 55001-2021", {"row": 2, "column": "A"}),
        ("GB 50153-2008", {"row": 2, "column": "C"}),
        ("GB 50352-2019", {"row": 3, "column": "A"}),
    ]
    assert document.tables[0].rows[0] == ["编号", "名称", "备注"]


def test_xlsx_every_sheet_and_column():
    data = make_xlsx(
        {
            "结构": [
                ["序号", "标准"],
                [1, "GB 50010-2010"],
                [2, "《钢结构设计标准》GB 50017-2017"],
            ],
            "安全": [["说明", None, "JGJ 59-2011、JGJ 46-2005"]],
        }
    )
    document = read_document(data, "标准清单.xlsx")
    refs = extract_from_segments(document.segments)
    assert [(r.designation, r.location) for r in refs] == [
        ("GB 50010-2010", {"sheet": "结构", "row": 2, "column": "B"}),
        ("GB 50017-2017", {"sheet": "结构", "row": 3, "column": "B"}),
        ("JGJ 59-2011", {"sheet": "安全", "row": 1, "column": "C"}),
        ("JGJ 46-2005", {"sheet": "安全", "row": 1, "column": "C"}),
    ]
    assert refs[1].title == "钢结构设计标准"
    assert [t.name for t in document.tables] == ["结构", "安全"]


def test_docx_paragraphs_and_tables_in_document_order():
    data = make_docx(
        ["2 规范性引用文件", "GB/T 19000—2016 质量管理体系 基础和术语（ISO 9000:2015，IDT）"],
        [["检测项目", "", "依据"], ["拉伸", "屈服强度", "GB/T 228.1-2021"]],
    )
    refs = extract_from_segments(read_document(data, "clause.docx").segments)
    assert [(r.designation, r.location) for r in refs] == [
        ("GB/T 19000-2016", {"paragraph": 2}),
        ("ISO 9000:2015", {"paragraph": 2}),
        ("GB/T 228.1-2021", {"table": 1, "row": 2, "column": 3}),
    ]


@pytest.mark.skipif(find_cjk_font() is None, reason="needs a CJK font to write the PDF")
def test_text_pdf_with_pages_and_lines():
    data = make_pdf(
        [
            ["施工组织设计", "编制依据：GB 50300-2013、GB 50204-2015"],
            ["第二页", "临时用电 500kV 线路", "《建筑施工安全检查标准》JGJ 59-2011"],
        ]
    )
    refs = extract_from_segments(read_document(data, "plan.pdf").segments)
    assert [(r.designation, r.location["page"], r.location["line"]) for r in refs] == [
        ("GB 50300-2013", 1, 2),
        ("GB 50204-2015", 1, 2),
        ("JGJ 59-2011", 2, 3),
    ]
    assert refs[2].title == "建筑施工安全检查标准"


@pytest.mark.parametrize(
    ("data", "name", "reason"),
    [
        (b"hello", "notes.rtf", "unsupported file type"),
        (b"PK\x03\x04broken", "list.xlsx", "not a readable xlsx"),
        (b"not a pdf", "doc.pdf", "not a readable PDF"),
        (b"\x00\x01\x02binary", "list.txt", "binary"),
    ],
)
def test_unreadable_files_raise_with_a_reason(data, name, reason):
    with pytest.raises(ExtractionError, match=reason):
        read_document(data, name)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("见 DBJ13-89-2007 第 4 条", ["DBJ 13-89-2007"]),
        ("按 DBJ/T 15-73-2010、DBJ41/T 070-2014 执行", ["DBJ/T 15-73-2010", "DBJ41/T 070-2014"]),
        ("CECS 02:2005 与 CECS 02-2005", ["CECS 02:2005", "CECS 02:2005"]),
        ("《质量检验评定标准》JTG F80/1—2004 第一册", ["JTG F80/1-2004"]),
        ("ISO/R 552:1966, ISO/TTA 1:1994", ["ISO/R 552:1966", "ISO/TTA 1:1994"]),
        ("ISO/IEC ISP 10607-3:1995", ["ISO/IEC ISP 10607-3:1995"]),
        ("ISO 105-B04:1994 colour fastness", ["ISO 105-B04:1994"]),
        ("ISO/IEEE 11073-10101:2004", ["ISO/IEEE 11073-10101:2004"]),
        ("ISO 2631:1978/Add 2:1982", ["ISO 2631:1978/Add 2:1982"]),
        ("UL 94 V-0, NFPA 70® (NEC)", ["UL 94", "NFPA 70"]),
        ("IEEE Std 802.11-2020 and ANSI/IEEE Std 1003.1", ["IEEE 802.11-2020", "ANSI/IEEE 1003.1"]),
        ("IEEE C37.20.2 switchgear", ["IEEE C37.20.2"]),
        ("ISO/IEC/IEEE 8802.3™-2021", ["ISO/IEC/IEEE 8802-3:2021"]),
    ],
)
def test_designation_families_in_running_text(text, expected):
    assert designations(text) == expected
