"""The web import page in a real browser: upload, the job runs, the summary and the records."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission

from accounts.tests import conftest as account_fixtures
from catalog.models import Standard
from catalog.search import rebuild_index
from core.tests.test_registry_browser import sign_in
from jobs.models import Job

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
_roles = account_fixtures._roles
_fast_hashing = account_fixtures._fast_hashing
_fresh_rate_limits = account_fixtures._fresh_rate_limits
make_user = account_fixtures.make_user
TEMPLATE = Path(__file__).parent / "data" / "importers" / "template-utf8-bom.csv"


@pytest.fixture
def office(make_user):
    user = make_user("office", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="add_standard"))
    yield user
    # The search index is not a Django model: leave it as this test found it.
    Standard.objects.all().delete()
    rebuild_index()


def test_staff_upload_a_file_see_the_job_finish_and_find_the_records(page, live_server, office):
    sign_in(page, live_server, "office")
    page.goto(live_server.url + "/import/")
    page.get_by_label("目录文件（xlsx 或 CSV）").set_input_files(str(TEMPLATE))
    page.get_by_role("button", name="导入", exact=True).click()

    job = Job.objects.get(kind="catalog.import")
    expect(page).to_have_url(re.compile(rf"/import/\?job={job.pk}$"))
    summary = page.locator("#import-summary")
    expect(summary).to_contain_text("新建 3")
    expect(summary).to_contain_text("拒绝 4")
    page.get_by_text("被拒绝的行").or_(page.locator("#import-summary summary")).first.click()
    expect(summary).to_contain_text("缺少标准号")
    recent = page.locator("table tbody tr").filter(has_text="template-utf8-bom.csv")
    expect(recent).to_contain_text("成功")

    page.goto(live_server.url + "/search/?q=GB/T 19001-2016")
    expect(
        page.locator('[data-testid="hits"] li[data-designation="GB/T 19001-2016"]')
    ).to_be_visible()
