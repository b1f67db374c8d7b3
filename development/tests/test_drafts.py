"""Drafts: upload limits, text and clauses, normative references, redline and its exports."""

from __future__ import annotations

import io

import pytest

from development.exceptions import DevelopmentError, DevelopmentPermissionError
from development.services.clauses import split_clauses
from development.services.drafts import compare_drafts, upload_draft
from development.services.redline import diff_text, tokens
from development.services.redline_export import marked_text, redline_docx
from development.tests.conftest import DRAFT_V1, DRAFT_V2, upload

pytestmark = pytest.mark.django_db


def test_clauses_follow_the_numbering():
    clauses = split_clauses(DRAFT_V1)
    assert [c.number for c in clauses] == ["", "前言", "1", "2", "3", "3.1", "4"]
    assert clauses[3].title == "规范性引用文件"
    assert clauses[5].title == "数字孪生 digital twin"
    # A sentence starting with a number is body text, not a heading.
    assert split_clauses("1 范围\n2 个传感器应安装在顶部。\n")[0].text == "2 个传感器应安装在顶部。"


def test_chinese_diff_marks_single_characters_and_keeps_designations_whole():
    pieces = diff_text("物理实体的数字化表达。", "物理实体的数字化表示。")
    assert [(p.op, p.text) for p in pieces] == [
        ("equal", "物理实体的数字化表"),
        ("delete", "达"),
        ("insert", "示"),
        ("equal", "。"),
    ]
    assert tokens("按照GB/T 1.1-2020起草") == ["按", "照", "GB/T", " ", "1.1-2020", "起", "草"]
    assert (
        marked_text(diff_text("依据GB/T 1-2009", "依据GB/T 1-2020"))
        == "依据GB/T [-1-2009-]{+1-2020+}"
    )


def test_upload_reads_text_clauses_and_reference_verdicts(world, make_project, catalogue):
    project = make_project("20.20")
    draft = upload_draft(project, upload("草案.txt", DRAFT_V1), kind="wd", user=world.sec_a)
    assert draft.version == 1 and draft.file_kind == "txt" and draft.stage == "20.20"
    assert draft.clauses[2]["number"] == "1"
    verdicts = {r["designation"]: r["verdict"] for r in draft.references}
    assert verdicts["GB/T 19001-2016"] == "current"
    assert verdicts["GB/T 20000.1"] == "current"  # undated: the latest edition
    again = upload_draft(project, upload("草案2.txt", DRAFT_V2), kind="wd", user=world.sec_a)
    assert again.version == 2


def test_redline_between_versions(world, make_project, catalogue):
    project = make_project("20.20")
    v1 = upload_draft(project, upload("a.txt", DRAFT_V1), kind="wd", user=world.sec_a)
    v2 = upload_draft(project, upload("b.txt", DRAFT_V2), kind="wd", user=world.sec_a)
    redline = compare_drafts(v1, v2)
    changed = {c.number: c.status for c in redline.clauses if c.changed}
    assert changed == {"3.1": "changed", "4": "changed", "5": "added"}
    four = next(c for c in redline.clauses if c.number == "4")
    assert ("insert", "和建模") in [(p.op, p.text) for p in four.pieces]
    from docx import Document

    document = Document(io.BytesIO(redline_docx(v1, v2, redline)))
    struck = [r.text for p in document.paragraphs for r in p.runs if r.font.strike]
    underlined = [r.text for p in document.paragraphs for r in p.runs if r.font.underline]
    assert "达" in struck and "和建模" in underlined


def test_bad_uploads_change_nothing(world, make_project, settings):
    from core.uploads import UploadError
    from development.models import Draft

    project = make_project("20.20")
    with pytest.raises(UploadError):
        upload_draft(project, upload("x.exe", "MZ\x00\x01binary"), kind="wd", user=world.sec_a)
    settings.UPLOAD_MAX_BYTES = 100
    with pytest.raises(UploadError, match="MB"):
        upload_draft(project, upload("big.txt", "标准" * 200), kind="wd", user=world.sec_a)
    with pytest.raises(DevelopmentPermissionError):
        upload_draft(project, upload("a.txt", DRAFT_V1), kind="wd", user=world.member_b)
    with pytest.raises(DevelopmentError):
        upload_draft(project, upload("a.txt", DRAFT_V1), kind="zz", user=world.sec_a)
    assert not Draft.objects.exists()
