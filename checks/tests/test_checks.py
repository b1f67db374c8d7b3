"""The check service: stored checks, verdicts per item, re-runs with changes, verification."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from catalog.models import Status
from checks.models import Check, Verdict
from checks.services import checking
from checks.services.changes import compare_runs
from checks.services.checking import CheckError, CheckRequest, create_check, run_check
from checks.services.verification import verify_check
from checks.tests.documents import make_xlsx
from core.exceptions import DomainError

pytestmark = pytest.mark.django_db

TEXT = (
    "编制依据：《混凝土结构工程施工质量验收规范》GB 50204-2002；GB/T 19001-2008；"
    "GB/T 5606-2004；JGJ 59-1999；ISO 712；GB 50016-2026；GB/T 99999-2020。电压 500kV。"
)


def run(text: str = TEXT, **kwargs) -> Check:
    return run_check(create_check(CheckRequest(text=text, **kwargs)).pk)


def test_check_stores_every_reference_with_its_verdict(catalogue):
    check = run()
    assert check.state == Check.State.SUCCEEDED
    rows = list(check.items.values_list("designation", "status", "current"))
    assert rows == [
        ("GB 50204-2002", Verdict.REPLACED, ["GB 50204-2015"]),
        ("GB/T 19001-2008", Verdict.REPLACED, ["GB/T 19001-2016"]),
        ("GB/T 5606-2004", Verdict.REPLACED, ["GB/T 5606.1-2023", "GB/T 5606.2-2023"]),
        ("JGJ 59-1999", Verdict.WITHDRAWN, []),
        ("ISO 712", Verdict.CURRENT, ["ISO 712:2009"]),
        ("GB 50016-2026", Verdict.UPCOMING, ["GB 50016-2014"]),
        ("GB/T 99999-2020", Verdict.NOT_FOUND, []),
    ]
    assert check.counts[Verdict.REPLACED] == 3
    assert check.total == check.processed == 7
    assert check.catalogue_as_of == datetime.date(2025, 6, 1)
    assert len(check.verification_code) == 23


def test_as_of_check(catalogue):
    check = run("GB/T 19001-2000 与 GB/T 19001-2008", as_of=datetime.date(2005, 1, 1))
    assert list(check.items.values_list("status", flat=True)) == [Verdict.CURRENT, Verdict.UPCOMING]


def test_rerun_shows_what_changed(catalogue, make_standard, link):
    first = run()
    newer = make_standard("GB/T 5606.1-2025", effective=datetime.date(2025, 1, 1))
    old = catalogue["split_1"]
    old.status = Status.REPLACED
    old.save()
    link(old, newer)
    second = run_check(checking.rerun_check(first).pk)
    assert second.previous_id == first.pk
    assert second.list_key == first.list_key
    changes = compare_runs(second)
    assert [(c.designation, c.kind, c.before_current, c.after_current) for c in changes] == [
        (
            "GB/T 5606-2004",
            "changed",
            ["GB/T 5606.1-2023", "GB/T 5606.2-2023"],
            ["GB/T 5606.1-2025", "GB/T 5606.2-2023"],
        ),
    ]


def test_a_new_submission_of_the_same_list_links_the_previous_run(catalogue, django_user_model):
    user = django_user_model.objects.create_user("alice", password="x")
    first = run_check(create_check(CheckRequest(text=TEXT), owner=user).pk)
    second = create_check(CheckRequest(text=TEXT), owner=user)
    other = create_check(CheckRequest(text=TEXT))  # anonymous: not the same owner
    assert second.previous_id == first.pk
    assert other.previous_id is None


def test_verification_code_detects_tampering(catalogue):
    check = run()
    found, intact = verify_check(check.verification_code.lower().replace("-", " "))
    assert (found, intact) == (check, True)
    check.items.filter(position=1).update(status=Verdict.CURRENT)
    assert verify_check(check.verification_code) == (check, False)
    assert verify_check("AAAAA-BBBBB-CCCCC-DDDDD") == (None, False)


def test_uploaded_xlsx_is_stored_and_rerunnable(catalogue):
    data = make_xlsx({"清单": [["标准号"], ["GB 50204-2015"], ["JGJ 59-1999"]]})
    upload = SimpleUploadedFile("清单.xlsx", data)
    check = run_check(create_check(CheckRequest(upload=upload)).pk)
    assert check.kind == "xlsx"
    assert list(check.items.values_list("status", flat=True)) == [
        Verdict.CURRENT,
        Verdict.WITHDRAWN,
    ]
    again = run_check(checking.rerun_check(check).pk)
    assert again.total == 2
    assert compare_runs(again) == []


def test_empty_and_disguised_inputs_are_refused(db):
    with pytest.raises(CheckError):
        create_check(CheckRequest(text="   "))
    with pytest.raises(DomainError):
        create_check(CheckRequest(upload=SimpleUploadedFile("list.xlsx", b"GB 50204-2015")))


def test_unreadable_file_fails_the_check_with_a_reason(db):
    upload = SimpleUploadedFile("broken.pdf", b"%PDF-1.4 garbage without objects")
    check = create_check(CheckRequest(upload=upload))
    with pytest.raises(CheckError):
        run_check(check.pk)
    check.refresh_from_db()
    assert check.state == Check.State.FAILED
    assert check.error


def test_large_input_runs_as_a_background_job_with_progress(catalogue, settings, monkeypatch):
    monkeypatch.setattr(checking, "BACKGROUND_TEXT_CHARS", 100)
    monkeypatch.setattr(checking, "BATCH", 3)
    check = create_check(CheckRequest(text=TEXT * 3))
    assert checking.is_large(check)
    seen = []
    original = checking.resolve_references

    def spy(designations, as_of):
        seen.append(Check.objects.get(pk=check.pk).processed)
        return original(designations, as_of)

    monkeypatch.setattr(checking, "resolve_references", spy)
    check = checking.start_check(check)  # Huey runs tasks immediately in the test settings
    assert check.state == Check.State.SUCCEEDED
    assert check.total == 21
    assert seen[:3] == [0, 3, 6]  # progress is written after every batch


# --- nothing lost: unrecognised items come back as rows -------------------------------------


def test_pasted_list_returns_a_row_for_every_item(catalogue):
    check = run("GB/T 19001-2016, ISO 9001:2008, ISO 712, IEC 60601-1:2005, XYZ 123")
    rows = list(check.items.values_list("input", "status", "location"))
    assert len(rows) == 5
    assert rows[-1] == ("XYZ 123", Verdict.UNRECOGNISED, {"line": 1, "column": 60})
    assert check.total == check.processed == 5
    assert sum(check.counts.values()) == 5
    assert check.counts[Verdict.UNRECOGNISED] == 1
    note = check.items.get(status=Verdict.UNRECOGNISED).note
    assert "XYZ 123" in note and "标准代号" in note


def test_unrecognised_lines_keep_their_line_numbers(catalogue):
    check = run("GB 50204-2015\n\nGB 1234-1850\n说明文字\nJGJ 59-1999")
    rows = list(check.items.values_list("input", "status", "location"))
    assert rows == [
        ("GB 50204-2015", Verdict.CURRENT, {"line": 1, "column": 1}),
        ("GB 1234-1850", Verdict.UNRECOGNISED, {"line": 3, "column": 1}),
        ("JGJ 59-1999", Verdict.WITHDRAWN, {"line": 5, "column": 1}),
    ]


def test_uploaded_xlsx_reports_unreadable_cells_with_sheet_and_cell(catalogue):
    data = make_xlsx({"清单": [["标准号", "备注"], ["GB 50204-2015", ""], ["ABC-12X", "见附件"]]})
    check = run_check(create_check(CheckRequest(upload=SimpleUploadedFile("清单.xlsx", data))).pk)
    rows = list(check.items.values_list("input", "status", "location"))
    assert rows == [
        ("GB 50204-2015", Verdict.CURRENT, {"sheet": "清单", "row": 2, "column": "A"}),
        ("ABC-12X", Verdict.UNRECOGNISED, {"sheet": "清单", "row": 3, "column": "A"}),
    ]
    assert check.total == 2


def test_prose_documents_are_not_split_into_items(catalogue):
    upload = SimpleUploadedFile("plan.txt", "依据 GB 50204-2015 执行。\nXYZ 123\n".encode())
    check = run_check(create_check(CheckRequest(upload=upload)).pk)
    assert list(check.items.values_list("status", flat=True)) == [Verdict.CURRENT]
