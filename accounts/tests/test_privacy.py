"""PIPL: own data visible and exportable, deletion workflow, personal data kept out of logs."""

from __future__ import annotations

import json
import logging

import pytest

from accounts.exceptions import NotAuthorizedError
from accounts.models import ApiToken, DeletionRequest, Membership, RoleCode, User
from accounts.services import privacy
from accounts.services.tokens import create_token
from accounts.tests.conftest import signed_in
from audit.models import AuditEntry
from core.logging import PersonalDataFilter, mask_personal_data

pytestmark = pytest.mark.django_db


def test_person_downloads_own_data_and_export_is_audited(make_user, make_org):
    user = make_user("xu", phone="13900001111", display_name="徐工")
    make_org("许昌电气", admin=user)
    client = signed_in(user)
    page = client.get("/accounts/profile/").content.decode()
    assert "139****1111" in page and "徐工" in page
    response = client.post("/accounts/profile/export/")
    data = json.loads(response.content)
    assert data["profile"]["phone"] == "13900001111"
    assert data["memberships"][0]["organization"] == "许昌电气"
    assert AuditEntry.objects.filter(action="accounts.personal_data.exported", actor=user).exists()
    assert client.get("/accounts/profile/export/").status_code == 405


def test_deletion_request_is_decided_by_system_admin_and_anonymises(make_user, make_org):
    user = make_user("del", phone="13900002222", id_number="11010519491231002X")
    make_org(admin=make_user(), members=[user])
    create_token(user, name="x")
    client = signed_in(user)
    client.post("/accounts/profile/delete/", {"reason": "不再使用"})
    request = DeletionRequest.objects.get(user=user)
    client.post("/accounts/profile/delete/", {"reason": "again"})
    assert DeletionRequest.objects.filter(user=user).count() == 1

    with pytest.raises(NotAuthorizedError):
        privacy.decide_deletion(make_user(roles=[RoleCode.AUDIT_ADMIN]), request, approve=True)
    system = make_user("sys", roles=[RoleCode.SYSTEM_ADMIN])
    admin_client = signed_in(system)
    assert "del" in admin_client.get("/accounts/admin/deletions/").content.decode()
    admin_client.post(f"/accounts/admin/deletions/{request.pk}/", {"approve": "yes"})
    request.refresh_from_db()
    assert request.status == "completed"
    user = User.objects.get(pk=user.pk)
    assert user.username == f"deleted-{user.pk}"
    assert (user.email, user.phone, user.id_number) == ("", "", "")
    assert not user.is_active and not user.has_usable_password()
    assert not ApiToken.objects.filter(user=user).exists()
    assert not Membership.objects.filter(user=user).exists()
    # Old sessions are gone.
    assert client.get("/accounts/profile/").status_code == 302
    assert AuditEntry.objects.filter(action="accounts.user.anonymized").exists()


def test_logging_filter_masks_personal_identifiers(caplog):
    text = "call 13812345678 or mail zhang.san@example.cn, ID 11010519491231002X"
    masked = mask_personal_data(text)
    assert "13812345678" not in masked and "138****5678" in masked
    assert "zhang.san@" not in masked and "z***@example.cn" in masked
    assert "11010519491231002X" not in masked
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "phone %s", ("13812345678",), None)
    PersonalDataFilter().filter(record)
    assert record.getMessage() == "phone 138****5678"


def test_audit_scrubs_secrets_and_masks_personal_fields(make_user):
    from audit.services import log_action

    entry = log_action(
        "test.scrub",
        after={"password": "p@ss", "api_token": "sbt_x", "phone": "13812345678", "name": "a"},
    )
    assert entry.after == {
        "password": "[removed]",
        "api_token": "[removed]",
        "phone": "1***8",
        "name": "a",
    }
