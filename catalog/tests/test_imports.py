"""The catalogue loader: idempotent imports, reports, events on re-import, links."""

from __future__ import annotations

import datetime
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from catalog.editions import resolve_standard
from catalog.importers.records import RecordError, RelationRef, StandardRecord
from catalog.importers.seed import write_seed
from catalog.models import CatalogEvent, ImportRun, Replacement, Standard, Status
from catalog.search import SearchQuery, search
from catalog.services.formats import ImportFileError, import_file
from catalog.services.imports import import_records

DATA = Path(__file__).parent / "data" / "importers"
HEADER = "标准号,中文名称,状态,发布日期,实施日期,废止日期,代替标准,被代替标准,ICS,CCS\n"

pytestmark = pytest.mark.django_db


def write_csv(path: Path, rows: list[str]) -> Path:
    path.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8-sig")
    return path


def test_spreadsheet_import_reports_created_and_rejected_rows_with_lines(tmp_path):
    path = write_csv(
        tmp_path / "list.csv",
        [
            "GB/T 19001-2016,质量管理体系 要求,现行,2016-12-30,2017-07-01,,GB/T 19001-2008,,"
            "03.120.10,A00",
            "GB/T 19001-2008,质量管理体系 要求,被代替,2008-10-29,2009-03-01,2017-07-01,,"
            "GB/T 19001-2016,03.120.10,A00",
            "XYZ 12,不是标准号,现行,,,,,,,",
            ",缺少标准号,现行,,,,,,,",
            "GB 50204-2015,混凝土结构工程施工质量验收规范,现行,2014-12-30,2015-09-01,,,,,",
        ],
    )
    report = import_file(path)
    assert (report.created, report.updated, report.unchanged) == (3, 0, 0)
    assert report.rejected == 2
    lines = sorted(row["line"] for row in report.rejections)
    assert lines == [4, 5]
    assert all(row["reason"] for row in report.rejections)
    new = Standard.objects.get(designation="GB/T 19001-2016")
    assert new.tier == "national" and new.mandate == "recommended"
    assert new.effective == datetime.date(2017, 7, 1)
    assert list(new.ics.values_list("code", flat=True)) == ["03.120.10"]
    assert new.ics_root == "03" and new.ccs_root == "A"
    link = Replacement.objects.get(successor_designation="GB/T 19001-2016")
    assert link.predecessor.designation == "GB/T 19001-2008"
    assert link.successor == new
    run = ImportRun.objects.get(pk=report.run_id)
    assert run.rejected == 2
    # A console import runs under a job like a web one: its state, progress and timing.
    assert (run.job.kind, run.job.state, run.job.done) == ("catalog.import", "succeeded", 5)
    assert run.state == "succeeded" and run.processed == 5 and run.finished_at
    # The first import of a source is not a change anyone is alerted about.
    assert not CatalogEvent.objects.exists()


def test_reimport_of_the_same_file_changes_nothing(tmp_path):
    path = write_csv(
        tmp_path / "list.csv",
        [
            "GB/T 19001-2016,质量管理体系 要求,现行,2016-12-30,2017-07-01,,GB/T 19001-2008,,"
            "03.120.10,A00",
        ],
    )
    import_file(path)
    before = list(Standard.objects.values())
    report = import_file(path)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 1)
    assert list(Standard.objects.values()) == before
    assert Replacement.objects.count() == 1
    assert not CatalogEvent.objects.exists()


def test_reimport_of_a_newer_snapshot_records_events(tmp_path):
    import_file(
        write_csv(
            tmp_path / "v1.csv",
            [
                "GB 50204-2002,混凝土结构工程施工质量验收规范,现行,2002-03-01,2002-04-01,,,,,",
            ],
        )
    )
    report = import_file(
        write_csv(
            tmp_path / "v2.csv",
            [
                "GB 50204-2002,混凝土结构工程施工质量验收规范,被代替,2002-03-01,2002-04-01,"
                "2015-09-01,,GB 50204-2015,,",
                "GB 50204-2015,混凝土结构工程施工质量验收规范,现行,2014-12-30,2015-09-01,,"
                "GB 50204-2002,,,",
            ],
        )
    )
    assert (report.created, report.updated) == (1, 1)
    old = Standard.objects.get(designation="GB 50204-2002")
    kinds = set(old.events.values_list("kind", flat=True))
    assert kinds == {
        CatalogEvent.Kind.REPLACED,
        CatalogEvent.Kind.DATES_CHANGED,
        CatalogEvent.Kind.REPLACEMENT_ADDED,
    }
    replaced = old.events.get(kind=CatalogEvent.Kind.REPLACED)
    assert replaced.before == {"status": "current"} and replaced.after == {"status": "replaced"}
    new = Standard.objects.get(designation="GB 50204-2015")
    assert new.events.get().kind == CatalogEvent.Kind.PUBLISHED
    assert resolve_standard(old).current == ["GB 50204-2015"]
    # Running the same snapshot again writes no further events.
    import_file(tmp_path / "v2.csv")
    assert CatalogEvent.objects.count() == 4


def test_imported_records_are_searchable_at_once(tmp_path):
    import_file(
        write_csv(
            tmp_path / "list.csv",
            [
                "GB 50028-2006,城镇燃气设计规范,现行,2006-07-12,2006-11-01,,,,,",
            ],
        )
    )
    result = search(SearchQuery(text="燃气"))
    assert [h.standard.designation for h in result.hits] == ["GB 50028-2006"]


def test_relaton_yaml_import_links_renumbered_successors():
    report = import_file(DATA / "iso", fmt="relaton-yaml")
    assert report.created >= 4 and report.rejected == 0
    old = Standard.objects.get(designation="ISO 8601:2004")
    assert old.status in (Status.REPLACED, Status.WITHDRAWN)
    successors = set(resolve_standard(old).current)
    assert {"ISO 8601-1:2019", "ISO 8601-2:2019"} <= successors
    assert Standard.objects.get(designation="ISO 8601-1:2019").source.slug == "relaton-iso"


def test_parser_row_errors_and_bad_records_are_reported_not_raised():
    records = [
        StandardRecord(designation="GB/T 1-2020", title_zh="标准化工作导则", line=2),
        RecordError(3, "发布日期格式无法识别：2016-13-45"),
        StandardRecord(designation="not a standard", line=4),
        StandardRecord(designation="GB/T 2-2020", status="bogus", line=5),
    ]
    report = import_records(records, source_slug="spreadsheet", fmt="spreadsheet")
    assert report.created == 1 and report.rejected == 3
    assert [r["line"] for r in report.rejections] == [3, 4, 5]


def test_unknown_format_and_missing_file_are_clear_errors(tmp_path):
    odd = tmp_path / "list.pages"
    odd.write_bytes(b"\x00\x01")
    with pytest.raises(ImportFileError):
        import_file(odd)
    with pytest.raises(ImportFileError):
        import_file(tmp_path / "missing.csv")
    broken = tmp_path / "broken.csv"
    broken.write_text("名称,日期\n甲,乙\n", encoding="utf-8")
    with pytest.raises(ImportFileError):
        import_file(broken)
    assert not Standard.objects.exists()


def test_import_command_prints_report(tmp_path):
    path = write_csv(
        tmp_path / "list.csv",
        [
            "GB/T 19001-2016,质量管理体系 要求,现行,2016-12-30,2017-07-01,,,,,",
            "??,坏行,现行,,,,,,,",
        ],
    )
    out = io.StringIO()
    call_command("import_catalog", str(path), "--no-progress", "--json", stdout=out)
    report = json.loads(out.getvalue())
    assert report["created"] == 1 and report["rejected"] == 1


def test_load_shipped_data_is_idempotent(tmp_path):
    write_seed(
        [
            StandardRecord(
                designation="ISO 9001:2015",
                title_en="Quality management systems",
                status="current",
                source="relaton-iso",
                ics=["03.120.10"],
            ),
            StandardRecord(
                designation="ISO 9001:2008",
                status="replaced",
                source="relaton-iso",
                replaced_by=[RelationRef("ISO 9001:2015")],
            ),
        ],
        tmp_path / "catalog.jsonl.xz",
    )
    out = io.StringIO()
    call_command("load_shipped_data", "--seed-dir", str(tmp_path), stdout=out, verbosity=0)
    assert "新增 2" in out.getvalue()
    out = io.StringIO()
    call_command("load_shipped_data", "--seed-dir", str(tmp_path), stdout=out, verbosity=0)
    assert "unchanged; nothing to do" in out.getvalue()
    assert Standard.objects.count() == 2


def test_load_shipped_data_summarises_rejections_by_reason_into_a_report_file(tmp_path, settings):
    settings.DATA_DIR = tmp_path / "var"
    seed_dir = tmp_path / "seed"
    seed_dir.mkdir()
    write_seed(
        [
            StandardRecord(designation="ISO 9001:2015", status="current", source="relaton-iso"),
            StandardRecord(
                designation="AMPP SP21496",
                status="withdrawn",
                source="relaton-ieee",
                source_ref="AMPP_SP21496.yaml",
            ),
            StandardRecord(designation="GB/T 2-2020", status="bogus", source="relaton-gb"),
        ],
        seed_dir / "catalog.jsonl.xz",
    )
    out = io.StringIO()
    call_command("load_shipped_data", "--seed-dir", str(seed_dir), stdout=out, verbosity=0)
    text = out.getvalue()
    assert "None" not in text
    assert "新增 1" in text and "拒绝 2" in text
    assert "拒绝（标准号无法识别）：1" in text and "拒绝（未知状态）：1" in text
    reports = list((tmp_path / "var" / "import-reports").glob("*.txt"))
    assert len(reports) == 1 and str(reports[0]) in text
    lines = reports[0].read_text(encoding="utf-8").splitlines()
    # Seed records have no line of their own: the record's position and its source file.
    ampp = next(line for line in lines if "AMPP" in line)
    assert ampp.startswith("catalog.jsonl.xz 第 2 条记录 (AMPP_SP21496.yaml)")
    assert any(line.startswith("catalog.jsonl.xz 第 3 条记录\tGB/T 2-2020") for line in lines)


def test_import_command_summary_names_the_report_file_and_every_rejected_row(tmp_path, settings):
    settings.DATA_DIR = tmp_path / "var"
    path = write_csv(
        tmp_path / "list.csv",
        [
            "GB/T 19001-2016,质量管理体系 要求,现行,2016-12-30,2017-07-01,,,,,",
            *[f"XYZ{n},坏行,现行,,,,,,," for n in range(3)],
        ],
    )
    out = io.StringIO()
    call_command("import_catalog", str(path), "--no-progress", stdout=out)
    text = out.getvalue()
    assert "拒绝 3" in text and "None" not in text
    report_file = next((tmp_path / "var" / "import-reports").glob("*-list.csv.txt"))
    assert str(report_file) in text
    located = [line.split("\t")[0] for line in report_file.read_text().splitlines()[2:]]
    assert located == ["list.csv 第 3 行", "list.csv 第 4 行", "list.csv 第 5 行"]
