"""`stdbase search QUERY`: the catalogue search service on the command line."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from catalog.search import SearchError, SearchQuery, search

FIELDS = ("designation", "title_zh", "title_en", "status", "tier", "issued", "effective", "url")


def hit_record(hit) -> dict:
    """The JSON object printed for one hit."""
    standard = hit.standard
    record = {name: getattr(standard, name) for name in FIELDS}
    for name in ("issued", "effective"):
        record[name] = record[name].isoformat() if record[name] else None
    record["score"] = None if hit.score is None else round(hit.score, 4)
    record["exact"] = hit.exact
    return record


class Command(BaseCommand):
    help = "Search the catalogue like the web page does; prints the hits, best first."

    def add_arguments(self, parser):
        parser.add_argument("query", nargs="+", help="Words, a phrase or a designation.")
        parser.add_argument("--limit", type=int, default=20, help="Number of hits (1-100).")
        parser.add_argument("--format", choices=("jsonl", "table"), default="table")
        parser.add_argument(
            "--sort", default="relevance", choices=("relevance", "date", "-date", "designation")
        )

    def handle(self, *args, **options):
        text = " ".join(options["query"])
        limit = options["limit"]
        try:
            result = search(
                SearchQuery(text=text, sort=options["sort"], page_size=limit, facets=False)
            )
        except SearchError as exc:
            raise CommandError(exc.message, returncode=2) from exc
        if options["format"] == "jsonl":
            for hit in result.hits:
                self.stdout.write(json.dumps(hit_record(hit), ensure_ascii=False))
            return
        for hit in result.hits:
            s = hit.standard
            self.stdout.write(
                f"{s.designation:<28} {s.get_status_display():<6} {s.title_zh or s.title_en}"
            )
        if result.total > len(result.hits):
            self.stderr.write(f"{len(result.hits)} / {result.total}")
