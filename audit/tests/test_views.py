"""Only the audit administrator reads, searches and exports the trail; exports are audited."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from accounts.models import RoleCode
from accounts.tests.conftest import signed_in
from audit.models import AuditEntry
from audit.services import log_action

pytestmark = pytest.mark.django_db


@pytest.fixture
def trail():
    for i in range(60):
        log_action(f"catalog.import.step{i % 3}", detail=f"row {i}")
    log_action("accounts.login.failed", result="failure", detail="=HYPERLINK(evil)")


@pytest.mark.parametrize(
    "role",
    [
        RoleCode.SYSTEM_ADMIN,
        RoleCode.SECURITY_ADMIN,
        RoleCode.BASE_OFFICE,
        RoleCode.EXPERT,
        None,
    ],
)
def test_nobody_but_the_audit_admin_reads_the_trail(make_user, trail, role):
    client = signed_in(make_user(roles=[role] if role else []))
    entry = AuditEntry.objects.first()
    for url in (
        "/audit/",
        f"/audit/entries/{entry.pk}/",
        "/audit/export.csv",
        "/audit/export.xlsx",
    ):
        assert client.get(url).status_code == 403, url
    assert not AuditEntry.objects.restrict(make_user(roles=[role] if role else []), "view").exists()


def test_audit_admin_searches_filters_and_paginates(make_user, trail):
    client = signed_in(make_user(roles=[RoleCode.AUDIT_ADMIN]))
    page = client.get("/audit/").content.decode()
    assert "catalog.import.step0" in page and "?page=2" in page
    filtered = client.get("/audit/", {"result": "failure"}).content.decode()
    assert "accounts.login.failed" in filtered and "catalog.import.step1" not in filtered
    searched = client.get("/audit/", {"action": "catalog.import.step2", "q": "row 5"})
    # i % 3 == 2 and "row 5" in "row {i}": 5, 50, 53, 56, 59.
    assert searched.context["page"].paginator.count == 5
    rows = client.get("/audit/", {"action": "catalog.import.step2"}).context["page"].paginator
    assert rows.count == 20
    bad = client.get("/audit/", {"date_from": "not-a-date", "ip": "x"})
    assert bad.status_code == 200
    entry = AuditEntry.objects.get(action="accounts.login.failed")
    assert client.get(f"/audit/entries/{entry.pk}/").status_code == 200


def test_exports_contain_filtered_rows_neutralise_formulas_and_are_audited(make_user, trail):
    auditor = make_user("auditor", roles=[RoleCode.AUDIT_ADMIN])
    client = signed_in(auditor)
    response = client.get("/audit/export.csv", {"result": "failure"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 2 and rows[1][4] == "accounts.login.failed"
    assert rows[1][10] == "'=HYPERLINK(evil)"
    response = client.get("/audit/export.xlsx", {"action": "catalog.import.step1"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 21
    exports = AuditEntry.objects.filter(action="audit.entries.exported", actor=auditor)
    assert exports.count() == 2
    assert exports.order_by("sequence").first().after["filters"] == {"result": "failure"}
