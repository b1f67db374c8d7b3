"""The `stdbase` console command: a front for the Django management commands."""

from __future__ import annotations

import os
import sys

#: Console names that differ from their (snake_case) management command modules.
ALIASES = {
    "import": "import_catalog",
    "check-refs": "check_refs",
    "ballot-tally": "ballot_tally",
    "verify-draw": "verify_draw",
}


def resolve(args: list[str]) -> list[str]:
    """Replace a console alias (`stdbase import`, `stdbase help check-refs`) by its command."""
    args = list(args)
    if len(args) > 1:
        position = 2 if args[1] == "help" and len(args) > 2 else 1
        args[position] = ALIASES.get(args[position], args[position])
    return args


def main(argv: list[str] | None = None) -> None:
    """Run `stdbase COMMAND ...` as `manage.py COMMAND ...` with our settings."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stdbase.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv if argv is None else ["stdbase", *argv])
    execute_from_command_line(resolve(args))


if __name__ == "__main__":
    main()
