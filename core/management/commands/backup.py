"""`stdbase backup [PATH]`: database snapshot and uploaded files in one archive."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from core.backup import create_backup


class Command(BaseCommand):
    help = "Write a consistent backup (database + uploaded files) into one .tar.gz archive."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="archive to write (default: var/backups/)")

    def handle(self, *args, path: str | None, **options):
        if path is None:
            stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
            path = str(Path(settings.DATA_DIR) / "backups" / f"stdbase-{stamp}.tar.gz")
        info = create_backup(path)
        from core.auditing import log_action

        log_action("core.backup.created", detail=f"{info.path} ({info.vendor})")
        self.stdout.write(
            self.style.SUCCESS(f"Backup written to {info.path} ({info.media_files} files).")
        )
