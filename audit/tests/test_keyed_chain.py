"""The chain is keyed (HMAC, key outside the database) and checked against exported anchors."""

from __future__ import annotations

import importlib
import io
import json
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from audit.models import AuditChainHead, AuditEntry
from audit.services import GENESIS_HASH, compute_hash, legacy_hash, log_action, verify_chain
from audit.tests.test_chain import _tamper

pytestmark = pytest.mark.django_db
OTHER_KEY = b"a key the attacker made up, not the deployment's one"


def _rewrite_chain(hash_function) -> None:
    """What an attacker with database access does: edit a row, recompute every hash."""
    previous = GENESIS_HASH
    for entry in AuditEntry.objects.order_by("sequence"):
        digest = hash_function(previous, entry)
        _tamper(
            "UPDATE audit_auditentry SET prev_hash = %s, entry_hash = %s WHERE id = %s",
            [previous, digest, entry.pk],
        )
        previous = digest
    AuditChainHead.objects.filter(pk=1).update(last_hash=previous)


def test_the_hash_depends_on_the_key():
    entry = log_action("t.keyed")
    assert compute_hash(entry.prev_hash, entry) == entry.entry_hash
    assert compute_hash(entry.prev_hash, entry, key=OTHER_KEY) != entry.entry_hash
    assert legacy_hash(entry.prev_hash, entry) != entry.entry_hash


@pytest.mark.parametrize(
    "forger",
    [
        pytest.param(legacy_hash, id="plain-sha256"),
        pytest.param(lambda p, e: compute_hash(p, e, key=OTHER_KEY), id="own-function-other-key"),
    ],
)
def test_recomputing_the_chain_without_the_key_fails_verification(forger):
    entries = [log_action("t.forge", detail=f"#{i}") for i in range(4)]
    _tamper("UPDATE audit_auditentry SET detail = %s WHERE id = %s", ["forged", entries[1].pk])
    _rewrite_chain(forger)
    report = verify_chain()
    assert not report.ok
    assert len([p for p in report.problems if "does not match its hash" in p]) == 4
    with pytest.raises(CommandError, match="TAMPERED"):
        call_command("verify_audit", stdout=io.StringIO(), stderr=io.StringIO())


def test_the_key_comes_from_the_environment_or_a_file(monkeypatch, tmp_path):
    from core import env

    monkeypatch.setenv("STDBASE_AUDIT_KEY", "k" * 40)
    assert env.get_secret("AUDIT_KEY", tmp_path / "unused") == "k" * 40
    monkeypatch.delenv("STDBASE_AUDIT_KEY")
    key_file = tmp_path / "audit.key"
    key_file.write_text("f" * 40 + "\n")
    monkeypatch.setenv("STDBASE_AUDIT_KEY_FILE", str(key_file))
    assert env.get_secret("AUDIT_KEY", tmp_path / "unused") == "f" * 40
    monkeypatch.setenv("STDBASE_AUDIT_KEY_FILE", str(tmp_path / "missing"))
    with pytest.raises(env.ConfigError):
        env.get_secret("AUDIT_KEY", tmp_path / "unused")
    monkeypatch.delenv("STDBASE_AUDIT_KEY_FILE")
    created = env.get_secret("AUDIT_KEY", tmp_path / "generated")
    assert len(created) >= 32 and (tmp_path / "generated").stat().st_mode & 0o777 == 0o600
    assert env.get_secret("AUDIT_KEY", tmp_path / "generated") == created


def _run_rekey():
    migration = importlib.import_module("audit.migrations.0003_keyed_chain")

    def execute(sql):
        with connection.cursor() as cursor:
            cursor.execute(sql)

    migration.rekey(apps, SimpleNamespace(connection=connection, execute=execute))


def test_migration_rekeys_an_intact_legacy_chain():
    for i in range(3):
        log_action("t.legacy", detail=f"#{i}")
    _rewrite_chain(legacy_hash)  # the trail as the unkeyed version wrote it
    assert not verify_chain().ok
    _run_rekey()
    report = verify_chain()
    assert report.ok, report.problems
    assert report.checked == 3


def test_migration_refuses_a_legacy_chain_that_was_altered():
    entries = [log_action("t.legacy") for _ in range(3)]
    _rewrite_chain(legacy_hash)
    _tamper("UPDATE audit_auditentry SET detail = 'x' WHERE id = %s", [entries[0].pk])
    with pytest.raises(RuntimeError, match="#1"):
        _run_rekey()


def test_exported_anchors_catch_a_rewrite_even_with_the_key(tmp_path):
    anchors = tmp_path / "anchors.jsonl"
    for i in range(3):
        log_action("t.anchor", detail=f"#{i}")
    out = io.StringIO()
    call_command("export_audit_anchor", "--output", str(anchors), stdout=out)
    line = json.loads(anchors.read_text().splitlines()[0])
    assert line["sequence"] == 3 and line["hash"] == AuditEntry.objects.get(sequence=3).entry_hash
    assert "time" in line
    log_action("t.anchor", detail="#3")
    call_command("export_audit_anchor", "--output", str(anchors), stdout=io.StringIO())
    out = io.StringIO()
    call_command("verify_audit", "--anchors", str(anchors), stdout=out)
    assert "2 anchors" in out.getvalue()
    # An insider with the key rewrites history: the hashes verify, the anchors do not.
    _tamper("UPDATE audit_auditentry SET detail = 'forged' WHERE sequence = 2", [])
    _rewrite_chain(compute_hash)
    assert verify_chain().ok
    err = io.StringIO()
    with pytest.raises(CommandError, match="TAMPERED"):
        call_command("verify_audit", "--anchors", str(anchors), stdout=io.StringIO(), stderr=err)
    assert "anchor #3" in err.getvalue() and "rewritten" in err.getvalue()


def test_anchors_catch_a_cut_tail(tmp_path):
    anchors = tmp_path / "anchors.jsonl"
    for _ in range(3):
        log_action("t.tail")
    call_command("export_audit_anchor", "--output", str(anchors), stdout=io.StringIO())
    _tamper("DELETE FROM audit_auditentry WHERE sequence = 3", [])
    AuditChainHead.objects.filter(pk=1).update(
        last_sequence=2, last_hash=AuditEntry.objects.get(sequence=2).entry_hash
    )
    assert verify_chain().ok
    problems = verify_chain(anchors=json_lines(anchors)).problems
    assert any("missing" in p for p in problems)


def json_lines(path):
    from audit.anchors import read_anchors

    return read_anchors(path)


def test_a_malformed_anchor_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"sequence": 1}\n')
    with pytest.raises(CommandError, match="line 1"):
        call_command("verify_audit", "--anchors", str(bad), stdout=io.StringIO())


def test_periodic_task_appends_to_the_configured_file(settings, tmp_path):
    from audit.tasks import export_hourly_anchor

    settings.AUDIT_ANCHOR_FILE = str(tmp_path / "hourly.jsonl")
    log_action("t.hourly")
    export_hourly_anchor.call_local()
    assert json.loads((tmp_path / "hourly.jsonl").read_text())["sequence"] == 1
