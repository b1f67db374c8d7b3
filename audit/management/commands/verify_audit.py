"""`stdbase verify_audit`: recompute the hash chain and report tampering (exit code 1)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from audit.services import verify_chain


class Command(BaseCommand):
    help = "Verify the audit trail's hash chain; exits with status 1 if it was tampered with."

    def handle(self, *args, **options):
        report = verify_chain()
        if report.ok:
            self.stdout.write(
                self.style.SUCCESS(f"Audit trail intact: {report.checked} entries verified.")
            )
            return
        for problem in report.problems:
            self.stderr.write(problem)
        raise CommandError(
            f"Audit trail TAMPERED: {len(report.problems)} problem(s) in {report.checked} entries."
        )
