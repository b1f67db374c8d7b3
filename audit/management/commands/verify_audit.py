"""`stdbase verify_audit [--anchors FILE]`: recompute the keyed chain, report tampering."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from audit.anchors import read_anchors
from audit.services import verify_chain


class Command(BaseCommand):
    help = (
        "Verify the audit trail's HMAC chain (and, with --anchors, the exported head "
        "anchors); exits with status 1 if it was tampered with."
    )

    def add_arguments(self, parser):
        parser.add_argument("--anchors", help="a file written by export_audit_anchor")

    def handle(self, *args, **options):
        anchors = None
        if options["anchors"]:
            try:
                anchors = read_anchors(options["anchors"])
            except (OSError, ValueError) as exc:
                raise CommandError(str(exc)) from exc
        report = verify_chain(anchors=anchors)
        if report.ok:
            checked = f" and {len(anchors)} anchors" if anchors else ""
            self.stdout.write(
                self.style.SUCCESS(
                    f"Audit trail intact: {report.checked} entries{checked} verified."
                )
            )
            return
        for problem in report.problems:
            self.stderr.write(problem)
        raise CommandError(
            f"Audit trail TAMPERED: {len(report.problems)} problem(s) in {report.checked} entries."
        )
