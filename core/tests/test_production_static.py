"""Production serves pages with the manifest static storage once collectstatic ran (item 11)."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from django.test import Client

pytestmark = pytest.mark.django_db

MANIFEST_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_manifest_storage_serves_pages_and_assets_after_collectstatic(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STATIC_ROOT.mkdir()
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": MANIFEST_STORAGE}}
    settings.WHITENOISE_USE_FINDERS = False
    # What a production install without collectstatic answered on every page.
    with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
        Client().get("/")
    call_command("collectstatic", interactive=False, verbosity=0)
    client = Client()
    page = client.get("/")
    assert page.status_code == 200
    stylesheet = re.search(r'href="(/static/core/css/stdbase\.[0-9a-f]{12}\.css)"', page.text)
    assert stylesheet, page.text[:2000]
    asset = client.get(stylesheet[1])
    assert asset.status_code == 200 and "immutable" in asset["Cache-Control"]


def test_make_setup_collects_static_files():
    from pathlib import Path

    makefile = (Path(__file__).resolve().parents[2] / "Makefile").read_text()
    setup = makefile.split("\nsetup:", 1)[1].split("\n\n", 1)[0]
    assert "stdbase collectstatic --no-input" in setup
