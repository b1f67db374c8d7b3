"""`stdbase load_shipped_data`: load the vocabularies and the catalogue seed shipped in data/seed.

Idempotent and quick when nothing changed: the seed is imported again only when its
checksum differs from the last successful load (or the catalogue is empty).
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from tqdm import tqdm

from catalog.models import ImportRun, Standard
from catalog.services.formats import import_file
from catalog.services.import_reports import summarise_import, write_rejection_report
from catalog.services.vocabularies import load_vocabularies
from jobs.models import Job

SEED_DIR = Path(settings.BASE_DIR) / "data" / "seed"


def _checksum(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()[:16]


class Command(BaseCommand):
    help = "Load the classification vocabularies and the shipped catalogue seed."

    def add_arguments(self, parser):
        parser.add_argument("--seed-dir", type=Path, default=SEED_DIR)
        parser.add_argument("--force", action="store_true", help="import even if unchanged")

    def handle(self, *args, **options):
        seed_dir: Path = options["seed_dir"]
        started = time.monotonic()
        counts = load_vocabularies(seed_dir)
        self.stdout.write(f"vocabularies: {counts}")
        seed = seed_dir / "catalog.jsonl.xz"
        if not seed.exists():
            self.stdout.write(f"no catalogue seed at {seed}")
            return
        marker = f"{seed.name}#{_checksum(seed)}"
        already = ImportRun.objects.filter(
            source__slug="shipped-seed", filename=marker, job__state=Job.State.SUCCEEDED
        ).exists()
        if already and Standard.objects.exists() and not options["force"]:
            self.stdout.write("catalogue seed unchanged; nothing to do")
            return
        with tqdm(unit=" records", file=self.stderr._out, disable=options["verbosity"] < 1) as bar:
            report = import_file(
                seed, fmt="seed", filename=marker, progress=bar.update, batch_size=5000
            )
        self.stdout.write(f"catalogue loaded in {time.monotonic() - started:.1f} s")
        report_path = write_rejection_report(report, seed.name)
        for line in summarise_import(report, report_path):
            self.stdout.write(line)
