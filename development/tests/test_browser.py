"""A whole project in headless Chromium: proposal → novelty → approval → drafts → redline →
publication → the standard is found in the catalogue search."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from development.tests.conftest import DRAFT_V1, DRAFT_V2

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _project_pk() -> int:
    from development.models import Project

    return Project.objects.get().pk


def _sign_in(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def test_proposal_to_published_standard(page, live_server, world, catalogue, tmp_path):
    _sign_in(page, live_server, world.author)
    page.goto(f"{live_server.url}/development/bodies/{world.a.pk}/")
    page.locator("#propose").click()
    page.locator("#id_title").fill("信息技术 数字孪生 第1部分：通用要求")
    page.locator("#id_scope").fill("本文件规定了制造业数字孪生系统的通用要求。")
    page.locator("#id_reasons").fill("企业急需统一要求。")
    page.locator("#id_ics").fill("35.240.50")
    page.locator("#proposal-form button[type=submit]").click()
    page.locator("button[data-transition='submit']").click()
    expect(page.locator("#proposal-state")).to_contain_text("已提交")

    _sign_in(page, live_server, world.sec_a)
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

    from development.models import Project

    project = Project.objects.get()
    Project.objects.filter(pk=project.pk).update(state="50.99", stage_main="50")
    page.goto(live_server.url + project.get_absolute_url())
    page.locator("#id_published_on").fill("2026-03-01")
    page.locator("#id_implemented_on").fill("2026-04-01")
    page.locator("#publish-form button").click()
    expect(page.locator("#published-standard")).to_have_text("T/HNXX 001—2026")

    page.goto(f"{live_server.url}/search/?q=T/HNXX 001-2026")
    expect(page.locator("main")).to_contain_text("T/HNXX 001-2026")
