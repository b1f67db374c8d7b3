"""The command line contract: `stdbase check-refs PATH --format jsonl|xlsx|pdf`."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from catalog.extraction.readers import read_pdf_pages
from checks.tests.documents import make_docx

pytestmark = pytest.mark.django_db


def jsonl(*args) -> list[dict]:
    out = io.StringIO()
    call_command("check_refs", *args, stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_jsonl_one_object_per_reference_in_document_order(catalogue, tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text("依据 GB 50204-2002、JGJ 59-1999\n以及 GB/T 5606-2004，500kV\n")
    rows = jsonl(str(path), "--format", "jsonl")
    assert [(r["input"], r["designation"], r["status"], r["current"]) for r in rows] == [
        ("GB 50204-2002", "GB 50204-2002", "replaced", ["GB 50204-2015"]),
        ("JGJ 59-1999", "JGJ 59-1999", "withdrawn", []),
        ("GB/T 5606-2004", "GB/T 5606-2004", "replaced", ["GB/T 5606.1-2023", "GB/T 5606.2-2023"]),
    ]
    assert rows[2]["location"] == {"line": 2, "column": 4}


def test_standard_input(catalogue, monkeypatch):
    stdin = io.TextIOWrapper(io.BytesIO("ISO 712 与 GB 50016-2026".encode()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    rows = jsonl("-", "--format", "jsonl")
    assert [(r["designation"], r["status"]) for r in rows] == [
        ("ISO 712", "current"),
        ("GB 50016-2026", "upcoming"),
    ]
    assert rows[1]["effective"] == "2027-03-01"


def test_docx_input_and_as_of(catalogue, tmp_path):
    path = tmp_path / "clause.docx"
    path.write_bytes(make_docx(["引用 GB/T 19001-2000 与 GB/T 19001"]))
    rows = jsonl(str(path), "--format", "jsonl", "--as-of", "2005-06-01")
    assert [(r["status"], r["current"]) for r in rows] == [
        ("current", ["GB/T 19001-2000"]),
        ("current", ["GB/T 19001-2000"]),
    ]
    assert rows[0]["location"] == {"paragraph": 1}


def test_xlsx_and_pdf_reports(catalogue, tmp_path):
    source = tmp_path / "list.txt"
    source.write_text("GB 50204-2002\nJGJ 59-1999\n")
    xlsx, pdf = tmp_path / "out.xlsx", tmp_path / "out.pdf"
    call_command("check_refs", str(source), "--format", "xlsx", "--output", str(xlsx))
    call_command("check_refs", str(source), "--format", "pdf", "--output", str(pdf))
    from openpyxl import load_workbook

    sheet = load_workbook(xlsx).worksheets[0]
    assert [c.value for c in sheet["C"]][1:] == ["GB 50204-2002", "JGJ 59-1999"]
    text = "".join(read_pdf_pages(pdf.read_bytes()))
    assert "GB 50204-2015" in text


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.rtf", b"{\\rtf1}", "不支持的文件类型：.rtf"),
        ("missing.txt", None, "无法读取 .*：文件不存在"),
        ("broken.pdf", b"%PDF-1.4 nothing", "不是可读取的 PDF"),
    ],
)
def test_unreadable_or_unsupported_files_fail_with_a_reason(db, tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        call_command("check_refs", str(path), "--format", "jsonl")


def test_output_is_required_for_file_formats(db, tmp_path):
    with pytest.raises(CommandError, match="--output"):
        call_command("check_refs", str(tmp_path / "x.txt"), "--format", "pdf")


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("notes.rtf", b"{\\rtf1}", "不支持的文件类型：.rtf"),
        ("broken.pdf", b"%PDF-1.4 nothing", "该文件不是可读取的 PDF。"),
    ],
)
def test_console_command_exits_non_zero_with_one_line(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    stdbase = Path(sys.executable).with_name("stdbase")
    env = {"STDBASE_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    subprocess.run([str(stdbase), "migrate", "-v0"], env=env, check=True, timeout=300)
    result = subprocess.run(
        [str(stdbase), "check-refs", str(path), "--format", "jsonl"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode != 0
    assert result.stdout == ""
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines == [f"CommandError: {reason}"]


def test_conversion_reads_the_same_on_the_page_the_cli_the_api_and_the_report(client, tmp_path):
    from html import unescape

    from openpyxl import load_workbook

    from catalog.tests.edition_cases import converted_and_partly_replaced

    converted_and_partly_replaced()
    path = tmp_path / "list.txt"
    path.write_text("GB 50010-2010\n")
    [row] = jsonl(str(path))
    assert (row["status"], row["current"]) == ("converted", ["GB/T 50010-2010", "GB 55008-2021"])
    wording = row["note"]
    assert wording.startswith("GB 50010-2010 已转为 GB/T 50010-2010")
    page = unescape(client.get("/standards/GB%2050010-2010/").content.decode())
    assert wording in page
    api = client.get(
        "/api/v1/standards/lookup/",
        {"designation": "GB 50010-2010"},
        HTTP_ACCEPT="application/json",
    ).json()
    assert api["resolution"]["explanation"] == wording
    out = tmp_path / "report.xlsx"
    call_command("check_refs", str(path), "--format", "xlsx", "--output", str(out))
    cells = [c.value for sheet in load_workbook(out) for r in sheet.iter_rows() for c in r]
    assert wording in cells
