"""Expert and draw pages through HTTP: the office's draw from request to PDF, invitations."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from talent.models import Expert, ExpertDraw
from talent.services import draws as core
from talent.tests.experts.conftest import token_of

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"talent:experts:{name}", args=args)


DRAW_FORM = {
    "purpose": "review", "object_type": "project", "object_ref": "P-2026-07",
    "object_title": "电动自行车用锂电池安全要求", "party_orgs": "申请单位\n起草单位",
    "need": "2", "alternates": "1", "quotas": "13.020=1", "max_no_shows": "2",
    "response_days": "3", "supervisor": "纪检 王五",
}  # fmt: skip


def test_the_office_runs_a_draw_on_its_pages_from_request_to_pdf(client, office, make_expert):
    for _ in range(3):
        make_expert(ics=["13.020.10"])
    kept_out = make_expert(employer="申请单位")
    client.force_login(office)
    bad = client.post(url("draw-create"), {**DRAW_FORM, "quotas": "13.020:1"})
    assert "领域=人数" in bad.content.decode()
    assert not ExpertDraw.objects.exists()
    response = client.post(url("draw-create"), DRAW_FORM)
    draw = ExpertDraw.objects.get()
    assert response.status_code == 302 and draw.supervisor == "纪检 王五"
    client.post(url("draw-step", draw.pk), {"step": "commit"})
    page = client.get(url("draw", draw.pk)).content.decode()
    draw.refresh_from_db()
    assert draw.commitment in page and draw.seed not in page  # commitment shown, seed secret
    assert "同单位 <code>org</code>: 1" in page  # the rule in words, then its code
    client.post(url("draw-step", draw.pk), {"step": "public_value", "public_value": "12345"})
    client.post(url("draw-step", draw.pk), {"step": "draw"})
    draw.refresh_from_db()
    assert draw.state == "drawn"
    page = client.get(url("draw", draw.pk)).content.decode()
    assert draw.seed in page and "有效" in page
    record = json.loads(client.get(url("draw-record", draw.pk)).content)
    assert core.verify_draw(record).valid and record["public_value"] == "12345"
    assert kept_out.draw_id in record["excluded"]
    pdf = client.get(url("draw-pdf", draw.pk))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_people_outside_the_office_reach_no_draw_and_no_pool(client, make_user, drawn):
    client.force_login(make_user("outsider"))
    assert client.get(url("draw", drawn.pk)).status_code == 404
    assert client.get(url("draw-record", drawn.pk)).status_code == 404
    assert client.get(url("draw-create")).status_code == 404
    assert client.post(url("draw-step", drawn.pk), {"step": "cancel"}).status_code == 404
    assert client.get(url("index")).status_code == 302  # sent to apply, not to the pool
    assert client.get(url("queue")).status_code == 404
    other = Expert.objects.first()
    assert client.get(url("detail", other.pk)).status_code == 404


def test_invitation_page_declines_with_reason_and_the_link_then_fails(client, drawn):
    first, second, alt, _ = drawn.invitations.order_by("position").select_related("expert__user")
    token = token_of(first)
    client.force_login(second.expert.user)
    assert client.get(url("invitation", token)).status_code == 410  # someone else's link
    client.force_login(first.expert.user)
    page = client.get(url("invitation", token))
    assert page.status_code == 200 and "锂电池安全要求" in page.content.decode()
    missing = client.post(url("invitation", token), {"accept": "0", "reason": ""})
    assert "请填写谢绝的原因" in missing.content.decode()
    done = client.post(url("invitation", token), {"accept": "0", "reason": "出国"})
    assert "下一位候补" in done.content.decode()
    again = client.post(url("invitation", token), {"accept": "1"})
    assert again.status_code == 410
    alt.refresh_from_db()
    assert alt.status == "invited" and alt.replaces_id == first.pk
    client.force_login(alt.expert.user)
    accepted = client.post(url("invitation", token_of(alt)), {"accept": "1"})
    assert "已确认参加" in accepted.content.decode()
    mine = client.get(url("mine")).content.decode()
    assert "已确认" in mine


def test_score_sheet_pages(client, office, drawn):
    for seat in drawn.invitations.filter(status="invited").select_related("expert__user"):
        client.force_login(seat.expert.user)
        client.post(url("invitation", token_of(seat)), {"accept": "1"})
    client.force_login(office)
    client.post(url("sheet-create", drawn.pk), {"criteria": "技术先进性, 60\n经济, 40",
                                                "max_mark": "100"})  # fmt: skip
    sheet = drawn.score_sheet
    member = drawn.invitations.filter(status="confirmed").first().expert.user
    client.force_login(member)
    assert "评分" in client.get(url("mine")).content.decode()
    bad = client.post(url("score", sheet.pk), {"c1": "abc", "c2": "50"})
    assert "技术先进性" in bad.content.decode() and not sheet.scores.exists()
    client.post(url("score", sheet.pk), {"c1": "80", "c2": "70", "note-c1": "良"})
    assert str(sheet.scores.get().total) == "76.00"
    client.force_login(office)
    assert "76.00" in client.get(url("draw", drawn.pk)).content.decode()


def test_apply_review_search_match_and_audited_personal_data(
    client, office, make_user, make_standard
):
    make_standard("GB/T 19001-2016", title_zh="质量管理体系 要求")
    person = make_user("applicant")
    client.force_login(person)
    assert client.get(url("index")).url == url("apply")
    form = {"name": "赵六", "title": "senior", "employer": "甲研究院", "ics": "03.120.10",
            "standards_drafted": "GB/T 19001-2016", "phone": "13812345678",
            "work_history": "乙大学, 教授, 2010, 2020"}  # fmt: skip
    refused = client.post(url("apply"), form)
    assert "请同意" in refused.content.decode() and not Expert.objects.exists()
    bad_year = client.post(url("apply"), {**form, "consent": "on", "work_history": "乙, 教授, 九"})
    assert "不是年份" in bad_year.content.decode()
    client.post(url("apply"), {**form, "consent": "on"})
    expert = Expert.objects.get()
    assert expert.state == "applied" and expert.work_history.get().employer == "乙大学"
    profile = client.get(url("detail", expert.pk)).content.decode()
    assert "13812345678" not in profile and "138" in profile
    client.force_login(office)
    assert "赵六" in client.get(url("queue")).content.decode()
    client.post(url("decide", expert.pk), {"step": "approve", "term_years": "3"})
    expert.refresh_from_db()
    assert expert.state == "active" and expert.term_end.year == expert.term_start.year + 3
    assert "赵六" in client.get(url("index"), {"field": "03.120"}).content.decode()
    assert "赵六" not in client.get(url("index"), {"field": "13"}).content.decode()
    ranked = client.get(url("index"), {"topic": "质量管理体系审核指南", "codes": "03.120.10"})
    assert "GB/T 19001-2016" in ranked.content.decode()
    shown = client.post(url("reveal", expert.pk), {"purpose": "通知评审"})
    assert "13812345678" in shown.content.decode()
    assert AuditEntry.objects.filter(action="talent.expert.personal_viewed").count() == 1
    client.post(url("credit", expert.pk), {"kind": "rating", "rating": "6"})
    assert not expert.credit_events.exists()
    client.post(url("credit", expert.pk), {"kind": "rating", "rating": "5", "reason": "认真"})
    assert expert.credit_events.get().rating == 5
    client.force_login(person)
    data = json.loads(client.get(url("my-data")).content)
    assert data["phone"] == "13812345678" and data["work_history"][0]["employer"] == "乙大学"
    edit = client.get(url("edit", expert.pk)).content.decode()
    assert "13812345678" not in edit  # personal fields are never prefilled
