"""`stdbase purge_audit`: drop entries past the retention period, anchoring the chain."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from audit.services import purge_expired, verify_chain


class Command(BaseCommand):
    help = (
        "Delete audit entries older than STDBASE_AUDIT_RETENTION_DAYS (at least 180 days); "
        "an anchor keeps the remaining chain verifiable."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=settings.AUDIT_RETENTION_DAYS)

    def handle(self, *args, days: int, **options):
        if days < settings.AUDIT_RETENTION_MIN_DAYS:
            raise CommandError(f"retention must be at least {settings.AUDIT_RETENTION_MIN_DAYS}")
        report = verify_chain()
        if not report.ok:
            raise CommandError("the audit chain does not verify; refusing to purge")
        count = purge_expired(retention_days=days)
        self.stdout.write(f"Purged {count} audit entries older than {days} days.")
