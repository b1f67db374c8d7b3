"""`stdbase restore PATH`: replace the database and uploaded files with a backup."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, read_manifest, restore_backup


class Command(BaseCommand):
    help = "Restore a backup archive made by `stdbase backup` (replaces all current data)."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args, path: str, yes: bool, **options):
        try:
            manifest = read_manifest(path)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        if not yes:
            answer = input(
                f"Replace ALL data with the backup of {manifest['created_at']}? Type 'yes': "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("restore cancelled")
        try:
            info = restore_backup(path)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        from core.auditing import log_action

        log_action("core.backup.restored", detail=f"{path} of {info.created_at}")
        self.stdout.write(self.style.SUCCESS(f"Restored the backup of {info.created_at}."))
