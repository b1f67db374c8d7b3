"""Pages of public comment and ballots: who may comment, resolve, download, vote and close."""
# ruff: noqa: F811 (the fixtures of review_fixtures are imported by name)

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.tests.conftest import signed_in
from development.models import Ballot, Comment, CommentWindow
from development.services import comment_templates
from development.tests.review_fixtures import draft, voters, window  # noqa: F401

pytestmark = pytest.mark.django_db


def test_comment_window_to_resolution_table(draft, world):
    sec = signed_in(world.sec_a)
    response = sec.post(reverse("development:comment-window-open", args=[draft.pk]), {"days": 30})
    window = CommentWindow.objects.get()
    assert response.url == reverse("development:comment-window", args=[window.pk])
    outsider = signed_in(world.outsider)
    page = outsider.get(response.url)
    assert page.status_code == 200 and "c-clause" in page.content.decode()
    add = reverse("development:comment-add", args=[window.pk])
    data = {"clause": "4", "kind": "te", "text": "补充", "organisation": "某公司"}
    outsider.post(add, data)
    outsider.post(add, data)  # a double submission is kept once
    assert Comment.objects.count() == 1
    bad = outsider.post(add, {**data, "clause": ""})
    assert bad.status_code == 400 and "补充" in bad.content.decode()
    comment = Comment.objects.get()
    resolve = reverse("development:comment-resolve", args=[window.pk, comment.pk])
    assert outsider.post(resolve, {"resolution": "adopted"}).status_code == 302
    assert Comment.objects.get().resolution == ""
    sec.post(resolve, {"resolution": "rejected", "reason": "不适用", "revision": 0})
    stale = sec.post(resolve, {"resolution": "adopted", "revision": 0}, follow=True)
    assert "别人" in stale.content.decode() or "someone else" in stale.content.decode()
    assert Comment.objects.get().resolution == "rejected"
    table = reverse("development:comment-table", args=[window.pk, "xlsx"])
    assert outsider.get(table).status_code == 404
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(sec.get(table).content))
    assert list(book.active.iter_rows(values_only=True))[1][4] == "不采纳：不适用"
    docx = sec.get(reverse("development:comment-table", args=[window.pk, "docx"]))
    assert docx.status_code == 200 and docx.content[:2] == b"PK"


def test_template_import_over_http(window, world):
    member = signed_in(world.member_b)
    header = [title for _key, title in comment_templates.ISO_COLUMNS]
    from core.writers import Sheet, write_xlsx

    good = write_xlsx([Sheet("c", [header, ["CN", "", "4", "", "ge", "意见", "", ""]])])
    url = reverse("development:comment-import", args=[window.pk])
    member.post(url, {"file": SimpleUploadedFile("c.xlsx", good)})
    assert Comment.objects.get().source == "template"
    bad = write_xlsx([Sheet("c", [header, ["CN", "", "4", "", "??", "x", "", ""]])])
    page = member.post(url, {"file": SimpleUploadedFile("c.xlsx", bad)}, follow=True)
    assert "Type of comment" in page.content.decode()
    assert Comment.objects.count() == 1
    assert member.get(reverse("development:comment-template", args=[window.pk])).status_code == 200


def test_ballot_over_http(draft, world, voters):
    sec = signed_in(world.sec_a)
    sec.post(reverse("development:ballot-open", args=[draft.pk]), {"rule": "iso-dis", "days": 10})
    ballot = Ballot.objects.get()
    vote = reverse("development:ballot-vote", args=[ballot.pk])
    for person in voters:
        signed_in(person).post(vote, {"position": "approve"})
    outsider = signed_in(world.outsider)
    assert outsider.get(reverse("development:ballot", args=[ballot.pk])).status_code == 404
    assert outsider.post(vote, {"position": "approve"}).status_code == 404
    assert ballot.votes.count() == len(voters)
    assert (
        signed_in(world.author)
        .post(reverse("development:ballot-close", args=[ballot.pk]))
        .status_code
        == 302
    )
    assert Ballot.objects.get().closed_at is None
    sec.post(reverse("development:ballot-close", args=[ballot.pk]))
    page = sec.get(reverse("development:ballot", args=[ballot.pk])).content.decode()
    assert 'data-condition="approval"' in page and Ballot.objects.get().passed is True
    late = signed_in(voters[1]).post(vote, {"position": "abstain"}, follow=True)
    assert (
        "closed" in late.content.decode()
        or "已结束" in late.content.decode()
        or "关闭" in late.content.decode()
    )
