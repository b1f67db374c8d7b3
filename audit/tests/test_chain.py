"""The audit trail: complete entries, immutability, hash chain, tampering detection, retention."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction
from django.test import RequestFactory
from django.utils import timezone

from audit.models import AuditAnchor, AuditEntry, AuditImmutableError
from audit.services import GENESIS_HASH, compute_hash, log_action, purge_expired, verify_chain

pytestmark = pytest.mark.django_db


def test_entry_records_who_when_where_what_and_result(make_user, make_org):
    user = make_user("auditee")
    org = make_org("平顶山检测中心")
    request = RequestFactory().post("/x", REMOTE_ADDR="10.1.2.3", HTTP_USER_AGENT="pytest-agent")
    request.user = user
    entry = log_action(
        "accounts.organization.changed",
        obj=org,
        before={"name": "旧"},
        after={"name": "新", "when": timezone.now()},
        request=request,
        detail="rename",
    )
    entry = AuditEntry.objects.get(pk=entry.pk)
    assert entry.actor == user and entry.actor_username == "auditee"
    assert entry.ip_address == "10.1.2.3" and entry.user_agent == "pytest-agent"
    assert entry.content_type.model == "organization" and entry.object_id == str(org.pk)
    assert entry.object_repr == "平顶山检测中心"
    assert entry.before == {"name": "旧"} and entry.after["name"] == "新"
    assert entry.result == "success" and entry.detail == "rename"
    assert entry.prev_hash == GENESIS_HASH and entry.sequence == 1
    assert compute_hash(entry.prev_hash, entry) == entry.entry_hash


def test_forwarded_for_is_ignored_unless_trusted(settings):
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6")
    assert log_action("t.ip", request=request).ip_address == "10.0.0.1"
    settings.TRUST_X_FORWARDED_FOR = True
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9"
    )
    assert log_action("t.ip", request=request).ip_address == "203.0.113.9"


def test_unknown_result_is_a_programming_error():
    with pytest.raises(ValueError):
        log_action("t.bad", result="maybe")


def test_entries_cannot_be_changed_or_deleted_through_the_orm():
    entry = log_action("t.immutable")
    entry.detail = "changed"
    with pytest.raises(AuditImmutableError):
        entry.save()
    with pytest.raises(AuditImmutableError):
        entry.delete()
    with pytest.raises(AuditImmutableError):
        AuditEntry.objects.filter(pk=entry.pk).update(detail="x")
    with pytest.raises(AuditImmutableError):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get(pk=entry.pk).detail == ""


def test_chain_links_every_entry_to_the_previous():
    entries = [log_action(f"t.chain.{i}") for i in range(5)]
    for previous, current in zip(entries, entries[1:], strict=False):
        assert current.prev_hash == previous.entry_hash
        assert current.sequence == previous.sequence + 1
    report = verify_chain()
    assert report.ok and report.checked == 5


def _tamper(sql: str, params: list) -> None:
    """Change the table behind the application's back (disabling the trigger on PostgreSQL)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditentry DISABLE TRIGGER audit_entry_immutable")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditentry ENABLE TRIGGER audit_entry_immutable")


def test_verify_audit_detects_an_altered_row():
    entries = [log_action("t.tamper", detail=f"#{i}") for i in range(4)]
    out = io.StringIO()
    call_command("verify_audit", stdout=out)
    assert "4" in out.getvalue()
    _tamper("UPDATE audit_auditentry SET detail = %s WHERE id = %s", ["forged", entries[1].pk])
    report = verify_chain()
    assert not report.ok
    assert any(f"#{entries[1].sequence}" in p and "hash" in p for p in report.problems)
    with pytest.raises(CommandError, match="TAMPERED"):
        call_command("verify_audit", stdout=io.StringIO(), stderr=io.StringIO())


def test_verify_audit_detects_a_deleted_row_and_a_removed_tail():
    entries = [log_action("t.delete") for _ in range(4)]
    _tamper("DELETE FROM audit_auditentry WHERE id = %s", [entries[1].pk])
    assert any("missing" in p for p in verify_chain().problems)
    _tamper("DELETE FROM audit_auditentry WHERE id >= %s", [entries[1].pk])
    assert any("chain head" in p for p in verify_chain().problems)


def test_verify_audit_detects_a_recomputed_forgery_in_the_middle():
    entries = [log_action("t.forge") for _ in range(3)]
    forged = AuditEntry.objects.get(pk=entries[1].pk)
    forged.detail = "forged"
    new_hash = compute_hash(forged.prev_hash, forged)
    _tamper(
        "UPDATE audit_auditentry SET detail = %s, entry_hash = %s WHERE id = %s",
        ["forged", new_hash, forged.pk],
    )
    # The forger fixed the row's own hash, but the next entry still links to the old one.
    assert any(f"#{entries[2].sequence}" in p for p in verify_chain().problems)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigger exists on PostgreSQL")
def test_postgresql_trigger_rejects_update_and_delete():
    entry = log_action("t.trigger")
    for sql in (
        "UPDATE audit_auditentry SET detail = 'x' WHERE id = %s",
        "DELETE FROM audit_auditentry WHERE id = %s",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [entry.pk])
    assert AuditEntry.objects.filter(pk=entry.pk, detail="").exists()


def test_purge_keeps_the_chain_verifiable(settings):
    old = [log_action("t.old") for _ in range(3)]
    recent = [log_action("t.recent") for _ in range(2)]
    past = timezone.now() - timedelta(days=400)
    _tamper(
        "UPDATE audit_auditentry SET created_at = %s WHERE id IN (%s, %s, %s)",
        [past, *(e.pk for e in old)],
    )
    # Changing created_at broke those hashes; re-hash them as if logged back then.
    _rehash_all()
    assert verify_chain().ok
    with pytest.raises(ValueError):
        purge_expired(retention_days=30)
    assert purge_expired(retention_days=365) == 3
    anchor = AuditAnchor.objects.get()
    assert anchor.sequence == old[-1].sequence
    assert set(AuditEntry.objects.values_list("action", flat=True)) == {
        "t.recent",
        "audit.entries.purged",
    }
    report = verify_chain()
    assert report.ok, report.problems
    assert report.checked == len(recent) + 1


def _rehash_all():
    from audit.models import AuditChainHead

    previous = GENESIS_HASH
    for entry in AuditEntry.objects.order_by("sequence"):
        entry.prev_hash = previous
        digest = compute_hash(previous, entry)
        _tamper(
            "UPDATE audit_auditentry SET prev_hash = %s, entry_hash = %s WHERE id = %s",
            [previous, digest, entry.pk],
        )
        previous = digest
    AuditChainHead.objects.filter(pk=1).update(last_hash=previous)


def test_retention_setting_has_a_floor(monkeypatch):
    from core import env

    monkeypatch.setenv("STDBASE_AUDIT_RETENTION_DAYS", "30")
    with pytest.raises(env.ConfigError):
        env.get_int("AUDIT_RETENTION_DAYS", 365, minimum=180)


def test_purge_command_refuses_a_broken_chain():
    entries = [log_action("t.x") for _ in range(2)]
    _tamper("UPDATE audit_auditentry SET detail = 'x' WHERE id = %s", [entries[0].pk])
    with pytest.raises(CommandError):
        call_command("purge_audit", stdout=io.StringIO())


def test_failed_login_and_denied_request_are_in_the_trail(client, make_user):
    make_user("victim")
    client.post("/accounts/login/", {"username": "victim", "password": "wrong-one"})
    assert AuditEntry.objects.filter(action="accounts.login.failed", result="failure").exists()
    client.force_login(make_user("curious"))
    assert client.get("/audit/").status_code == 403
    denied = AuditEntry.objects.get(action="security.access.denied")
    assert denied.actor_username == "curious" and "/audit/" in denied.detail


def test_changes_in_the_django_admin_are_audited(make_user, make_org):
    from accounts.models import RoleCode
    from accounts.tests.conftest import signed_in

    system = make_user("sysop", roles=[RoleCode.SYSTEM_ADMIN])
    org = make_org("旧名称")
    client = signed_in(system)
    response = client.post(
        f"/admin/accounts/organization/{org.pk}/change/",
        {
            "name": "新名称",
            "type": org.type,
            "credit_code": org.credit_code,
            "region": "",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    entry = AuditEntry.objects.get(action="admin.accounts.organization.changed")
    assert entry.actor == system and entry.after["object"] == "新名称"
