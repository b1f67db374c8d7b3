"""Pages: who sees and does what, from the proposal to the published standard."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from accounts.tests.conftest import signed_in
from development.models import Draft, Project, Proposal
from development.services.drafts import upload_draft
from development.tests.conftest import DRAFT_V1, DRAFT_V2, upload

pytestmark = pytest.mark.django_db


def test_public_alliance_page_lists_members_projects_and_standards(client, world, make_project):
    make_project("20.20", title="数字孪生 通用要求")
    make_project("60.60", title="已发布的标准", designation="T/HNXX 001-2025")
    page = client.get(reverse("development:body", args=[world.a.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "郑州机械研究所有限公司" in html and "数字孪生 通用要求" in html
    assert client.get(reverse("development:bodies")).status_code == 200
    assert "propose" not in html  # anonymous visitors cannot propose


def test_proposal_to_project_over_http(world, catalogue):
    author = signed_in(world.author)
    response = author.post(
        reverse("development:proposal-new", args=[world.a.pk]),
        {
            "title": "信息技术 数字孪生 第1部分：通用要求",
            "level": "group",
            "track": "normal",
            "scope": "范围",
            "reasons": "理由",
            "ics": "35.240.50",
            "adoption_degree": "",
        },
    )
    proposal = Proposal.objects.get()
    assert response.status_code == 302
    author.post(
        reverse("development:proposal-transition", args=[proposal.pk]), {"to_state": "submitted"}
    )
    secretariat = signed_in(world.sec_a)
    page = secretariat.get(proposal.get_absolute_url()).content.decode()
    assert "GB/T 43441.1-2023" in page  # the novelty hit is shown to the reviewer
    secretariat.post(
        reverse("development:proposal-transition", args=[proposal.pk]), {"to_state": "approved"}
    )
    project = Project.objects.get()
    secretariat.post(
        reverse("development:project-advance", args=[project.pk]), {"to_state": "20.00"}
    )
    page = secretariat.get(project.get_absolute_url())
    assert page.status_code == 200
    timeline = page.content.decode().split('id="timeline"')[1].split("</ol>")[0]
    # The timeline names the states of both processes, never their codes.
    assert "已提交" in timeline and "已批准" in timeline and "立项 · 批准进入下一阶段" in timeline
    assert ">submitted<" not in timeline and ">approved<" not in timeline
    assert ">20.00<" not in timeline and 'title="20.00"' in timeline


def test_others_cannot_see_proposals_or_drafts_or_act(world, make_project, catalogue):
    project = make_project("20.20")
    draft = upload_draft(project, upload("a.txt", DRAFT_V1), kind="wd", user=world.sec_a)
    member_b = signed_in(world.member_b)
    assert member_b.get(draft.get_absolute_url()).status_code == 404
    assert (
        member_b.get(reverse("development:draft-file", args=[project.pk, draft.pk])).status_code
        == 404
    )
    member_b.post(reverse("development:project-advance", args=[project.pk]), {"to_state": "20.60"})
    project.refresh_from_db()
    assert project.state == "20.20"
    member_b.post(
        reverse("development:draft-upload", args=[project.pk]),
        {"kind": "wd", "file": upload("b.txt", DRAFT_V2)},
    )
    assert Draft.objects.count() == 1
    # The base office sees every body's drafts.
    assert signed_in(world.office).get(draft.get_absolute_url()).status_code == 200
    # A member of A reads A's drafts.
    assert signed_in(world.author).get(draft.get_absolute_url()).status_code == 200


def test_upload_compare_export_and_publish(world, make_project, catalogue):
    project = make_project("20.20")
    sec = signed_in(world.sec_a)
    for name, text in (("v1.txt", DRAFT_V1), ("v2.txt", DRAFT_V2)):
        response = sec.post(
            reverse("development:draft-upload", args=[project.pk]),
            {"kind": "wd", "file": upload(name, text), "note": ""},
        )
        assert response.status_code == 302
    v1, v2 = Draft.objects.order_by("pk")
    page = sec.get(v1.get_absolute_url()).content.decode()
    assert 'data-verdict="current"' in page
    url = reverse("development:compare", args=[project.pk])
    html = sec.get(url, {"a": v1.pk, "b": v2.pk}).content.decode()
    assert '<del class="redline-del">达</del><ins class="redline-ins">示</ins>' in html
    docx = sec.get(url, {"a": v1.pk, "b": v2.pk, "format": "docx"})
    assert docx["Content-Type"].startswith("application/vnd.openxmlformats")
    pdf = sec.get(url, {"a": v1.pk, "b": v2.pk, "format": "pdf"})
    assert pdf.content.startswith(b"%PDF")
    bad = sec.post(
        reverse("development:draft-upload", args=[project.pk]),
        {"kind": "wd", "file": upload("x.exe", "MZ\x00\x00")},
        follow=True,
    )
    assert "不接受" in bad.content.decode() or "not accepted" in bad.content.decode()
    Project.objects.filter(pk=project.pk).update(state="50.99")
    sec.post(
        reverse("development:project-publish", args=[project.pk]),
        {"published_on": "2026-03-01", "implemented_on": "2026-04-01"},
    )
    project.refresh_from_db()
    assert project.designation == "T/HNXX 001-2026" and project.published_on == datetime.date(
        2026, 3, 1
    )


def test_work_programme_filters_and_xlsx(client, world, make_project):
    make_project("20.20", title="甲项目")
    make_project("30.20", title="乙项目", body=world.b)
    html = client.get(reverse("development:projects"), {"stage": "30"}).content.decode()
    assert "乙项目" in html and "甲项目" not in html
    partial = client.get(reverse("development:projects"), {"q": "甲"}, HTTP_HX_REQUEST="true")
    assert "<html" not in partial.content.decode() and "甲项目" in partial.content.decode()
    xlsx = client.get(reverse("development:projects"), {"format": "xlsx"})
    import io

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    titles = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sorted(titles) == ["乙项目", "甲项目"]


def test_dashboard_cards_and_navigation(world, make_project):
    make_project("20.20")
    html = signed_in(world.sec_a).get(reverse("dashboard")).content.decode()
    assert "河南智能制造标准创新联盟" in html and reverse("development:bodies") in html


def test_dashboard_counts_comments_and_ballots(world, make_project, make_user):
    from bodies.services import add_member
    from development.models import Draft
    from development.services import comments, voting

    draft = Draft.objects.create(
        project=make_project("30.20"),
        kind="cd",
        version=1,
        stage="30.20",
        filename="cd.txt",
        file_kind="txt",
        size=1,
        sha256="0" * 64,
    )
    comments.open_comment_window(draft, user=world.sec_a)
    for clause in ("4", "5"):
        comments.add_comment(draft, clause=clause, kind="te", text="意见", author=world.author)
    first = draft.comments.first()
    comments.resolve_comment(first, resolution="adopted", user=world.sec_a)
    add_member(world.a, "body_member", actor=None, user=make_user("v1"))
    voting.open_ballot(draft, user=world.sec_a, rule="iso-dis")
    html = signed_in(world.sec_a).get(reverse("dashboard")).content.decode()
    assert "意见 2 条，1 条尚未处理" in html and "投票：进行中 1" in html
    assert "待处理意见 1" in html and "进行中投票 1" in html
