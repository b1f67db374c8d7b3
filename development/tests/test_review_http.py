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
    assert '<span class="text-body-secondary unresolved">尚未处理</span>' in (
        outsider.get(response.url).content.decode()
    )
    unresolved = sec.get(response.url).content.decode()
    assert '<option value="" selected>尚未处理</option>' in unresolved
    resolve = reverse("development:comment-resolve", args=[window.pk, comment.pk])
    assert outsider.post(resolve, {"resolution": "adopted"}).status_code == 302
    assert Comment.objects.get().resolution == ""
    sec.post(resolve, {"resolution": "rejected", "reason": "不适用", "revision": 0})
    stale = sec.post(resolve, {"resolution": "adopted", "revision": 0}, follow=True)
    assert "别人" in stale.content.decode() or "someone else" in stale.content.decode()
    assert Comment.objects.get().resolution == "rejected"
    resolved = sec.get(response.url).content.decode()
    assert "不适用" in resolved and '<option value="" selected>' not in resolved
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


def _api(user=None):
    from rest_framework.test import APIClient

    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_api_comment_window_comments_and_resolution(draft, world):
    sec, member = _api(world.sec_a), _api(world.member_b)
    windows = "/api/v1/development/comment-windows/"
    assert member.post(windows, {"draft": draft.pk}, format="json").status_code == 404
    short = sec.post(windows, {"draft": draft.pk, "days": 5}, format="json")
    assert short.status_code == 400 and "30" in short.json()["detail"]
    opened = sec.post(windows, {"draft": draft.pk}, format="json")
    assert opened.status_code == 201 and opened.json()["is_open"] is True
    window = opened.json()["id"]
    url = "/api/v1/development/comments/"
    body = {"window": window, "clause": "4", "kind": "te", "text": "接口意见"}
    created = member.post(url, body, format="json")
    assert created.status_code == 201 and created.json()["number"] == 1
    assert member.post(url, body, format="json").json()["id"] == created.json()["id"]
    bad = member.post(url, {**body, "clause": " "}, format="json")
    assert bad.status_code == 400 and Comment.objects.count() == 1
    other = _api(world.outsider)
    other.post(url, {**body, "text": "另一条"}, format="json")
    # A commenter reads their own comments; the secretariat reads all of them.
    assert [c["text"] for c in member.get(url).json()["results"]] == ["接口意见"]
    assert len(sec.get(url, {"window": window}).json()["results"]) == 2
    resolve = f"{url}{created.json()['id']}/resolve/"
    refused = member.post(resolve, {"resolution": "adopted"}, format="json")
    assert refused.status_code == 400 and refused.json()["code"] == "development_forbidden"
    unexplained = sec.post(resolve, {"resolution": "partly"}, format="json")
    assert unexplained.status_code == 400 and Comment.objects.get(number=1).resolution == ""
    done = sec.post(resolve, {"resolution": "partly", "reason": "部分适用", "revision": 0})
    assert done.status_code == 200 and done.json()["revision"] == 1
    stale = sec.post(resolve, {"resolution": "adopted", "revision": 0}, format="json")
    assert stale.status_code == 400 and stale.json()["code"] == "comment_conflict"
    closed = sec.post(f"{windows}{window}/close/")
    assert closed.status_code == 200 and closed.json()["is_open"] is False
    late = member.post(url, {**body, "text": "太晚了"}, format="json")
    assert late.status_code == 400 and Comment.objects.count() == 2


def test_api_ballot_open_vote_close(draft, world, voters):
    sec, url = _api(world.sec_a), "/api/v1/development/ballots/"
    assert _api(world.author).post(url, {"draft": draft.pk}, format="json").status_code == 400
    bad_rule = sec.post(url, {"draft": draft.pk, "rule": "no-such-rule"}, format="json")
    assert bad_rule.status_code == 400 and not Ballot.objects.exists()
    opened = sec.post(url, {"draft": draft.pk, "rule": "iso-dis", "days": 10}, format="json")
    assert opened.status_code == 201
    ballot = opened.json()["id"]
    refused = _api(world.member_b).post(f"{url}{ballot}/vote/", {"position": "approve"})
    assert refused.status_code == 404
    assert _api(world.member_b).get(url).json()["results"] == []
    for person in voters:
        ok = _api(person).post(f"{url}{ballot}/vote/", {"position": "approve"})
        assert ok.status_code == 200 and ok.json()["position"] == "approve"
    reasonless = _api(voters[1]).post(f"{url}{ballot}/vote/", {"position": "disapprove"})
    assert reasonless.status_code == 400
    closed = sec.post(f"{url}{ballot}/close/")
    assert closed.status_code == 200 and closed.json()["passed"] is True
    assert closed.json()["result"]["explanation"]
    late = _api(voters[0]).post(f"{url}{ballot}/vote/", {"position": "abstain"})
    assert late.status_code == 400 and Ballot.objects.get().votes.count() == len(voters)


def test_api_read_only_token_cannot_change(draft, world):
    from accounts.services.tokens import create_token

    _token, raw = create_token(world.sec_a, name="ro", scope="read")
    client = _api()
    client.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    windows = "/api/v1/development/comment-windows/"
    assert client.get(windows).status_code == 200
    assert client.post(windows, {"draft": draft.pk}, format="json").status_code == 403
    advance = f"/api/v1/development/projects/{draft.project.pk}/advance/"
    assert client.post(advance, {"to_stage": "30.20"}).status_code == 403
    assert not CommentWindow.objects.exists()
