"""A draw in a real browser: commit → draw → an expert declines → substitute → record verifies."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from core.tests.test_registry_browser import sign_in
from talent.models import ExpertDraw
from talent.tests.experts.conftest import token_of

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_draw_decline_substitute_pdf_and_verify_draw(
    page, browser, live_server, office, make_expert
):
    for _ in range(4):
        make_expert(ics=["13.020.10"])
    make_expert(employer="申请单位")
    sign_in(page, live_server, office.username)
    page.goto(f"{live_server.url}/talent/experts/draws/new/")
    page.get_by_label("用途").select_option("review")
    page.get_by_label("对象编号").fill("P-2026-11")
    page.get_by_label("评审对象").fill("电动自行车用锂电池安全要求")
    page.get_by_label("申报单位、起草单位及相关方").fill("申请单位")
    page.get_by_label("专家组人数").fill("2")
    page.get_by_label("候补人数").fill("1")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_test_id("draw-state")).to_contain_text("草稿")

    page.get_by_test_id("commit").click()
    commitment = page.get_by_test_id("commitment")
    expect(commitment).to_have_text(re.compile(r"^[0-9a-f]{64}$"))
    expect(page.get_by_test_id("exclusions")).to_contain_text("org")
    expect(page.get_by_test_id("commitment-card")).to_contain_text("抽取前保密")
    published = commitment.inner_text()

    page.get_by_test_id("draw").click()
    expect(page.get_by_test_id("seed")).to_have_text(re.compile(r"^[0-9a-f]{64}$"))
    expect(page.get_by_test_id("commitment")).to_have_text(published)
    expect(page.get_by_test_id("verification")).to_contain_text("有效")

    draw = ExpertDraw.objects.get()
    first = draw.invitations.order_by("position").select_related("expert__user").first()
    expert_page = browser.new_context(locale="zh-CN").new_page()
    sign_in(expert_page, live_server, first.expert.user.username)
    expert_page.goto(f"{live_server.url}/talent/experts/invitations/{token_of(first)}/")
    expect(expert_page.locator("main")).to_contain_text("电动自行车用锂电池安全要求")
    expert_page.get_by_label("原因（谢绝时必填）").fill("同期出国")
    expert_page.get_by_test_id("decline").click()
    expect(expert_page.get_by_test_id("invitation-done")).to_contain_text("下一位候补")
    expert_page.context.close()

    page.reload()
    seats = page.get_by_test_id("seats")
    expect(seats).to_contain_text("谢绝")
    expect(seats).to_contain_text("同期出国")
    expect(seats.locator("tbody tr").nth(2)).to_contain_text(first.expert.draw_id)  # replaces
    with page.expect_download() as pdf:
        page.get_by_role("link", name="抽取记录（PDF）").click()
    assert Path(pdf.value.path()).read_bytes().startswith(b"%PDF")
    with page.expect_download() as record:
        page.get_by_role("link", name="抽取记录（JSON）").click()
    path = record.value.path()
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    assert data["commitment"] == published
    out = io.StringIO()
    call_command("verify_draw", str(path), "--format", "json", stdout=out)
    assert json.loads(out.getvalue())["valid"] is True
