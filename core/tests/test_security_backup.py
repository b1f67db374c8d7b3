"""`stdbase backup` / `stdbase restore` round-trip real data and files (SQLite and PostgreSQL)."""

from __future__ import annotations

import io
import json
import tarfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from accounts.models import Membership, Organization, StoredFile, User
from accounts.services.files import store_upload
from accounts.tests.conftest import make_uscc
from audit.models import AuditEntry
from audit.services import log_action, verify_chain
from catalog.tests.factories import StandardFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_backup_and_restore_round_trip(tmp_path, settings):
    user = User.objects.create_user("keep", "keep@example.cn", "x", phone="13812345678")
    org = Organization.objects.create(
        name="新乡电池研究院", type="institute", credit_code=make_uscc(77)
    )
    Membership.objects.create(user=user, organization=org, role="admin")
    standard = StandardFactory()
    stored = store_upload(
        SimpleUploadedFile("清单.csv", "标准号\nGB 1-2020\n".encode()), owner=user, allowed={"csv"}
    )
    log_action("test.before_backup", obj=org)
    entries_before = AuditEntry.objects.count()

    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive), stdout=io.StringIO())
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert "manifest.json" in names
    assert any(name.startswith("media/uploads/") for name in names)
    assert (archive.stat().st_mode & 0o777) == 0o600

    # Damage everything after the backup.
    User.objects.create_user("intruder", "i@example.cn", "x")
    Membership.objects.all().delete()
    stored.file.delete(save=False)
    log_action("test.after_backup")

    call_command("restore", str(archive), "--yes", stdout=io.StringIO())

    restored = User.objects.get(username="keep")
    assert restored.phone == "13812345678"
    assert not User.objects.filter(username="intruder").exists()
    assert Membership.objects.get(user=restored).organization.name == "新乡电池研究院"
    assert StoredFile.objects.get(pk=stored.pk).file.read().decode() == "标准号\nGB 1-2020\n"
    from catalog.models import Standard

    assert Standard.objects.filter(designation=standard.designation).exists()
    assert not AuditEntry.objects.filter(action="test.after_backup").exists()
    # The restore appended its own entry to the restored, still verifiable chain.
    assert AuditEntry.objects.count() == entries_before + 1
    assert verify_chain().ok


def test_restore_refuses_foreign_or_unsafe_archives(tmp_path):
    bogus = tmp_path / "bogus.tar.gz"
    bogus.write_bytes(b"not an archive")
    with pytest.raises(CommandError):
        call_command("restore", str(bogus), "--yes", stdout=io.StringIO())
    evil = tmp_path / "evil.tar.gz"
    with tarfile.open(evil, "w:gz") as tar:
        data = json.dumps(
            {
                "format": 1,
                "database": "database.json",
                "vendor": "x",
                "created_at": "",
                "media_files": 0,
            }
        ).encode()
        info = tarfile.TarInfo("manifest.json")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
        info = tarfile.TarInfo("../../escape.txt")
        info.size = 1
        tar.addfile(info, io.BytesIO(b"x"))
    with pytest.raises(CommandError, match="unsafe"):
        call_command("restore", str(evil), "--yes", stdout=io.StringIO())
    assert not (tmp_path.parent.parent / "escape.txt").exists()


def test_a_model_without_a_table_does_not_break_the_json_dump(tmp_path):
    """Found on PostgreSQL: a test's example model, registered but never migrated."""
    from django.db import connection

    from core.backup import _dump_json, _stored_models
    from workflows.tests.example import ExampleProposal  # a model only some tests give a table

    has_table = ExampleProposal._meta.db_table in connection.introspection.table_names()
    assert (ExampleProposal._meta.label in _stored_models()) == has_table
    assert "catalog.Standard" in _stored_models()
    StandardFactory(designation="GB/T 7714-2015")
    target = tmp_path / "dump.json"
    _dump_json(target)
    rows = json.loads(target.read_text(encoding="utf-8"))
    assert any(row["model"] == "catalog.standard" for row in rows)
