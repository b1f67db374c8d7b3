"""Run the real `stdbase` console command in a child process, for command-line contract tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_stdbase(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    """Run the real `stdbase` console command (argument parsing, exit status and streams)."""
    return subprocess.run(
        [sys.executable, "-m", "stdbase.cli", *args],
        input=stdin.encode(),
        capture_output=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
