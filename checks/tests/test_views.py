"""The web pages: submit a check, results with counts and filters, exports, watch lists."""

from __future__ import annotations

import datetime
import io
import re
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from audit.models import AuditEntry
from catalog.models import Status
from checks.models import Check, WatchList
from checks.tests.documents import make_xlsx
from jobs.models import Job

pytestmark = pytest.mark.django_db

TEXT = "依据 GB 50204-2002、JGJ 59-1999、ISO 712、GB/T 99999-2020 和 GB/T 5606-2004。"


@pytest.fixture
def alice(django_user_model):
    return django_user_model.objects.create_user("alice", email="a@example.com", password="x")


def submit(client, **data) -> Check:
    response = client.post("/checks/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return Check.objects.get(pk=int(response["Location"].rstrip("/").rsplit("/", 1)[1]))


def test_anonymous_visitor_checks_a_pasted_text(client, catalogue):
    page = client.get("/checks/")
    assert page.status_code == 200 and "引用标准查新" in page.content.decode()
    check = submit(client, text=TEXT)
    html = client.get(check.get_absolute_url()).content.decode()
    assert "GB 50204-2015" in html and "被代替" in html and "未找到" in html
    assert 'data-verdict="replaced"' in html
    filtered = client.get(check.get_absolute_url() + "?status=withdrawn").content.decode()
    assert "JGJ 59-1999" in filtered and "GB 50204-2002" not in filtered
    searched = client.get(check.get_absolute_url() + "?q=5606").content.decode()
    assert "GB/T 5606.1-2023" in searched and "JGJ 59-1999" not in searched
    partial = client.get(
        check.get_absolute_url() + "?status=current",
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="check-results",
    )
    assert "<html" not in partial.content.decode() and "ISO 712" in partial.content.decode()


def test_checks_are_private_to_their_session_or_owner(client, catalogue, alice):
    check = submit(client, text=TEXT)
    other = client.__class__()
    assert other.get(check.get_absolute_url()).status_code == 404
    assert other.get(f"/checks/{check.pk}/export.xlsx").status_code == 404
    other.force_login(alice)
    assert other.get(check.get_absolute_url()).status_code == 404


def test_bad_input_gives_a_clear_message(client, db):
    page = client.post("/checks/", {"text": "  "})
    assert page.status_code == 200
    assert "请粘贴文本或选择要查新的文件" in page.content.decode()
    upload = SimpleUploadedFile("list.pdf", b"not really a pdf")
    page = client.post("/checks/", {"file": upload})
    assert page.status_code == 200
    assert "alert-danger" in page.content.decode()


def test_upload_xlsx_then_exports(client, catalogue):
    data = make_xlsx({"清单": [["标准号", "备注"], ["GB 50204-2002", "主体"], ["ISO 712", None]]})
    check = submit(client, file=SimpleUploadedFile("清单.xlsx", data), title="项目A")
    assert check.kind == "xlsx" and check.total == 2
    xlsx = client.get(f"/checks/{check.pk}/export.xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(xlsx.content))["清单"]
    assert [c.value for c in sheet[2]] == [
        "GB 50204-2002",
        "主体",
        "GB 50204-2002 被代替",
        "GB 50204-2015",
        "GB 50204-2002 已被 GB 50204-2015 代替。",
    ]
    pdf = client.get(f"/checks/{check.pk}/report.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_rerun_and_changes(client, catalogue):
    check = submit(client, text=TEXT)
    response = client.post(f"/checks/{check.pk}/rerun/")
    new = Check.objects.get(pk=int(response["Location"].rstrip("/").rsplit("/", 1)[1]))
    assert new.previous_id == check.pk
    html = client.get(new.get_absolute_url()).content.decode()
    assert "与上次查新相比的变化" in html and "没有变化" in html


def test_verify_page(client, catalogue):
    check = submit(client, text=TEXT)
    code = check.verification_code
    response = client.get("/checks/verify/", {"code": code.lower()})
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert "真实的查新报告" in html
    assert (
        "没有使用该验证码" in client.get("/checks/verify/ABCDE-ABCDE-ABCDE-ABCDE/").content.decode()
    )


def test_progress_fragment_polls_until_finished(client, catalogue):
    check = submit(client, text=TEXT)
    job = Job.objects.create(kind="checks.check", state="running", done=2, total=5)
    Check.objects.filter(pk=check.pk).update(state=Check.State.RUNNING, total=5, job=job)
    html = client.get(check.get_absolute_url()).content.decode()
    assert 'hx-trigger="every 1s"' in html and 'value="40"' in html
    Check.objects.filter(pk=check.pk).update(state=Check.State.SUCCEEDED)
    fragment = client.get(f"/checks/{check.pk}/progress/", HTTP_HX_REQUEST="true")
    assert fragment["HX-Redirect"] == check.get_absolute_url()


def test_watch_everything_from_a_check_in_one_click(client, catalogue, alice):
    client.force_login(alice)
    check = submit(client, text=TEXT)
    response = client.post(f"/checks/{check.pk}/watch/", {"watchlist": ""})
    watchlist = WatchList.objects.get(owner=alice)
    assert response["Location"] == watchlist.get_absolute_url()
    assert set(watchlist.items.values_list("series_key", flat=True)) == {
        "GB 50204",
        "JGJ 59",
        "ISO 712",
        "GB/T 5606",
        "GB/T 5606.1",
        "GB/T 5606.2",
    }
    html = client.get(watchlist.get_absolute_url()).content.decode()
    assert "GB 50204-2015" in html and "feed.atom?token=" in html


def test_watch_list_pages(client, catalogue, alice):
    client.force_login(alice)
    response = client.post("/checks/watchlists/", {"name": "质量", "org_access": "view"})
    watchlist = WatchList.objects.get(name="质量")
    assert response["Location"] == watchlist.get_absolute_url()
    client.post(f"/checks/watchlists/{watchlist.pk}/items/", {"designation": "GB/T 19001"})
    client.post(f"/checks/watchlists/{watchlist.pk}/items/", {"designation": "not a code"})
    client.post(
        f"/checks/watchlists/{watchlist.pk}/rules/", {"field": "tier", "value": "international"}
    )
    assert list(watchlist.items.values_list("designation", flat=True)) == ["GB/T 19001-2016"]
    html = client.get(watchlist.get_absolute_url()).content.decode()
    assert "ISO 712:2009" in html  # matched by the tier rule
    assert "不是标准号" in html


def test_pages_require_sign_in_for_watch_lists(client, db):
    assert client.get("/checks/watchlists/").status_code == 302
    assert client.get("/notifications/").status_code == 302


def test_adding_a_superseded_number_says_so_and_offers_the_current_edition(
    client, catalogue, alice, make_standard, link
):
    """iso712 used to pin the replaced 2009 edition without a word."""
    old = catalogue["iso712"]
    old.status = Status.REPLACED
    old.save()
    link(old, make_standard("ISO 712-1:2024", effective=datetime.date(2024, 9, 1)))
    client.force_login(alice)
    client.post("/checks/watchlists/", {"name": "谷物", "org_access": "view"})
    watchlist = WatchList.objects.get(name="谷物")
    response = client.post(f"/checks/watchlists/{watchlist.pk}/items/", {"designation": "iso712"})
    item = watchlist.items.get()
    assert response["Location"] == f"{watchlist.get_absolute_url()}?added={item.pk}"
    html = unescape(client.get(response["Location"]).content.decode())
    advice = re.search(r'data-testid="watch-advice">(.*?)</div>', html, re.S).group(1)
    assert "已将 ISO 712 加入关注列表" in advice and "ISO 712:2009" in advice
    assert "ISO 712:2009 已被 ISO 712-1:2024 代替。" in advice
    assert "改为关注 ISO 712-1:2024" in advice
    response = client.post(
        f"/checks/watchlists/{watchlist.pk}/items/{item.pk}/instead/",
        {"designation": "ISO 712-1:2024"},
    )
    assert response["Location"] == watchlist.get_absolute_url()
    assert list(watchlist.items.values_list("designation", flat=True)) == ["ISO 712-1:2024"]
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"checks.watchlist.item_added", "checks.watchlist.item_removed"} <= actions


def test_adding_a_current_standard_only_says_what_was_added(client, catalogue, alice):
    client.force_login(alice)
    client.post("/checks/watchlists/", {"name": "质量", "org_access": "view"})
    watchlist = WatchList.objects.get(name="质量")
    response = client.post(
        f"/checks/watchlists/{watchlist.pk}/items/", {"designation": "GB/T 19001-2008"}
    )
    html = unescape(client.get(response["Location"]).content.decode())
    assert "已将 GB/T 19001 加入关注列表" in html and "GB/T 19001-2016" in html
    assert 'data-testid="watch-instead"' not in html
