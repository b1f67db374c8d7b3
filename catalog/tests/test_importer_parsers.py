"""Source-format parsers of the catalogue importers, on small real fixtures (no database)."""

from __future__ import annotations

import datetime
import io
import json
import lzma
import tarfile
from pathlib import Path

import pytest

from catalog.importers.construction_csv import note_relations, parse_construction_csv
from catalog.importers.editions import (
    dedupe_across_sources,
    designation_key,
    link_iec_editions,
)
from catalog.importers.records import (
    ImportFormatError,
    RecordError,
    RelationRef,
    StandardRecord,
)
from catalog.importers.relaton_xml import parse_relaton_xml
from catalog.importers.relaton_yaml import parse_relaton_yaml
from catalog.importers.seed import (
    read_ccs_source,
    read_ics_source,
    read_json,
    read_seed,
    write_json,
    write_seed,
)
from catalog.importers.spreadsheet import parse_spreadsheet
from catalog.importers.template import TEMPLATE_COLUMNS, write_template
from catalog.importers.values import (
    parse_adoption,
    parse_date,
    split_designations,
)

DATA = Path(__file__).parent / "data" / "importers"
D = datetime.date


def records_of(items) -> dict[str, StandardRecord]:
    items = list(items)
    assert not [i for i in items if isinstance(i, RecordError)]
    return {r.designation: r for r in items}


def refs(items: list[RelationRef]) -> list[tuple[str, bool]]:
    return [(r.designation, r.partial) for r in items]


# ---------------------------------------------------------------------------- records


def test_record_json_round_trip_keeps_every_field():
    record = StandardRecord(
        designation="GB/T 19001-2016",
        title_zh="质量管理体系 要求",
        title_en="Quality management systems—Requirements",
        status="current",
        issued=D(2016, 12, 30),
        effective=D(2017, 7, 1),
        ics=["03.120.10"],
        ccs=["A00"],
        committee="SAC/TC 151",
        publisher="国家标准化管理委员会",
        adoption=RelationRef("ISO 9001:2015"),
        adoption_degree="IDT",
        replaces=[RelationRef("GB/T 19001-2008")],
        replaced_by=[RelationRef("GB/T 19001-2025", partial=True)],
        source="spreadsheet",
        source_ref="list.xlsx:2",
        as_of=D(2025, 1, 1),
        line=2,
        extra={"note": "示例"},
    )
    data = record.to_json()
    assert data["replaced_by"] == [{"designation": "GB/T 19001-2025", "partial": True}]
    assert data["replaces"] == ["GB/T 19001-2008"]
    assert "withdrawn" not in data
    assert StandardRecord.from_json(json.loads(json.dumps(data))) == record


def test_record_error_carries_line_and_reason():
    error = RecordError(12, "缺少标准号")
    assert (error.line, error.reason) == (12, "缺少标准号")
    assert str(error) == "第 12 行：缺少标准号"


# ---------------------------------------------------------------------------- relaton yaml


@pytest.fixture(scope="module")
def iso() -> dict[str, StandardRecord]:
    return records_of(parse_relaton_yaml(DATA / "iso", as_of=D(2025, 6, 1)))


def test_iso_withdrawn_edition_is_replaced_by_two_new_numbers(iso):
    old = iso["ISO 8601:2004"]
    assert old.status == "replaced"
    assert refs(old.replaced_by) == [("ISO 8601-1:2019", False), ("ISO 8601-2:2019", False)]
    assert refs(old.replaces) == [("ISO 8601:2000", False)]
    assert old.issued == D(2004, 12, 1)
    assert old.committee == "ISO/TC 154"
    assert old.publisher == "ISO"
    assert old.edition == "3"
    assert old.ics == ["01.140.30"]
    assert old.url == "https://www.iso.org/standard/40874.html"
    assert old.title_en.startswith("Data elements and interchange formats - Information")
    assert old.as_of == D(2025, 6, 1)


def test_iso_current_edition_drops_amendment_and_draft_links(iso):
    new = iso["ISO 8601-1:2019"]
    assert new.status == "current"
    # obsoletes ISO/AWI 8601-1 (draft) and updates .../Amd 1:2022 are not edition links
    assert refs(new.replaces) == [("ISO 8601:2004", False)]
    assert new.replaced_by == []
    assert new.title_en == (
        "Date and time - Representations for information interchange - Part 1: Basic rules"
    )


def test_iso_amendments_and_drafts_are_skipped(iso):
    assert "ISO 8601-1:2019/Amd 1:2022" not in iso
    assert not [d for d in iso if "DAM" in d or "/" in d.split(":")[-1]]
    assert set(iso) == {
        "ISO 8601:2004",
        "ISO 8601-1:2019",
        "ISO 8601-2:2019",
        "ISO 13379-1:2012",
        "ISO 1003:2008",
        "ISO 13703:2000",
    }


def test_iso_committee_with_subcommittee(iso):
    record = iso["ISO 13379-1:2012"]
    assert record.committee == "ISO/TC 108/SC 5"
    assert record.ics == ["17.160"]


def test_iso_newer_crawl_wins_over_older_duplicate(iso):
    # The older crawl still says 90.92; the newer one knows ISO 1003:2025 replaced it.
    record = iso["ISO 1003:2008"]
    assert record.status == "replaced"
    assert refs(record.replaced_by) == [("ISO 1003:2025", False)]
    assert record.source_ref == "iso-1003-2008.yaml"


def test_iso_successor_of_a_standard_still_in_force_is_partial(iso):
    record = iso["ISO 13703:2000"]
    assert record.status == "current"
    assert refs(record.replaced_by) == [("ISO 13703-2:2023", True), ("ISO 13703-3:2023", True)]


def test_iec_editions_and_consolidated_versions():
    iec = records_of(parse_relaton_yaml(DATA / "iec"))
    assert set(iec) == {
        "IEC 60335-2-89:2002",
        "IEC 60335-2-89:2010",
        "IEC 60335-2-89:2010+AMD1:2012",
        "IEC 60335-2-89:2019",
    }  # amendment and redline version skipped, " CSV" suffix dropped
    old = iec["IEC 60335-2-89:2010"]
    assert (old.status, old.withdrawn, old.issued) == ("replaced", D(2019, 6, 20), D(2010, 2, 24))
    assert old.committee == "IEC/TC 61/SC 61C"
    assert iec["IEC 60335-2-89:2010+AMD1:2012"].extra["consolidated"] is True
    assert iec["IEC 60335-2-89:2010+AMD1:2012"].edition == "2.1"
    assert iec["IEC 60335-2-89:2019"].status == "current"
    # links follow from the later editions of the same number
    assert refs(iec["IEC 60335-2-89:2002"].replaced_by) == [("IEC 60335-2-89:2010", False)]
    assert refs(iec["IEC 60335-2-89:2010"].replaced_by) == [("IEC 60335-2-89:2019", False)]
    assert refs(iec["IEC 60335-2-89:2010+AMD1:2012"].replaced_by) == [
        ("IEC 60335-2-89:2019", False)
    ]
    assert iec["IEC 60335-2-89:2019"].replaced_by == []


def test_link_iec_editions_counts_links_and_leaves_linked_records_alone():
    unlinked = list(parse_relaton_yaml(DATA / "iec", dedupe=False))
    assert all(r.replaced_by == [] for r in unlinked)
    assert link_iec_editions(unlinked) == 3
    assert link_iec_editions(unlinked) == 0


def test_ieee_superseded_standard_names_its_successor():
    ieee = records_of(parse_relaton_yaml(DATA / "ieee"))
    assert set(ieee) == {"IEEE Std C57.19.01-1991", "IEEE Std C57.19.01-2000"}  # no draft, redline
    old = ieee["IEEE Std C57.19.01-1991"]
    assert old.status == "replaced"
    assert refs(old.replaced_by) == [("IEEE Std C57.19.01-2000", False)]
    assert refs(old.replaces) == [("IEEE/ANSI Std 24-1984", False)]
    assert old.issued == D(1991, 9, 26)
    assert old.committee == "Transformers of the IEEE Power and Energy Society"
    assert old.ics == ["29.080.20"]


def test_yaml_reads_a_tar_xz_archive_without_extracting(tmp_path):
    archive = tmp_path / "relaton-data-iso.tar.xz"
    with tarfile.open(archive, "w:xz") as tar:
        for file in sorted((DATA / "iso").iterdir()):
            tar.add(file, arcname=f"iso/data/{file.name}")
        broken = b"title: [unclosed\n"
        info = tarfile.TarInfo("iso/data/broken.yaml")
        info.size = len(broken)
        tar.addfile(info, io.BytesIO(broken))
    items = list(parse_relaton_yaml(archive))
    errors = [i for i in items if isinstance(i, RecordError)]
    assert len(errors) == 1 and "not valid YAML" in errors[0].reason
    assert errors[0].source_ref == "iso/data/broken.yaml"
    designations = {i.designation for i in items if isinstance(i, StandardRecord)}
    assert "ISO 8601:2004" in designations and len(designations) == 6


def test_yaml_single_malformed_file_raises(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("a: [1, 2\n", encoding="utf-8")
    with pytest.raises(ImportFormatError, match="not valid YAML"):
        list(parse_relaton_yaml(bad))
    scalar = tmp_path / "scalar.yaml"
    scalar.write_text("just text\n", encoding="utf-8")
    with pytest.raises(ImportFormatError, match="not a Relaton document"):
        list(parse_relaton_yaml(scalar))


def test_designation_key_matches_notations_of_the_three_archives():
    assert designation_key("IEC/TS 61400-4-1:2020") == designation_key("IEC TS 61400-4-1:2020")
    assert designation_key("ISO/IEC/IEEE 12207-2017") == designation_key("ISO/IEC/IEEE 12207:2017")
    assert designation_key("IEEE Std 1453-2022") == designation_key("IEEE 1453-2022")
    assert designation_key("ISO 9001:2015") != designation_key("ISO 9001:2008")


def test_dedupe_prefers_the_archive_of_the_leading_organisation():
    iso_copy = StandardRecord("IEC/TS 61400-4-1:2020", source="relaton-iso")
    iec_copy = StandardRecord("IEC TS 61400-4-1:2020", source="relaton-iec")
    joint = StandardRecord("ISO/IEC 27001:2022", source="relaton-iso")
    joint_iec = StandardRecord("ISO/IEC 27001:2022", source="relaton-iec")
    gb = StandardRecord("GB/T 19001-2016", source="spreadsheet")
    kept = dedupe_across_sources([iso_copy, iec_copy, joint, joint_iec, gb])
    assert [(r.designation, r.source) for r in kept] == [
        ("IEC TS 61400-4-1:2020", "relaton-iec"),
        ("ISO/IEC 27001:2022", "relaton-iso"),
        ("GB/T 19001-2016", "spreadsheet"),
    ]


# ---------------------------------------------------------------------------- relaton xml


def test_relaton_gb_xml_records():
    gb = records_of(parse_relaton_xml(DATA / "relaton-gb"))
    # gbt_5606_2004_all_parts.xml is an "(all parts)" collection and gives no record
    assert set(gb) == {
        "GB/T 20223-2006",
        "GB/T 5606.1-2004",
        "JB/T 13368-2018",
        "T/GZAEPI 001—2018",
    }
    cotton = gb["GB/T 20223-2006"]
    assert (cotton.title_zh, cotton.title_en) == ("棉短绒", "Cotton linter")
    assert cotton.status == "withdrawn"
    assert (cotton.ics, cotton.ccs) == (["59.060.10"], ["B32"])
    assert cotton.issued == D(2006, 3, 10)
    assert cotton.as_of == D(2024, 8, 3)
    assert cotton.committee == "市场监管总局"
    assert cotton.extra["gbmandate"] == "recommended"
    forklift = gb["JB/T 13368-2018"]
    assert (forklift.status, forklift.ccs, forklift.publisher) == ("current", ["J83"], "国家发改委")
    assert gb["T/GZAEPI 001—2018"].extra["gbscope"] == "social-group"


def test_relaton_xml_refuses_doctype_and_malformed_xml(tmp_path):
    bomb = tmp_path / "bomb.xml"
    bomb.write_text(
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><bibdata>&a;</bibdata>',
        encoding="utf-8",
    )
    with pytest.raises(ImportFormatError, match="DOCTYPE"):
        list(parse_relaton_xml(bomb))
    broken = tmp_path / "broken.xml"
    broken.write_text("<bibdata><title>x</bibdata>", encoding="utf-8")
    with pytest.raises(ImportFormatError, match="malformed XML"):
        list(parse_relaton_xml(broken))


# ---------------------------------------------------------------------------- construction


def test_construction_csv_all_rows_and_relations():
    items = list(parse_construction_csv(DATA / "cn-construction-standards.csv"))
    assert len(items) == 83
    rows = records_of(items)
    first = rows["GB 55001-2021"]
    assert (first.title_zh, first.status, first.effective) == (
        "工程结构通用规范",
        "current",
        D(2022, 1, 1),
    )
    assert first.publisher == "住房和城乡建设部"
    assert first.extra["mandate"] == "强制性" and first.line == 2
    assert refs(first.replaces) == [("GB 50153-2008", True)]  # only mandatory clauses
    assert refs(rows["GB 55038-2025"].replaces) == [("GB 50368-2005", False)]
    assert refs(rows["GB 50016-2014"].replaced_by) == [("GB 55037-2022", True)]
    assert rows["GB 50016-2014"].edition == "2018年版"
    assert refs(rows["GB 50118-2010"].replaced_by) == [("GB 55038-2025", True)]
    renumbered = rows["GB/T 50011-2010"]
    assert refs(renumbered.replaces) == [("GB 50011-2010", False)]
    assert refs(renumbered.replaced_by) == [("GB 55002-2021", True)]
    assert renumbered.extra["renumbered_from"] == "GB 50011-2010"
    assert rows["GB 55019-2021"].extra["parallel_with"] == ["GB 50763-2012"]
    assert rows["GB 55019-2021"].replaces == [] and rows["GB 55019-2021"].replaced_by == []
    assert rows["GB 55033-2022"].effective is None


def test_construction_notes_without_a_relation():
    assert note_relations("官方公告编号为 GB/T 50034-2024，原文写作 GB") == ([], [], [])


def test_construction_csv_missing_header_raises(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("代号,标题\nGB 1-2000,x\n", encoding="utf-8")
    with pytest.raises(ImportFormatError, match="编号"):
        list(parse_construction_csv(path))


# ---------------------------------------------------------------------------- spreadsheets


def test_csv_template_with_bom_good_and_bad_rows():
    items = list(parse_spreadsheet(DATA / "template-utf8-bom.csv"))
    good = {i.designation: i for i in items if isinstance(i, StandardRecord)}
    errors = [(e.line, e.reason) for e in items if isinstance(e, RecordError)]
    assert errors == [
        (4, "缺少标准号"),
        (7, "发布日期格式无法识别：2016-13-45"),
        (8, "状态无法识别：有效期内"),
        (9, "ICS 分类号格式无法识别：17-160"),
    ]
    new = good["GB/T 19001-2016"]
    assert new.source == "spreadsheet" and new.line == 2
    assert (new.status, new.issued, new.effective) == ("current", D(2016, 12, 30), D(2017, 7, 1))
    assert (new.adoption, new.adoption_degree) == (RelationRef("ISO 9001:2015"), "IDT")
    assert (new.ics, new.ccs, new.committee) == (["03.120.10"], ["A00"], "SAC/TC 151")
    old = good["GB/T 19001-2008"]
    assert (old.status, old.issued, old.effective, old.withdrawn) == (
        "replaced",
        D(2008, 10, 29),
        D(2009, 3, 1),
        D(2017, 7, 1),
    )
    assert refs(old.replaced_by) == [("GB/T 19001-2016", False)]
    assert old.adoption_degree == "IDT"
    assert refs(good["GB/T 1.1-2009"].replaces) == [
        ("GB/T 1.1-2000", False),
        ("GB/T 1.2-2002", False),
    ]


def test_csv_in_gb18030_with_full_width_designation():
    rows = records_of(parse_spreadsheet(DATA / "template-gb18030.csv"))
    record = rows["GB/T 1.1—2020"]
    # the ideographic space becomes a plain one; full-width punctuation in titles stays
    assert record.title_zh == "标准化工作导则 第1部分：标准化文件的结构和起草规则"
    assert (record.issued, record.effective) == (D(2020, 3, 31), D(2020, 10, 1))
    assert refs(record.replaces) == [("GB/T 1.1-2009", False)]
    assert rows["GB/T 20000.1-2014"].ics == ["01.120", "01.040.01"]


def test_platform_field_names_are_recognised():
    rows = records_of(parse_spreadsheet(DATA / "platform-fields.csv"))
    record = rows["GB/T 19001-2008"]
    assert record.source == "samr-platform"
    assert record.title_en == "Quality management systems—Requirements"
    assert (record.status, record.issued) == ("replaced", D(2008, 10, 29))
    assert refs(record.replaced_by) == [("GB/T 19001-2016", False)]
    assert refs(record.replaces) == [("GB/T 19001-2000", False)]
    assert (record.adoption, record.adoption_degree) == (RelationRef("ISO 9001:2008"), "IDT")
    assert record.extra == {"C_STD_TYPE": "推荐性国家标准"}


def test_xlsx_with_date_cells_serial_numbers_and_bad_rows(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["本表由基地办公室维护"])  # a title row above the header
    sheet.append(["标准号", "标准名称", "状态", "发布日期", "实施日期", "被代替标准"])
    sheet.append(
        [
            "GB/T 19001-2008",
            "质量管理体系 要求",
            "被代替",
            datetime.datetime(2008, 10, 29),
            39873,
            "GB/T 19001-2016",
        ]
    )
    sheet.append(
        [
            "GB/T 19001-2016/ISO 9001:2015",
            "质量管理体系 要求",
            "现行",
            "2016年12月30日",
            20170701,
            None,
        ]
    )
    sheet.append([None, "没有标准号", "现行", None, None, None])
    sheet.append(["GB/T 1-2000", "x", "现行", "2000-02-30", None, None])
    path = tmp_path / "list.xlsx"
    workbook.save(path)
    items = list(parse_spreadsheet(path))
    good = {i.designation: i for i in items if isinstance(i, StandardRecord)}
    errors = [(e.line, e.reason) for e in items if isinstance(e, RecordError)]
    assert errors == [(5, "缺少标准号"), (6, "发布日期格式无法识别：2000-02-30")]
    old = good["GB/T 19001-2008"]
    assert (old.line, old.issued, old.effective) == (3, D(2008, 10, 29), D(2009, 3, 1))
    new = good["GB/T 19001-2016"]  # the adopted standard is split off the designation
    assert (new.adoption, new.adoption_degree) == (RelationRef("ISO 9001:2015"), "IDT")
    assert (new.issued, new.effective) == (D(2016, 12, 30), D(2017, 7, 1))


def test_spreadsheet_without_designation_column_or_unknown_encoding(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("名称,状态\n质量管理体系,现行\n", encoding="utf-8")
    with pytest.raises(ImportFormatError, match="标准号"):
        list(parse_spreadsheet(path))
    xls = tmp_path / "old.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 64)
    with pytest.raises(ImportFormatError, match="xls"):
        list(parse_spreadsheet(xls))
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ImportFormatError, match="Excel"):
        list(parse_spreadsheet(broken))


def test_template_round_trips_through_the_parser(tmp_path):
    path = tmp_path / "standards-template.xlsx"
    write_template(path)
    from openpyxl import load_workbook

    workbook = load_workbook(path)
    assert workbook.sheetnames == ["标准清单", "说明"]
    assert [c.value for c in workbook["标准清单"][1]] == [c.header for c in TEMPLATE_COLUMNS]
    rows = records_of(parse_spreadsheet(path))
    example = rows["GB/T 19001-2016"]
    assert (example.adoption, example.adoption_degree) == (RelationRef("ISO 9001:2015"), "IDT")
    assert refs(example.replaces) == [("GB/T 19001-2008", False)]


def test_shipped_template_matches_the_generator():
    from openpyxl import load_workbook

    shipped = Path(__file__).resolve().parents[2] / "data" / "templates" / "standards-template.xlsx"
    headers = [c.value for c in load_workbook(shipped, read_only=True)["标准清单"][1]]
    assert headers == [c.header for c in TEMPLATE_COLUMNS]


# ---------------------------------------------------------------------------- values


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2016-01-01", D(2016, 1, 1)),
        ("2016/1/1", D(2016, 1, 1)),
        ("2016年1月1日", D(2016, 1, 1)),
        ("２０１６－０１－０１", D(2016, 1, 1)),
        ("2016.01.01", D(2016, 1, 1)),
        ("", None),
    ],
)
def test_parse_date_accepts_common_notations(text, expected):
    assert parse_date(text) == expected


def test_parse_date_rejects_impossible_dates():
    with pytest.raises(ValueError):
        parse_date("2016-13-45")


def test_split_designations_on_every_separator():
    assert split_designations(
        "GB/T 1.1-2000、GB/T 1.2-2002；JB/T 1-2000 GB 2-88,ISO 9001:2015"
    ) == ["GB/T 1.1-2000", "GB/T 1.2-2002", "JB/T 1-2000", "GB 2-88", "ISO 9001:2015"]
    assert split_designations("ISO 14971:2019/Amd 1:2021") == ["ISO 14971:2019/Amd 1:2021"]


@pytest.mark.parametrize(
    ("text", "designation", "degree"),
    [
        ("ISO 9001:2015, IDT", "ISO 9001:2015", "IDT"),
        ("MOD ISO 14971:2019", "ISO 14971:2019", "MOD"),
        ("非等效采用 IEC 60335-1:2010", "IEC 60335-1:2010", "NEQ"),
        ("ISO/IEC 27001:2022", "ISO/IEC 27001:2022", ""),
    ],
)
def test_parse_adoption(text, designation, degree):
    ref, found = parse_adoption(text)
    assert (ref.designation, found) == (designation, degree)


# ---------------------------------------------------------------------------- seed


def test_seed_round_trip_is_byte_identical(tmp_path):
    records = list(records_of(parse_relaton_yaml(DATA / "iso")).values())
    records += list(parse_construction_csv(DATA / "cn-construction-standards.csv"))
    records.sort(key=lambda r: r.designation)
    first, second = tmp_path / "a.jsonl.xz", tmp_path / "b.jsonl.xz"
    assert write_seed(records, first) == len(records)
    back = list(read_seed(first))
    assert back == records
    write_seed(back, second)
    assert first.read_bytes() == second.read_bytes()


def test_seed_reader_rejects_other_files(tmp_path):
    path = tmp_path / "x.jsonl.xz"
    with lzma.open(path, "wt", encoding="utf-8") as handle:
        handle.write('{"designation": "ISO 1:2002"}\n')
    with pytest.raises(ImportFormatError, match="not a StdBase catalogue seed"):
        list(read_seed(path))
    damaged = tmp_path / "damaged.jsonl.xz"
    damaged.write_bytes(b"not xz at all")
    with pytest.raises(ImportFormatError, match="damaged"):
        list(read_seed(damaged))


def test_classification_sources(tmp_path):
    # First lines of metanorma's ics-ed7.json and cnccs CSV files (with their BOM).
    (tmp_path / "ics-ed7.json").write_text(
        json.dumps(
            [
                {"code": "17", "description": "Metrology and measurement. Physical phenomena"},
                {
                    "code": "17.160",
                    "description": "Vibrations, shock and vibration measurements",
                    "descriptionFull": "Metrology and measurement. ...",
                },
                {"code": "01.040.01", "description": "Generalities. Terminology. (Vocabularies)"},
            ]
        ),
        encoding="utf-8",
    )
    ccs_files = {
        1: "代码 / Code,名称 / Name\nA,综合\n",
        2: "代码 / Code,名称 / Name,类 / Category,注释 /Notes\nA00/09,标准化管理与一般规定,A,\n",
        3: "代码 / Code,名称 / Name,代码 / Code,备注 / Notes\n"
        "A01,技术管理,A00/09,技术文件管理，能源管理，设备、工具管理等。\n",
    }
    for level, text in ccs_files.items():
        (tmp_path / f"ccs-cat-level{level}.csv").write_text(text, encoding="utf-8-sig")
    ics = read_ics_source(tmp_path / "ics-ed7.json")
    assert [e["code"] for e in ics] == ["01.040.01", "17", "17.160"]
    assert ics[2] == {
        "code": "17.160",
        "parent": "17",
        "description": "Vibrations, shock and vibration measurements",
    }
    assert ics[0]["parent"] == "01.040"
    ccs = read_ccs_source(tmp_path)
    assert ccs == [
        {"code": "A", "name": "综合", "parent": "", "level": 1},
        {"code": "A00/09", "name": "标准化管理与一般规定", "parent": "A", "level": 2},
        {"code": "A01", "name": "技术管理", "parent": "A00/09", "level": 3},
    ]
    write_json(ics, tmp_path / "ics.json.xz")
    assert read_json(tmp_path / "ics.json.xz") == ics


SEED_DIR = Path(__file__).resolve().parents[2] / "data" / "seed"


def test_shipped_classifications_are_readable():
    ics = {e["code"]: e for e in read_json(SEED_DIR / "ics.json.xz")}
    assert ics["17.160"]["parent"] == "17" and len(ics) > 1300
    ccs = {e["code"]: e for e in read_json(SEED_DIR / "ccs.json")}
    assert ccs["L70"]["level"] == 3 and ccs[ccs["L70"]["parent"]]["parent"] == "L"
    codes = read_json(SEED_DIR / "cn_codes.json")
    assert any(c["code"] == "JB" for c in codes["industry_codes"])


def test_shipped_seed_is_readable():
    seed = SEED_DIR / "catalog.jsonl.xz"
    records = {}
    for record in read_seed(seed):
        records[record.designation] = record
    assert len(records) > 70000
    assert refs(records["ISO 8601:2004"].replaced_by) == [
        ("ISO 8601-1:2019", False),
        ("ISO 8601-2:2019", False),
    ]
    assert records["GB 55001-2021"].source == "cn-construction"
    assert records["IEC 60335-2-89:2010"].replaced_by[0].designation == "IEC 60335-2-89:2019"
