"""The `stdbase` console command: a front for the Django management commands."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    """Run `stdbase COMMAND ...` as `manage.py COMMAND ...` with our settings."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stdbase.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv if argv is None else ["stdbase", *argv])
    execute_from_command_line(args)


if __name__ == "__main__":
    main()
