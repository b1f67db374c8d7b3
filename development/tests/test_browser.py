"""A whole project in headless Chromium: proposal → novelty → approval → drafts → redline →
stages → comment window → comments → resolutions → 意见汇总处理表 (xlsx and docx) → ballot →
publication → the standard is found in the catalogue search and opened from its hit; the redline
is downloaded as docx and PDF."""

from __future__ import annotations

import pytest

from core.testing import sign_in
from development.tests.conftest import DRAFT_V1, DRAFT_V2
from development.tests.review_steps import walk_ballot, walk_comments

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _project_pk() -> int:
    from development.models import Project

    return Project.objects.get().pk


def test_proposal_to_published_standard(page, live_server, world, catalogue, tmp_path):
    sign_in(page, live_server, world.author)
    page.goto(f"{live_server.url}/development/bodies/{world.a.pk}/")
    page.locator("#propose").click()
    page.locator("#id_title").fill("信息技术 数字孪生 第1部分：通用要求")
    page.locator("#id_scope").fill("本文件规定了制造业数字孪生系统的通用要求。")
    page.locator("#id_reasons").fill("企业急需统一要求。")
    page.locator("#id_ics").fill("35.240.50")
    page.locator("#proposal-form button[type=submit]").click()
    page.locator("button[data-transition='submit']").click()
    expect(page.locator("#proposal-state")).to_contain_text("已提交")

    sign_in(page, live_server, world.sec_a)
    page.reload()
    expect(page.locator("#novelty .novelty-titles")).to_contain_text("GB/T 43441.1-2023")
    page.locator("button[data-transition='approve']").click()
    expect(page.locator("#project-stage")).to_have_text("10.99")

    for name, text in (("v1.txt", DRAFT_V1), ("v2.txt", DRAFT_V2)):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        page.locator("#id_file").set_input_files(str(path))
        page.locator("#upload-form button[type=submit]").click()
        expect(page.locator("#references")).to_contain_text("GB/T 19001-2016")
        page.goto(live_server.url + f"/development/projects/{_project_pk()}/")
    page.locator("#compare").click()
    expect(page.locator("#redline del.redline-del").first).to_have_text("达")
    expect(page.locator("#redline ins.redline-ins").first).to_have_text("示")
    _download_redline(page)

    from development.models import Project

    project = Project.objects.get()
    page.goto(live_server.url + project.get_absolute_url())
    for stage in ("20.00", "20.20", "20.60", "20.99", "30.00", "30.20"):
        page.locator(f"form:has(input[name=to_state][value='{stage}']) button").click()
        expect(page.locator("#project-stage")).to_have_text(stage)
    page.locator("#drafts-title ~ form a").first.click()
    draft_url = page.url
    walk_comments(page, live_server, world)
    page.goto(live_server.url + project.get_absolute_url())
    for stage in ("30.60", "30.99", "40.00", "40.20"):
        page.locator(f"form:has(input[name=to_state][value='{stage}']) button").click()
        expect(page.locator("#project-stage")).to_have_text(stage)
    page.goto(draft_url)
    walk_ballot(page, live_server, world, voters=[world.author])
    assert Project.objects.get().state == "50.00"
    page.goto(live_server.url + project.get_absolute_url())
    page.locator("#id_published_on").fill("2026-03-01")
    page.locator("#id_implemented_on").fill("2026-04-01")
    page.locator("#publish-form button").click()
    expect(page.locator("#published-standard")).to_have_text("T/HNXX 001—2026")

    page.goto(f"{live_server.url}/search/?q=T/HNXX 001-2026")
    expect(page.locator("main")).to_contain_text("T/HNXX 001-2026")
    page.locator("a.hit-designation", has_text="T/HNXX 001").first.click()
    expect(page.locator("h1.detail-designation")).to_have_text("T/HNXX 001-2026")
    standard = page.locator("[data-testid=standard]")
    expect(standard).to_contain_text("信息技术 数字孪生 第1部分：通用要求")
    assert page.url.endswith(Project.objects.get().standard.get_absolute_url())


def _download_redline(page) -> None:
    """The redline as Word (struck deletions, underlined insertions) and as PDF."""
    import io

    import docx

    with page.expect_download() as info:
        page.locator("#export-docx").click()
    assert info.value.suggested_filename.endswith(".docx")
    document = docx.Document(io.BytesIO(info.value.path().read_bytes()))
    runs = [run for paragraph in document.paragraphs for run in paragraph.runs]
    assert any(run.font.strike and "达" in run.text for run in runs)
    assert any(run.font.underline and "示" in run.text for run in runs)
    with page.expect_download() as info:
        page.locator("#export-pdf").click()
    assert info.value.path().read_bytes()[:5] == b"%PDF-"
