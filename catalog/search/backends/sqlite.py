"""SQLite FTS5 backend over pre-tokenised text.

The FTS5 rowid is not the standard id but a rank key (status rank, newest first, then
the id in the low 24 bits; see documents.rank_rowid), so a large match set streams out
in the cheap order and `LIMIT` stops early. Filters are facet tokens in the `fac`
column, so they are answered by the full-text index itself without touching rows.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from django.db import connection

from catalog.search.backends.base import DOC_COLUMNS, Match, SearchBackend, doc_values
from catalog.search.documents import MAX_ID, RANK_ROWID_SQL, SearchDoc
from catalog.search.filters import Filters, fts_filter_expression
from catalog.search.query import QueryPlan
from catalog.search.text import Term

FTS_DDL = (
    "CREATE VIRTUAL TABLE catalog_searchfts USING fts5("
    "des, num, txt, fac, tokenize = 'unicode61 remove_diacritics 0')"
)
# bm25 column weights: designation, main number, titles, facet tokens.
_BM25 = "bm25(catalog_searchfts, 10.0, 5.0, 1.0, 0.0)"
# Current editions keep their score; older ones are pushed down (bm25 is negative).
_BOOST = "(CASE d.status_rank WHEN 0 THEN 1.0 WHEN 1 THEN 0.9 ELSE 0.7 END)"
_ID = f"(catalog_searchfts.rowid & {MAX_ID})"


def phrase(tokens: Sequence[str], prefix: bool = False) -> str:
    """An FTS5 phrase: every token quoted, so no operator can be smuggled in."""
    quoted = '"' + " ".join(t.replace('"', '""') for t in tokens) + '"'
    return quoted + ("*" if prefix else "")


def fts_expression(plan: QueryPlan, filters: Filters | None = None) -> str:
    """The MATCH expression of a query plan, each part restricted to its column."""
    parts: list[str] = []
    if plan.designation:
        part = plan.designation
        parts.append(f"des : {phrase(part.match_tokens, part.prefix)}")
    if plan.number:
        tokens = plan.number.tokens
        if len(tokens) == 1:
            parts.append(f"num : {phrase(tokens, plan.number.prefix)}")
        else:
            parts.append(f"num : {phrase(tokens[:1])}")
            # Designation tokens start with the joined prefix+number; match the parts.
            parts.append(f"des : {phrase(tokens[1:], plan.number.prefix)}")
    parts.extend(f"txt : {_term(term)}" for term in plan.terms)
    if filters is not None and (facets := fts_filter_expression(filters)):
        parts.append(facets)
    return " AND ".join(parts)


def _term(term: Term) -> str:
    return phrase(term.tokens, prefix=term.prefix)


class SqliteBackend(SearchBackend):
    """Full-text search with SQLite FTS5 and bm25 ranking."""

    vendor = "sqlite"
    name = "sqlite-fts5"

    def match(self, plan: QueryPlan, filters: Filters) -> Match:
        return Match(
            from_sql="catalog_searchfts",
            where_sql="catalog_searchfts MATCH %s",
            params=[fts_expression(plan, filters)],
            # CROSS JOIN keeps the full-text table as the outer loop.
            join_sql=f"CROSS JOIN catalog_searchdoc d ON d.standard_id = {_ID}",
            id_sql=_ID,
            rank_sql=f"{_BM25} * {_BOOST}",
            cheap_order="catalog_searchfts.rowid",
        )

    def id_set(self, ids: list[int]) -> Match:
        return Match(
            "catalog_searchdoc d",
            "d.standard_id IN (SELECT value FROM json_each(%s))",
            [json.dumps(ids)],
        )

    def write(self, docs: Sequence[SearchDoc], *, replace: bool = True) -> None:
        if not docs:
            return
        if replace:
            self.delete([doc.standard_id for doc in docs], bump=False)
        placeholders = ", ".join(["%s"] * len(DOC_COLUMNS))
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO catalog_searchfts (rowid, des, num, txt, fac) "
                "VALUES (%s, %s, %s, %s, %s)",
                [
                    (
                        d.fts_rowid,
                        " ".join(d.des),
                        " ".join(d.num),
                        " ".join(d.txt),
                        " ".join(d.fac),
                    )
                    for d in docs
                ],
            )
            cursor.executemany(
                f"INSERT INTO catalog_searchdoc ({', '.join(DOC_COLUMNS)}) "  # noqa: S608
                f"VALUES ({placeholders})",
                [doc_values(d) for d in docs],
            )
        self.bump_version()

    def delete(self, ids: Sequence[int], *, bump: bool = True) -> None:
        ids = list(ids)
        with connection.cursor() as cursor:
            for start in range(0, len(ids), 500):
                part = ids[start : start + 500]
                marks = ", ".join(["%s"] * len(part))
                # The FTS rowid is derived from the stored document; find it before deleting.
                fts_sql = (
                    "DELETE FROM catalog_searchfts WHERE rowid IN "  # noqa: S608
                    f"(SELECT {RANK_ROWID_SQL} FROM catalog_searchdoc "
                    f"WHERE standard_id IN ({marks}))"
                )
                doc_sql = f"DELETE FROM catalog_searchdoc WHERE standard_id IN ({marks})"  # noqa: S608
                cursor.execute(fts_sql, part)
                cursor.execute(doc_sql, part)
        if bump:
            self.bump_version()

    def clear(self) -> None:
        # Recreated rather than emptied, so a rebuild also brings an older table layout
        # up to date (the FTS table is derived data).
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS catalog_searchfts")
            cursor.execute(FTS_DDL)
            cursor.execute("DELETE FROM catalog_searchdoc")
        self.bump_version()

    def finish_rebuild(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO catalog_searchfts (catalog_searchfts) VALUES ('optimize')")
            cursor.execute("ANALYZE catalog_searchdoc")
