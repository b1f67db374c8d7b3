"""What both search backends share: SQL over the denormalised catalog_searchdoc table.

SQL here is assembled only from constant fragments of this package (column names, CASE
expressions); every value that comes from a request travels as a query parameter, which
is why the string-built statements carry S608 exemptions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import connection

from catalog.search.documents import SearchDoc
from catalog.search.query import QueryPlan

DOC_COLUMNS = (
    "standard_id",
    "designation",
    "series_key",
    "main_number",
    "sort_key",
    "tier",
    "status",
    "status_rank",
    "mandate",
    "publisher_id",
    "year",
    "ics_root",
    "ccs_root",
    "sort_date",
)
FACET_COLUMNS = {
    "tier": "tier",
    "status": "status",
    "publisher": "publisher_id",
    "ics": "ics_root",
    "ccs": "ccs_root",
    "year": "year",
}


def doc_values(doc: SearchDoc) -> list:
    """The catalog_searchdoc column values of a document, in DOC_COLUMNS order."""
    return [getattr(doc, name) for name in DOC_COLUMNS]


@dataclass
class Match:
    """A full-text condition: FROM and WHERE fragments plus an optional engine score."""

    from_sql: str
    where_sql: str
    params: list = field(default_factory=list)
    # Engine relevance: SQL for a number where smaller is better, and its parameters.
    rank_sql: str | None = None
    rank_params: list = field(default_factory=list)


@dataclass
class Page:
    """Ids (and scores) of one page of hits, best first."""

    ids: list[int]
    scores: list[float | None]


class SearchBackend:
    """A full-text engine behind the search service; subclasses build the MATCH part."""

    vendor = ""
    name = ""

    # -- engine specific ------------------------------------------------------------------

    def match(self, plan: QueryPlan) -> Match:
        """The FROM/WHERE fragments that select documents matching the plan."""
        raise NotImplementedError

    def write(self, docs: Sequence[SearchDoc], *, replace: bool = True) -> None:
        """Insert these documents; with `replace`, earlier versions are removed first."""
        raise NotImplementedError

    def delete(self, ids: Sequence[int]) -> None:
        """Remove the documents of these standards."""
        raise NotImplementedError

    def clear(self) -> None:
        """Empty the index before a rebuild."""
        raise NotImplementedError

    def finish_rebuild(self) -> None:
        """Optimise the index after a rebuild."""

    # -- shared ---------------------------------------------------------------------------

    @staticmethod
    def browse() -> Match:
        return Match("catalog_searchdoc d", "1 = 1")

    def version(self) -> int:
        """A counter bumped by every index change, for caches of derived results."""
        with connection.cursor() as cursor:
            cursor.execute("SELECT value FROM catalog_searchmeta WHERE key = 'version'")
            row = cursor.fetchone()
        return int(row[0]) if row else 0

    def bump_version(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("UPDATE catalog_searchmeta SET value = value + 1 WHERE key = 'version'")

    def count(self, match: Match, filters: tuple[str, list]) -> int:
        """Number of matching documents."""
        sql = f"SELECT count(*) FROM {match.from_sql} WHERE {match.where_sql} AND {filters[0]}"  # noqa: S608
        with connection.cursor() as cursor:
            cursor.execute(sql, [*match.params, *filters[1]])
            return int(cursor.fetchone()[0])

    def facet_counts(
        self, match: Match, filters: tuple[str, list]
    ) -> dict[str, list[tuple[str, int]]]:
        """Counts per facet value (and the "total") over the matched set, in one statement.

        The matched rows are materialised once and grouped six times, so the full-text
        engine runs a single time however many facets there are.
        """
        columns = ", ".join(f"d.{column}" for column in FACET_COLUMNS.values())
        groups = " UNION ALL ".join(
            f"SELECT '{key}', CAST({column} AS TEXT), count(*) FROM m GROUP BY {column}"  # noqa: S608
            for key, column in FACET_COLUMNS.items()
        )
        sql = (
            f"WITH m AS MATERIALIZED (SELECT {columns} FROM {match.from_sql} "  # noqa: S608
            f"WHERE {match.where_sql} AND {filters[0]}) "
            f"SELECT 'total', NULL, count(*) FROM m UNION ALL {groups}"
        )
        return self._collect(sql, [*match.params, *filters[1]])

    def browse_facet_counts(self, filters: tuple[str, list]) -> dict[str, list[tuple[str, int]]]:
        """Counts per facet value without a text condition, one indexed GROUP BY each."""
        groups = " UNION ALL ".join(
            f"SELECT * FROM (SELECT '{key}', CAST({column} AS TEXT), count(*) "  # noqa: S608
            f"FROM catalog_searchdoc d WHERE {filters[0]} GROUP BY {column}) AS g{i}"
            for i, (key, column) in enumerate(FACET_COLUMNS.items())
        )
        sql = f"SELECT 'total', NULL, count(*) FROM catalog_searchdoc d WHERE {filters[0]} "  # noqa: S608
        sql += f"UNION ALL {groups}"
        return self._collect(sql, list(filters[1]) * (len(FACET_COLUMNS) + 1))

    @staticmethod
    def _collect(sql: str, params: list) -> dict[str, list[tuple[str, int]]]:
        result: dict[str, list[tuple[str, int]]] = {key: [] for key in FACET_COLUMNS}
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            for key, value, count in cursor.fetchall():
                if key == "total":
                    result["total"] = [("", int(count))]
                elif value is not None and value != "":
                    result[key].append((value, int(count)))
        return result

    def page(
        self,
        match: Match,
        filters: tuple[str, list],
        order: list[tuple[str, list]],
        *,
        offset: int,
        limit: int,
        ranked: bool,
    ) -> Page:
        """One page of hit ids in the given order; with `ranked`, engine relevance first."""
        order_sql = [sql for sql, _ in order]
        order_params = [p for _, params in order for p in params]
        score_sql = "NULL"
        score_params: list = []
        if ranked and match.rank_sql:
            score_sql = match.rank_sql
            score_params = list(match.rank_params)
            order_sql.insert(0, "score")
        sql = (
            f"SELECT d.standard_id, {score_sql} AS score FROM {match.from_sql} "  # noqa: S608
            f"WHERE {match.where_sql} AND {filters[0]} "
            f"ORDER BY {', '.join(order_sql)} LIMIT %s OFFSET %s"
        )
        params = [*score_params, *match.params, *filters[1], *order_params, limit, offset]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        return Page(
            [int(r[0]) for r in rows],
            [None if r[1] is None else -float(r[1]) for r in rows],
        )
