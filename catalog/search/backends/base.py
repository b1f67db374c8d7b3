"""What both search backends share: SQL over the denormalised catalog_searchdoc table.

SQL here is assembled only from constant fragments of this package (column names, CASE
expressions); every value that comes from a request travels as a query parameter, which
is why the string-built statements carry S608 exemptions.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import connection

from catalog.search.documents import SearchDoc
from catalog.search.filters import Filters, doc_filter_sql
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


def scale(counts: dict[str, list[tuple[str, int]]], total: int) -> dict[str, list[tuple[str, int]]]:
    """Scale sampled facet counts so that each facet sums to the known total."""
    sampled = sum(n for _, n in counts.get("tier", [])) or 1
    factor = total / sampled
    return {
        key: [(value, max(1, round(n * factor))) for value, n in values]
        for key, values in counts.items()
    }


@dataclass
class Match:
    """The matched set as SQL: FROM and WHERE fragments, how to reach the document row
    `d`, the standard id, the engine score and the engine's cheap order."""

    from_sql: str
    where_sql: str
    params: list = field(default_factory=list)
    # Joined in when the query needs the columns of catalog_searchdoc `d`.
    join_sql: str = ""
    id_sql: str = "d.standard_id"
    # Engine relevance: SQL for a number where smaller is better, and its parameters.
    rank_sql: str | None = None
    rank_params: list = field(default_factory=list)
    # An order the engine produces without sorting the whole set (current, newest first).
    cheap_order: str = "d.status_rank, d.sort_date DESC, d.standard_id"
    # Details the engine keeps for its own strategies (PostgreSQL: the parts of the query).
    engine: object = None


@dataclass
class Page:
    """Ids (and scores) of one page of hits, best first."""

    ids: list[int]
    scores: list[float | None]


@dataclass
class Request:
    """What the service wants from a matched set: one page, counts, and the limits."""

    # ORDER BY fragments with their parameters; None = engine relevance or cheap order.
    order: list[tuple[str, list]] | None
    offset: int
    limit: int
    facets: bool = True
    # Whether a relevance-sorted text query may be ranked by the engine (small sets).
    relevance: bool = False
    # Count and facet the whole set exactly, however large (a person asked for it).
    exact: bool = False
    # Sets up to `exact_limit` are counted exactly; above it facet counts are estimated
    # from about `sample` documents; engine ranking only up to `rank_limit` matches.
    exact_limit: int = 5000
    sample: int = 2000
    rank_limit: int = 5000
    # Whether the matched set may be paged by walking an ordered index (text queries).
    walk: bool = False


@dataclass
class Collected:
    """Total, facet counts and one page of a matched set, and which of them are exact."""

    total: int
    facets: dict[str, list[tuple[str, int]]] | None
    page: Page
    total_exact: bool = True
    facets_exact: bool = True


class SearchBackend:
    """A full-text engine behind the search service; subclasses build the MATCH part."""

    vendor = ""
    name = ""

    # -- engine specific ------------------------------------------------------------------

    def match(self, plan: QueryPlan, filters: Filters) -> Match:
        """The matched set of a query plan under the filters."""
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
        """Optimise the index at the end of a rebuild (inside its transaction)."""

    def after_rebuild(self) -> None:
        """Maintenance after the rebuild transaction has committed."""

    # -- shared ---------------------------------------------------------------------------

    def collect(self, match: Match, request: Request) -> Collected:
        """Count, facet and page a matched set.

        Count first. A small set is fetched once as ids and then read through the
        document table, so the full-text engine does not evaluate the query again; a
        very large one gets estimated facet counts and the engine's cheap order.
        """
        subset, raw, total_exact, facets_exact = None, None, True, True
        ids = self.first_ids(match, request.exact_limit + 1)
        if len(ids) <= request.exact_limit:
            total, subset = len(ids), self.id_set(ids)
        elif request.facets and not request.exact:
            total, raw, total_exact, facets_exact = self.count_and_estimate(
                match, target=request.sample, known_more_than=request.exact_limit
            )
        else:
            total = self.count(match)
        if request.facets and raw is None:
            raw = self.facet_counts(subset or match)
        if total == 0:
            return Collected(0, raw, Page([], []))
        if request.order is None:
            # Rank in the engine only when the set is small; otherwise the cheap order.
            ranked = request.relevance and subset is not None and total <= request.rank_limit
            page = self.page(match, None, offset=request.offset, limit=request.limit, ranked=ranked)
        else:
            page = self.page(
                subset or match, request.order, offset=request.offset, limit=request.limit
            )
        return Collected(total, raw, page, total_exact, facets_exact)

    def browse(self, filters: Filters) -> Match:
        """Every document, under the filters."""
        sql, params = doc_filter_sql(filters)
        return Match("catalog_searchdoc d", sql, params)

    def version(self) -> int:
        """A counter bumped by every index change, for caches of derived results."""
        with connection.cursor() as cursor:
            cursor.execute("SELECT value FROM catalog_searchmeta WHERE key = 'version'")
            row = cursor.fetchone()
        return int(row[0]) if row else 0

    def bump_version(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("UPDATE catalog_searchmeta SET value = value + 1 WHERE key = 'version'")

    def first_ids(self, match: Match, limit: int) -> list[int]:
        """Ids of up to `limit` matching documents, in no particular order."""
        sql = f"SELECT {match.id_sql} FROM {match.from_sql} WHERE {match.where_sql} LIMIT %s"  # noqa: S608
        with connection.cursor() as cursor:
            cursor.execute(sql, [*match.params, limit])
            return [int(row[0]) for row in cursor.fetchall()]

    def id_set(self, ids: list[int]) -> Match:
        """The documents with these ids, so that a small matched set is searched only once."""
        raise NotImplementedError

    def count(self, match: Match) -> int:
        """Number of matching documents."""
        sql = f"SELECT count(*) FROM {match.from_sql} WHERE {match.where_sql}"  # noqa: S608
        with connection.cursor() as cursor:
            cursor.execute(sql, match.params)
            return int(cursor.fetchone()[0])

    @staticmethod
    def _grouped(source_sql: str) -> str:
        """Materialise the facet columns of `source_sql` once and group them six times."""
        groups = " UNION ALL ".join(
            f"SELECT '{key}', CAST({column} AS TEXT), count(*) FROM m GROUP BY {column}"  # noqa: S608
            for key, column in FACET_COLUMNS.items()
        )
        return f"WITH m AS MATERIALIZED ({source_sql}) {groups}"

    def facet_counts(self, match: Match) -> dict[str, list[tuple[str, int]]]:
        """Exact counts per facet value over the matched set, in one statement."""
        columns = ", ".join(f"d.{column}" for column in FACET_COLUMNS.values())
        source = f"SELECT {columns} FROM {match.from_sql} {match.join_sql} WHERE {match.where_sql}"  # noqa: S608
        return self._collect(self._grouped(source), list(match.params))

    def estimate_facet_counts(
        self, match: Match, *, total: int, target: int
    ) -> dict[str, list[tuple[str, int]]]:
        """Facet counts estimated from about `target` matched documents (ids modulo k)."""
        step = max(1, math.ceil(total / target))
        columns = ", ".join(f"d.{column}" for column in FACET_COLUMNS.values())
        source = (
            f"SELECT {columns} FROM {match.from_sql} {match.join_sql} "  # noqa: S608
            f"WHERE {match.where_sql} AND {match.id_sql} %% {step} = 0"
        )
        return scale(self._collect(self._grouped(source), list(match.params)), total)

    def count_and_estimate(
        self, match: Match, *, target: int, known_more_than: int = 0
    ) -> tuple[int, dict[str, list[tuple[str, int]]], bool, bool]:
        """Total of a large matched set, facet counts, and whether each is exact (here
        the total is - a bare count is cheap for the engine - and the facets are not)."""
        total = self.count(match)
        counts = self.estimate_facet_counts(match, total=total, target=target)
        return total, counts, True, False

    def browse_facet_counts(self, match: Match) -> dict[str, list[tuple[str, int]]]:
        """Counts per facet value without a text condition, one indexed GROUP BY each."""
        groups = " UNION ALL ".join(
            f"SELECT * FROM (SELECT '{key}', CAST({column} AS TEXT), count(*) "  # noqa: S608
            f"FROM catalog_searchdoc d WHERE {match.where_sql} GROUP BY {column}) AS g{i}"
            for i, (key, column) in enumerate(FACET_COLUMNS.items())
        )
        return self._collect(groups, list(match.params) * len(FACET_COLUMNS))

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
        order: list[tuple[str, list]] | None,
        *,
        offset: int,
        limit: int,
        ranked: bool = False,
    ) -> Page:
        """One page of hit ids: by engine relevance (`ranked`), in the given order, or
        (order None) in the engine's cheap order."""
        order = list(order or [])
        order_sql = [sql for sql, _ in order]
        order_params = [p for _, params in order for p in params]
        score_sql, score_params, join = "NULL", [], match.join_sql
        if ranked and match.rank_sql:
            score_sql, score_params = match.rank_sql, list(match.rank_params)
            order_sql.insert(0, "score")
        elif not order_sql:
            order_sql = [match.cheap_order]
            if "d." not in match.cheap_order:
                join = ""
        sql = (
            f"SELECT {match.id_sql}, {score_sql} AS score FROM {match.from_sql} {join} "  # noqa: S608
            f"WHERE {match.where_sql} ORDER BY {', '.join(order_sql)} LIMIT %s OFFSET %s"
        )
        params = [*score_params, *match.params, *order_params, limit, offset]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        return Page(
            [int(r[0]) for r in rows],
            [None if r[1] is None else -float(r[1]) for r in rows],
        )
