"""Consistent backup and restore of the database and uploaded files as one archive.

SQLite: the online backup API copies a consistent snapshot while the site runs.
PostgreSQL (and others): `dumpdata` of every app inside one repeatable-read transaction;
restore flushes the tables and loads the dump, so the audit trail keeps its hashes.
"""

from __future__ import annotations

import io
import json
import shutil
import sqlite3
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import django
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

FORMAT_VERSION = 1
_DB_SQLITE = "database.sqlite3"
_DB_JSON = "database.json"


class BackupError(Exception):
    """A backup archive is missing, malformed or from an incompatible installation."""


@dataclass
class BackupInfo:
    """What a backup archive contains."""

    path: Path
    vendor: str
    created_at: str
    media_files: int


def _applied_migrations() -> list[str]:
    from django.db.migrations.recorder import MigrationRecorder

    return sorted(f"{a}.{n}" for a, n in MigrationRecorder(connection).applied_migrations())


def _dump_sqlite(target: Path) -> None:
    connection.ensure_connection()
    destination = sqlite3.connect(target)
    try:
        connection.connection.backup(destination)
    finally:
        destination.close()


def _dump_json(target: Path) -> None:
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        with target.open("w", encoding="utf-8") as out:
            call_command(
                "dumpdata", *_stored_models(), format="json", indent=None, stdout=out, verbosity=0
            )


def _stored_models() -> list[str]:
    """Labels of the concrete models whose table this database has.

    A model known to the code but without a table (an unmanaged one, or a test's example
    model) would make `dumpdata` of everything fail.
    """
    from django.apps import apps

    tables = set(connection.introspection.table_names())
    return [
        model._meta.label
        for model in apps.get_models()
        if not model._meta.proxy and model._meta.db_table in tables
    ]


def create_backup(destination: Path | str) -> BackupInfo:
    """Write the database snapshot and MEDIA_ROOT into one .tar.gz archive."""
    destination = Path(destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as tmp:
        db_name = _DB_SQLITE if connection.vendor == "sqlite" else _DB_JSON
        db_path = Path(tmp) / db_name
        (_dump_sqlite if connection.vendor == "sqlite" else _dump_json)(db_path)
        media_files = (
            [p for p in media_root.rglob("*") if p.is_file()] if media_root.exists() else []
        )
        manifest = {
            "format": FORMAT_VERSION,
            "created_at": timezone.now().isoformat(),
            "vendor": connection.vendor,
            "database": db_name,
            "django": django.get_version(),
            "migrations": _applied_migrations(),
            "media_files": len(media_files),
        }
        with tarfile.open(destination, "w:gz") as archive:
            data = json.dumps(manifest, indent=2).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
            archive.add(db_path, arcname=db_name)
            for path in media_files:
                archive.add(
                    path, arcname=str(PurePosixPath("media", *path.relative_to(media_root).parts))
                )
    destination.chmod(0o600)
    return BackupInfo(destination, connection.vendor, manifest["created_at"], len(media_files))


def _safe_members(archive: tarfile.TarFile):
    for member in archive.getmembers():
        path = PurePosixPath(member.name)
        if path.is_absolute() or ".." in path.parts or not (member.isfile() or member.isdir()):
            raise BackupError(f"unsafe path in archive: {member.name}")
        yield member


def read_manifest(source: Path | str) -> dict:
    """The manifest of a backup archive."""
    try:
        with tarfile.open(source, "r:gz") as archive:
            handle = archive.extractfile("manifest.json")
            manifest = json.loads(handle.read()) if handle else None
    except (tarfile.TarError, KeyError, OSError, json.JSONDecodeError) as exc:
        raise BackupError(f"not a StdBase backup: {exc}") from exc
    if not manifest or manifest.get("format") != FORMAT_VERSION:
        raise BackupError("unsupported backup format")
    return manifest


def restore_backup(source: Path | str) -> BackupInfo:
    """Replace the database content and MEDIA_ROOT with those of an archive."""
    manifest = read_manifest(source)
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as tmp, tarfile.open(source, "r:gz") as archive:
        archive.extractall(tmp, members=list(_safe_members(archive)), filter="data")
        db_path = Path(tmp) / manifest["database"]
        if manifest["database"] == _DB_SQLITE:
            if connection.vendor != "sqlite":
                raise BackupError("a SQLite backup can only be restored into SQLite")
            connection.ensure_connection()
            source_db = sqlite3.connect(db_path)
            try:
                source_db.backup(connection.connection)
            finally:
                source_db.close()
        else:
            call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
            call_command("loaddata", str(db_path), verbosity=0)
        call_command("migrate", interactive=False, verbosity=0)
        extracted_media = Path(tmp) / "media"
        if media_root.exists():
            shutil.rmtree(media_root)
        if extracted_media.exists():
            shutil.copytree(extracted_media, media_root)
        else:
            media_root.mkdir(parents=True, exist_ok=True)
    return BackupInfo(
        Path(source), manifest["vendor"], manifest["created_at"], manifest["media_files"]
    )
