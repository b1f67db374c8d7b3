"""Public comment, the 意见汇总处理表 and ballots on drafts, through the services."""
# ruff: noqa: F811 (the fixtures of review_fixtures are imported by name)

from __future__ import annotations

import datetime
import io

import pytest
from django.utils import timezone

from audit.models import AuditEntry
from bodies.services import add_member
from development.exceptions import DevelopmentError, DevelopmentPermissionError
from development.models import Ballot, Comment, VoteChange
from development.services import comments, voting
from development.services.ballots import BallotError
from development.services.comments import CommentConflict
from development.services.voting import VoteRefused
from development.tests.review_fixtures import draft, voters, window  # noqa: F401
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_window_minimum_days_and_secretariat_only(draft, world):
    with pytest.raises(DevelopmentError, match="30"):
        comments.open_comment_window(draft, user=world.sec_a, days=29)
    with pytest.raises(DevelopmentPermissionError):
        comments.open_comment_window(draft, user=world.author)
    draft.project.level = "national"
    draft.project.save()
    with pytest.raises(DevelopmentError, match="60"):
        comments.open_comment_window(draft, user=world.sec_a, days=30)
    window = comments.open_comment_window(draft, user=world.sec_a)
    assert (window.closes_at - window.opens_at).days == 60
    with pytest.raises(DevelopmentError):
        comments.open_comment_window(draft, user=world.sec_a)


def test_add_comment_numbers_and_is_idempotent(window, world):
    draft = window.draft
    first = comments.add_comment(
        draft, clause="4", kind="te", text="增加建模要求", author=world.member_b, organisation="乙"
    )
    again = comments.add_comment(
        draft, clause="4", kind="te", text="增加建模要求", author=world.member_b, organisation="乙"
    )
    other = comments.add_comment(draft, clause="3.1", kind="ed", text="表述", author=world.author)
    assert again.pk == first.pk
    assert [first.number, other.number] == [1, 2]
    assert AuditEntry.objects.filter(action="development.comment.added").count() == 2


def test_add_comment_refuses_bad_input_and_closed_window(window, world):
    draft = window.draft
    with pytest.raises(DevelopmentError, match="ge、te"):
        comments.add_comment(draft, clause="4", kind="xx", text="t", author=world.author)
    with pytest.raises(DevelopmentError):
        comments.add_comment(draft, clause=" ", kind="te", text="t", author=world.author)
    comments.close_comment_window(window, user=world.sec_a)
    with pytest.raises(DevelopmentError, match="不在征求意见期"):
        comments.add_comment(draft, clause="4", kind="te", text="t", author=world.author)


def test_verification_centre_files_comments_without_an_open_window(draft):
    comment = comments.add_comment(
        draft, clause="5", kind="technical", text="试验不通过", source="verification"
    )
    assert comment.kind == "te" and comment.window.closed_at is not None


def test_resolution_needs_reason_and_detects_concurrent_edits(window, world):
    comment = comments.add_comment(
        window.draft, clause="4", kind="te", text="t", author=world.author
    )
    with pytest.raises(DevelopmentError, match="说明理由"):
        comments.resolve_comment(comment, resolution="rejected", user=world.sec_a)
    with pytest.raises(DevelopmentPermissionError):
        comments.resolve_comment(comment, resolution="adopted", user=world.author)
    first = comments.resolve_comment(comment, resolution="adopted", user=world.sec_a, revision=0)
    assert first.revision == 1
    with pytest.raises(CommentConflict):
        comments.resolve_comment(
            comment, resolution="rejected", reason="不适用", user=world.sec_a, revision=0
        )
    assert Comment.objects.get(pk=comment.pk).resolution == "adopted"


def test_resolution_table_xlsx_and_docx(window, world):
    import docx
    import openpyxl

    c = comments.add_comment(
        window.draft,
        clause="4",
        kind="te",
        text="=HYPERLINK(1)",
        proposed_change="改为建模",
        author=world.author,
        organisation="郑州机械研究所",
    )
    comments.resolve_comment(c, resolution="partly", reason="部分适用", user=world.sec_a)
    sheet = openpyxl.load_workbook(io.BytesIO(comments.resolution_table_xlsx(window.draft))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == comments.TABLE_HEADINGS
    assert rows[1][0] == 1 and rows[1][1] == "4" and rows[1][3] == "郑州机械研究所"
    assert rows[1][4] == "部分采纳：部分适用" and "改为建模" in rows[1][2]
    assert sheet["C2"].data_type == "s"
    document = docx.Document(io.BytesIO(comments.resolution_table_docx(window.draft)))
    table = document.tables[0]
    assert [cell.text for cell in table.rows[0].cells] == list(comments.TABLE_HEADINGS)
    assert table.rows[1].cells[4].text == "部分采纳：部分适用"
    content = table.rows[1].cells[2].text
    assert content.startswith("[") and content.endswith("改为建模") and "\n" in content
    assert table.rows[1].cells[0].text == "1" and len(table.rows) == 2


def test_resolution_table_docx_keeps_every_comment_readable(window, world):
    """A control character typed into a comment is dropped, not the whole Word export."""
    import docx

    for n in range(3):
        comments.add_comment(
            window.draft, clause=f"{n + 1}", kind="ed", text=f"第{n}条\x0b意见", author=world.author
        )
    table = docx.Document(io.BytesIO(comments.resolution_table_docx(window.draft))).tables[0]
    assert [row.cells[1].text for row in table.rows[1:]] == ["1", "2", "3"]
    assert table.rows[3].cells[2].text.endswith("第2条意见")


def test_open_ballot_freezes_voters_and_notifies(draft, world, voters):
    ballot = voting.open_ballot(draft, user=world.sec_a, rule="iso-dis")
    assert set(ballot.voters.values_list("user_id", flat=True)) == {p.pk for p in voters}
    late = voters[0].__class__.objects.create(username="late")
    add_member(world.a, "body_member", actor=None, user=late)
    with pytest.raises(VoteRefused, match="不是本次投票的投票人"):
        voting.cast_vote(ballot, user=late, position="approve")
    assert Notification.objects.filter(recipient=voters[1]).count() == 1
    with pytest.raises(DevelopmentError):
        voting.open_ballot(draft, user=world.sec_a)


def test_open_ballot_refuses_bad_rule(draft, world, voters):
    with pytest.raises(BallotError, match="approval_threshold"):
        voting.open_ballot(draft, user=world.sec_a, rule={"approval_threshold": "2"})
    assert not Ballot.objects.exists()


def test_votes_changes_logged_and_closed_ballot_refused(draft, world, voters):
    ballot = voting.open_ballot(draft, user=world.sec_a, rule="iso-dis")
    with pytest.raises(VoteRefused, match="请说明理由"):
        voting.cast_vote(ballot, user=voters[0], position="disapprove")
    voting.cast_vote(ballot, user=voters[0], position="approve")
    voting.cast_vote(ballot, user=voters[0], position="disapprove", reasons="不成熟")
    assert VoteChange.objects.get().new_position == "disapprove"
    for person in voters[1:]:
        voting.cast_vote(ballot, user=person, position="approve")
    closed = voting.close_ballot(ballot, user=world.sec_a)
    # 3 of 4 in favour (>= 2/3); 1 of 4 against is exactly the 1/4 ceiling: passes.
    assert closed.passed is True
    assert closed.result["fractions"] == {"approval": "3/4", "disapproval": "1/4"}
    assert closed.result["explanation"]
    with pytest.raises(VoteRefused, match="已结束"):
        voting.cast_vote(ballot, user=voters[1], position="abstain")


def test_failed_condition_explained(draft, world, voters):
    ballot = voting.open_ballot(draft, user=world.sec_a, rule="cn-tc")
    voting.cast_vote(ballot, user=voters[0], position="approve")
    closed = voting.close_ballot(ballot, user=world.sec_a)
    assert closed.passed is False
    failed = [c["name"] for c in closed.result["conditions"] if not c["met"]]
    assert failed == ["participation"]


def test_due_ballots_closed_and_reminded(draft, world, voters):
    ballot = voting.open_ballot(draft, user=world.sec_a, rule="iso-dis", days=2)
    assert voting.remind_voters() == 1
    assert voting.remind_voters() == 0
    assert voting.close_due_ballots() == 0
    later = timezone.now() + datetime.timedelta(days=3)
    assert voting.close_due_ballots(now=later) == 1
    ballot.refresh_from_db()
    assert ballot.closed_at is not None and ballot.passed is False


def test_pass_advances_the_project(draft, world, voters):
    ballot = voting.open_ballot(draft, user=world.sec_a, rule="iso-dis", advance_to="30.99")
    for person in voters:
        voting.cast_vote(ballot, user=person, position="approve")
    voting.close_ballot(ballot, user=world.sec_a)
    draft.project.refresh_from_db()
    assert draft.project.state == "30.99"


def _workbook(rows) -> object:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from core.writers import Sheet, write_xlsx

    data = write_xlsx([Sheet("Comments", rows)])
    return SimpleUploadedFile("comments.xlsx", data)


def test_iso_template_round_trip(window, world):
    from development.services import comment_templates as iso

    comments.add_comment(
        window.draft, clause="4", kind="te", text="增加", author=world.author, organisation="CN"
    )
    exported = iso.export_template(window.draft)
    from django.core.files.uploadedfile import SimpleUploadedFile

    rows = iso.parse_template(SimpleUploadedFile("c.xlsx", exported))
    assert rows == [
        {"clause": "4", "kind": "te", "text": "增加", "proposed_change": "", "organisation": "CN"}
    ]
    header = [title for _key, title in iso.ISO_COLUMNS]
    upload = _workbook([header, ["CN", "", "5.1", "Table 2", "ed", "错字", "改正", ""]])
    filed = iso.import_template(window.draft, upload, author=world.member_b)
    assert [(c.clause, c.kind, c.source) for c in filed] == [("5.1 Table 2", "ed", "template")]


def test_malformed_template_reports_rows_and_keeps_nothing(window, world):
    from development.services import comment_templates as iso

    header = [title for _key, title in iso.ISO_COLUMNS]
    upload = _workbook(
        [
            header,
            ["CN", "", "4", "", "te", "好", "", ""],
            ["CN", "", "4", "", "zz", "x", "", ""],
            ["CN", "", "", "", "ge", "y", "", ""],
        ]
    )
    with pytest.raises(iso.TemplateError) as caught:
        iso.import_template(window.draft, upload, author=world.author)
    assert caught.value.problems[0].startswith("第 3 行") or "3" in caught.value.problems[0]
    assert "Type of comment" in caught.value.problems[0]
    assert "Clause/Subclause" in caught.value.problems[1]
    assert not Comment.objects.exists()
    with pytest.raises(iso.TemplateError, match="Clause/Subclause"):
        iso.parse_template(_workbook([["a", "b"], ["c", "d"]]))


def test_resolution_table_docx_escapes_text_and_repeats_the_plain_row(window, world):
    """The fast Word table: XML-special text stays text, each row is like python-docx's own."""
    import docx

    for n in range(2):
        comments.add_comment(
            window.draft,
            clause=f"5.{n}",
            kind="ge",
            text=f"a < b && c > d\n第{n}行",
            proposed_change="=1+1" if n else "",
            author=world.author,
            organisation="<单位>",
        )
    document = docx.Document(io.BytesIO(comments.resolution_table_docx(window.draft)))
    table = document.tables[0]
    assert len(table.rows) == 3 and all(len(row.cells) == 5 for row in table.rows)
    first, second = table.rows[1].cells, table.rows[2].cells
    assert first[2].text.endswith("a < b && c > d\n第0行") and first[3].text == "<单位>"
    assert second[1].text == "5.1" and "=1+1" in second[2].text
    assert "stdbase-cell" not in "".join(cell.text for row in table.rows for cell in row.cells)
