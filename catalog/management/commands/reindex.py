"""`stdbase reindex`: rebuild the search index from the catalogue."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand
from tqdm import tqdm

from catalog.search import get_backend, rebuild_index
from catalog.search.generic import rebuild_documents


class Command(BaseCommand):
    help = "Rebuild the full-text search index from scratch."

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="No progress bar.")

    def handle(self, *args, quiet: bool = False, **options):
        started = time.perf_counter()
        bar = None if quiet else tqdm(total=0, unit="std", desc="reindex", file=self.stderr)

        def progress(done: int, total: int) -> None:
            if bar is not None:
                bar.total = total
                bar.update(done - bar.n)

        try:
            count = rebuild_index(progress=progress)
        finally:
            if bar is not None:
                bar.close()
        documents = rebuild_documents()
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"Indexed {count} standards and {documents} other documents in {seconds:.1f} s "
            f"({get_backend().name})."
        )
