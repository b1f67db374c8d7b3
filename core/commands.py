"""One base for the command-line contracts that read a file and print one JSON object."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from core.exceptions import DomainError

# The exit status of bad input, as argparse uses for bad arguments.
BAD_INPUT = 2


class JsonCommand(BaseCommand):
    """A command whose `compute()` returns a dict printed as JSON; bad input exits with 2.

    Nothing reaches stdout unless the whole computation succeeded, so a caller that reads
    stdout never sees half a result; the reason of a failure goes to stderr.
    """

    # Pure computations: no database, so no system checks on every call either.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["json"], default="json")

    def handle(self, *args, **options):
        try:
            result = self.compute(**options)
        except DomainError as exc:
            raise CommandError(exc.message, returncode=BAD_INPUT) from exc
        self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))

    def compute(self, **options) -> dict[str, Any]:
        raise NotImplementedError

    def fail(self, message: str) -> CommandError:
        """A command error with the bad-input exit status."""
        return CommandError(message, returncode=BAD_INPUT)

    def read_text(self, path: str) -> str:
        """The UTF-8 text of `path`, or of standard input for `-`."""
        try:
            if path == "-":
                return sys.stdin.buffer.read().decode("utf-8")
            return Path(path).read_text(encoding="utf-8")
        except FileNotFoundError as exc:
            raise self.fail(_("Cannot read %(path)s: no such file.") % {"path": path}) from exc
        except IsADirectoryError as exc:
            raise self.fail(_("Cannot read %(path)s: it is a directory.") % {"path": path}) from exc
        except PermissionError as exc:
            raise self.fail(_("Cannot read %(path)s: permission denied.") % {"path": path}) from exc
        except UnicodeDecodeError as exc:
            raise self.fail(
                _("Cannot read %(path)s: not UTF-8 text (byte %(offset)d).")
                % {"path": path, "offset": exc.start}
            ) from exc

    def read_json(self, path: str) -> Any:
        """The JSON document in `path` (or standard input), with the place of a syntax error."""
        text = self.read_text(path)
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise self.fail(
                _("Malformed JSON in %(path)s at line %(line)d, column %(column)d: %(reason)s")
                % {"path": path, "line": exc.lineno, "column": exc.colno, "reason": exc.msg}
            ) from exc
