"""`stdbase check-refs PATH --format jsonl|xlsx|pdf`: check the references of a document."""

from __future__ import annotations

import datetime
import json
import logging
import sys
from pathlib import Path

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from catalog.extraction import kind_of
from checks.models import Check
from checks.services.checking import CheckRequest, create_check, run_check
from checks.services.presentation import item_as_dict
from core.exceptions import DomainError


class Command(BaseCommand):
    help = "Check which standards a document cites are current, replaced or withdrawn."

    def add_arguments(self, parser):
        parser.add_argument(
            "path", help="file to check (txt, md, csv, xlsx, docx, pdf) or - for standard input"
        )
        parser.add_argument("--format", choices=["jsonl", "xlsx", "pdf"], default="jsonl")
        parser.add_argument("--output", help="file to write (required for xlsx and pdf)")
        parser.add_argument("--as-of", help="date (YYYY-MM-DD): which edition was in force then")
        parser.add_argument("--base-url", default="", help="site address printed in reports")

    def execute(self, *args, **options):
        # stdout carries the JSON lines and stderr one line of reason: log echoes (the
        # audit trail's, pypdf's warnings about damaged files) would add lines. The audit
        # entries are still written to the database; -v 2 shows the logs.
        if options.get("verbosity", 1) >= 2:
            return super().execute(*args, **options)
        previous = logging.root.manager.disable
        logging.disable(logging.WARNING)
        try:
            return super().execute(*args, **options)
        finally:
            logging.disable(previous)

    def handle(
        self,
        *args,
        path: str,
        format: str,
        output: str | None,
        as_of: str | None,
        base_url: str,
        **options,
    ):
        if format != "jsonl" and not output:
            raise CommandError(
                _("--output FILE is required for --format %(format)s") % {"format": format}
            )
        try:
            day = datetime.date.fromisoformat(as_of) if as_of else None
        except ValueError as exc:
            raise CommandError(_("Invalid --as-of date: %(date)s") % {"date": as_of}) from exc
        check = self._check(path, day)
        if format == "jsonl":
            write = self.stdout.write
            for item in check.items.order_by("position"):
                write(json.dumps(item_as_dict(item), ensure_ascii=False))
            return
        from checks.reports.pdf import build_pdf
        from checks.reports.xlsx import build_xlsx

        data = (build_xlsx if format == "xlsx" else build_pdf)(check, base_url)
        try:
            Path(output).write_bytes(data)
        except OSError as exc:
            raise CommandError(
                _("Cannot write %(path)s: %(reason)s") % {"path": output, "reason": exc.strerror}
            ) from exc

    def _check(self, path: str, as_of: datetime.date | None) -> Check:
        try:
            if path == "-":
                text = sys.stdin.buffer.read().decode("utf-8", errors="replace")
                request = CheckRequest(text=text, as_of=as_of, source=Check.Source.CLI)
                check = create_check(request)
            else:
                source = Path(path)
                if not source.is_file():
                    raise CommandError(_("Cannot read %(path)s: no such file.") % {"path": path})
                if kind_of(source.name) is None:
                    raise CommandError(
                        _("Unsupported file type: %(suffix)s")
                        % {"suffix": source.suffix or source.name}
                    )
                with source.open("rb") as handle:
                    request = CheckRequest(
                        upload=File(handle, name=source.name), as_of=as_of, source=Check.Source.CLI
                    )
                    check = create_check(request)
            check = run_check(check.pk)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        except PermissionError as exc:
            raise CommandError(
                _("Cannot read %(path)s: permission denied.") % {"path": path}
            ) from exc
        return check
