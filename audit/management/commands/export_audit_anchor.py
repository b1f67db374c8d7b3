"""`stdbase export_audit_anchor [--output FILE]`: print or append the chain's head anchor."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand

from audit.anchors import current_anchor, export_anchor


class Command(BaseCommand):
    help = (
        "Export the audit chain's head (sequence, hash, time) as one JSON line; keep the "
        "lines outside the database and check them with `verify_audit --anchors FILE`."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", help="append the anchor to this file instead of stdout")

    def handle(self, *args, **options):
        if options["output"]:
            anchor = export_anchor(options["output"])
            self.stdout.write(f"Anchor #{anchor['sequence']} appended to {options['output']}.")
        else:
            self.stdout.write(json.dumps(current_anchor(), sort_keys=True))
