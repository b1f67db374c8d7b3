"""`stdbase import PATH [--format F] [--source SLUG]`: import catalogue records."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from catalog.services.formats import FORMATS, import_file
from catalog.services.import_reports import summarise_import, write_rejection_report
from core.exceptions import DomainError


class Command(BaseCommand):
    help = "Import catalogue records from a file, a Relaton folder or a .tar.xz archive."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--format",
            dest="fmt",
            choices=sorted(FORMATS),
            default=None,
            help="source format (detected from the file name by default)",
        )
        parser.add_argument("--source", default=None, help="data source key")
        parser.add_argument("--batch-size", type=int, default=2000)
        parser.add_argument("--no-progress", action="store_true")
        parser.add_argument("--json", action="store_true", help="print the report as JSON")

    def handle(self, *args, **options):
        bar = tqdm(
            unit=" records",
            disable=options["no_progress"] or options["verbosity"] < 1,
            file=self.stderr._out,
        )
        try:
            report = import_file(
                options["path"],
                fmt=options["fmt"],
                source_slug=options["source"],
                progress=bar.update,
                batch_size=options["batch_size"],
            )
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        finally:
            bar.close()
        report_path = write_rejection_report(report, options["path"].name)
        if options["json"]:
            data = {**report.__dict__, "report_file": str(report_path) if report_path else None}
            self.stdout.write(json.dumps(data, ensure_ascii=False, default=str))
            return
        for line in summarise_import(report, report_path):
            self.stdout.write(line)
        self.stdout.write(f"events {report.events}")
