"""The installed package carries every app of the project.

`stdbase` (the console command) imports the project from the installed package, not from
the checkout: an app missing from `[tool.setuptools.packages.find]` works under pytest but
makes `stdbase migrate` fail with ModuleNotFoundError on a fresh install.
"""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


def test_every_project_app_is_in_the_package_list():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["packages"]["find"]["include"]
    ours = [
        app.split(".")[0]
        for app in settings.INSTALLED_APPS
        if (ROOT / app.split(".")[0] / "__init__.py").exists()
    ]
    assert "forwarding" in ours and "catalog" in ours
    missing = [app for app in ours if not any(fnmatch.fnmatch(app, p) for p in patterns)]
    assert missing == []
