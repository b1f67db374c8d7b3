"""PostgreSQL backend: tsvector columns with GIN indexes over pre-tokenised text."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import connection

from catalog.search.backends.base import (
    DOC_COLUMNS,
    FACET_COLUMNS,
    Collected,
    Match,
    Page,
    Request,
    SearchBackend,
    doc_values,
    scale,
)
from catalog.search.documents import SearchDoc
from catalog.search.filters import Filters, doc_filter_sql
from catalog.search.query import QueryPlan
from catalog.search.text import Term

_BOOST = "(CASE d.status_rank WHEN 0 THEN 1.0 WHEN 1 THEN 0.9 ELSE 0.7 END)"
# A pilot page sample reads about this many rows to size a matched set before deciding
# how to count it (TABLESAMPLE SYSTEM; about 5 ms at a million documents).
PILOT_ROWS = 10_000
# A pilot estimate above this many times the exact limit goes straight to estimation
# (below 1: a set just over the limit that the pilot underestimates would otherwise be
# read up to the limit first, for nothing).
LARGE_FACTOR = 0.8
# A query with prefix terms is sampled by pages (TABLESAMPLE) rather than by the GIN
# index when that reads at most this share of the table: the prefix's posting lists
# cost 20-40 ms to read at a million documents, a 1 % page sample about 5 ms.
PAGE_SAMPLE_MAX_PERCENT = 5.0
# A walk for a page of a large set reads at most WALK_SLACK times the rows it should
# need, within these bounds, before it gives up and sorts the matched set instead.
WALK_SLACK = 4.0
WALK_MIN_ROWS = 5_000
WALK_MAX_ROWS = 100_000
# Every document carries one lexeme per bucket size: `_16.5` is standard_id % 16 == 5.
# ANDing a query with a bucket lexeme lets the GIN index itself draw a 1/k sample.
BUCKETS = (4, 16, 64, 256)
_FACET_SQL = ", ".join(f"d.{column}" for column in FACET_COLUMNS.values())
# Columns a matched set is materialised with: facets and everything an order refers to.
_HIT_COLUMNS = (
    "d.standard_id, d.designation, d.series_key, d.main_number, d.sort_key, "
    f"d.status_rank, d.sort_date, {_FACET_SQL}"
)
# The total and every facet's counts in one pass over the matched set `hit`.
_GROUPED_HITS = (
    "SELECT CASE "  # noqa: S608
    + " ".join(f"WHEN GROUPING({c}) = 0 THEN '{k}'" for k, c in FACET_COLUMNS.items())
    + " ELSE 'total' END, CASE "
    + " ".join(f"WHEN GROUPING({c}) = 0 THEN CAST({c} AS TEXT)" for c in FACET_COLUMNS.values())
    + " END, count(*), NULL::float8 FROM hit GROUP BY GROUPING SETS ("
    + ", ".join(f"({c})" for c in FACET_COLUMNS.values())
    + ", ())"
)
# What the orders of a text query refer to (see service._order), for ordered walks.
_WALK_COLUMNS = "d.standard_id, d.status_rank, d.sort_date, d.sort_key"
_RELTUPLES_SECONDS = 60.0
_reltuples: dict[str, float] = {"at": -1e9, "value": 0.0}
_GIN_INDEXES = {
    "catalog_searchdoc_des_gin": "des",
    "catalog_searchdoc_num_gin": "num",
    "catalog_searchdoc_txt_gin": "txt",
}


def bucket_lexemes(standard_id: int) -> list[str]:
    """The sampling lexemes of a document (no positions; no word token contains `_`)."""
    return [f"_{size}.{standard_id % size}" for size in BUCKETS]


def lexeme(token: str) -> str:
    """A quoted tsquery/tsvector lexeme; quotes and backslashes are escaped."""
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector_literal(tokens: Sequence[str]) -> str:
    """A tsvector in input syntax with explicit positions, bypassing any text parser."""
    return " ".join(f"{lexeme(t)}:{min(i, 16383)}" for i, t in enumerate(tokens, start=1))


def document_tsvector(tokens: Sequence[str], standard_id: int) -> str:
    """The `txt` tsvector of a document: its text tokens plus its sampling lexemes."""
    buckets = " ".join(lexeme(b) for b in bucket_lexemes(standard_id))
    return f"{tsvector_literal(tokens)} {buckets}".strip()


def tsquery_phrase(tokens: Sequence[str], prefix: bool = False) -> str:
    """`'gb' <-> 't' <-> '2208':*` - a phrase, optionally a prefix on its last token."""
    items = [lexeme(t) for t in tokens]
    if prefix:
        items[-1] += ":*"
    joined = " <-> ".join(items)
    return f"({joined})" if len(items) > 1 else joined


def _term(term: Term) -> str:
    return tsquery_phrase(term.tokens, prefix=term.prefix)


@dataclass
class _Parts:
    """A matched set's full-text conditions (column, tsquery) and filter, kept apart."""

    conditions: list[tuple[str, str]]
    filter_sql: str
    filter_params: list
    # The filters split for an ordered walk: status, which the walk's btree seeks to,
    # and the rest, tested on each row the walk reads.
    seek: tuple[str, list]
    rest: tuple[str, list]
    # Whether the text has prefix terms (`requirement:*`): the GIN index answers those
    # by reading every matching posting list in full.
    partial: bool

    def walk_sql(self) -> str:
        """The conditions through ts_match_vq, the function behind `@@`, which no index
        answers: PostgreSQL then walks an ordered btree and tests each row."""
        return " AND ".join(f"ts_match_vq(d.{c}, %s::tsquery)" for c, _ in self.conditions)

    def text_query(self) -> str | None:
        return next((q for c, q in self.conditions if c == "txt"), None)


@dataclass
class _Sample:
    """Facet counts (and the 'total' count) of a sample that holds `percent` of the rows."""

    percent: float
    counts: dict[str, list[tuple[str, int]]]

    def __post_init__(self) -> None:
        self.hits = self.counts.pop("total", [("", 0)])[0][1]

    @property
    def estimate(self) -> float:
        return self.hits * 100.0 / self.percent


def _estimated_rows() -> float:
    """The planner's row count of the document table, kept for a minute in this process."""
    now = time.monotonic()
    if now - _reltuples["at"] > _RELTUPLES_SECONDS:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT reltuples FROM pg_class WHERE oid = 'catalog_searchdoc'::regclass"
            )
            _reltuples["value"] = float(cursor.fetchone()[0])
        _reltuples["at"] = now
    return _reltuples["value"]


class PostgresBackend(SearchBackend):
    """Full-text search with PostgreSQL tsvector/tsquery, GIN indexes and ts_rank."""

    vendor = "postgresql"
    name = "postgresql-tsvector"

    def match(self, plan: QueryPlan, filters: Filters) -> Match:
        conditions: list[tuple[str, str]] = []

        if plan.designation:
            part = plan.designation
            conditions.append(("des", tsquery_phrase(part.match_tokens, part.prefix)))
        if plan.number:
            tokens = plan.number.tokens
            if len(tokens) == 1:
                conditions.append(("num", tsquery_phrase(tokens, plan.number.prefix)))
            else:
                conditions.append(("num", tsquery_phrase(tokens[:1])))
                conditions.append(("des", tsquery_phrase(tokens[1:], plan.number.prefix)))
        text_query = " & ".join(_term(t) for t in plan.terms)
        if text_query:
            conditions.append(("txt", text_query))
        rank_sql, rank_params = None, []
        if text_query:
            rank_sql = f"-ts_rank(d.txt, %s::tsquery) * {_BOOST}"
            rank_params = [text_query]
        filter_sql, filter_params = doc_filter_sql(filters)
        return Match(
            "catalog_searchdoc d",
            " AND ".join([*(f"d.{column} @@ %s::tsquery" for column, _ in conditions), filter_sql]),
            [*(query for _, query in conditions), *filter_params],
            rank_sql=rank_sql,
            rank_params=rank_params,
            engine=_Parts(
                conditions,
                filter_sql,
                filter_params,
                seek=doc_filter_sql(Filters(status=filters.status)),
                rest=doc_filter_sql(dataclasses.replace(filters, status=[])),
                partial=any(t.prefix for t in plan.terms),
            ),
        )

    # -- counting and paging a matched set ------------------------------------------------

    def collect(self, match: Match, request: Request) -> Collected:
        """Count, facet and page a matched set, reading the GIN index as little as possible.

        A common word's posting lists hold hundreds of thousands of entries, and every
        statement that reads them, or re-checks phrase positions in each matched row,
        costs tens of milliseconds at a million documents. So a text query is first
        sized by a pilot page sample that uses no index. A small set is then read once,
        in one statement that counts it, groups its facets and picks the page. A large
        one is estimated from the pilot or from a GIN-drawn bucket sample (like
        Elasticsearch's track_total_hits, the total is then approximate), and its page
        comes from walking an ordered btree, testing rows until the page is full.
        """
        if request.exact:
            collected = self._hit_set(match, request, limit=None)
            assert collected is not None  # without a limit the set cannot overflow
            return collected
        pilot = None
        if request.walk:
            pilot = self._pilot(match)
            if pilot.percent >= 100.0 and pilot.hits > request.exact_limit:
                # The pilot read every row: total and facets are exact already.
                page = self._walk_page(match, request, pilot.hits)
                return Collected(pilot.hits, pilot.counts, page)
            if pilot.estimate > LARGE_FACTOR * request.exact_limit:
                return self._estimated(match, request, pilot, known_more_than=0)
        collected = self._hit_set(match, request, limit=request.exact_limit + 1)
        if collected is not None:
            return collected
        pilot = pilot or self._pilot(match)
        return self._estimated(match, request, pilot, known_more_than=request.exact_limit)

    def _hit_set(self, match: Match, request: Request, *, limit: int | None) -> Collected | None:
        """Total, facets and page of the matched set in one statement (None: over `limit`)."""
        ranked = request.order is None and request.relevance and match.rank_sql
        score = f"{match.rank_sql}" if ranked else "NULL::float8"
        hit = (
            f"SELECT {_HIT_COLUMNS}, {score} AS score FROM {match.from_sql} "  # noqa: S608
            f"WHERE {match.where_sql}" + (" LIMIT %s" if limit is not None else "")
        )
        params = [*(match.rank_params if ranked else []), *match.params]
        if limit is not None:
            params.append(limit)
        total = "SELECT 'total', NULL, count(*), NULL::float8 FROM hit"
        parts = [_GROUPED_HITS if request.facets else total]
        if request.order is None:
            order_sql, order_params = [match.cheap_order], []
            if ranked:
                # Engine relevance only for a set small enough to rank every row.
                order_sql.insert(0, "CASE WHEN (SELECT count(*) FROM hit) <= %s THEN d.score END")
                order_params.append(request.rank_limit)
        else:
            order_sql = [sql for sql, _ in request.order]
            order_params = [p for _, ps in request.order for p in ps]
        parts.append(
            "SELECT 'page', CAST(p.standard_id AS TEXT), p.n, p.score FROM ("  # noqa: S608
            f"SELECT d.standard_id, d.score, row_number() OVER (ORDER BY {', '.join(order_sql)}) "
            "AS n FROM hit d) p WHERE p.n > %s AND p.n <= %s"
        )
        params += [*order_params, request.offset, request.offset + request.limit]
        sql = f"WITH hit AS MATERIALIZED ({hit}) " + " UNION ALL ".join(parts)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        counts: dict[str, list[tuple[str, int]]] = {key: [] for key in FACET_COLUMNS}
        total, page_rows = 0, []
        for key, value, number, page_score in rows:
            if key == "total":
                total = int(number)
            elif key == "page":
                page_rows.append((int(number), int(value), page_score))
            elif value is not None and value != "":
                counts[key].append((value, int(number)))
        if limit is not None and total >= limit:
            return None
        page_rows.sort()
        scored = ranked and total <= request.rank_limit
        page = Page(
            [pk for _, pk, _ in page_rows],
            [-float(sc) if scored and sc is not None else None for _, _, sc in page_rows],
        )
        return Collected(total, counts if request.facets else None, page)

    def _estimated(
        self, match: Match, request: Request, pilot: _Sample, *, known_more_than: int
    ) -> Collected:
        """A large set: total and facets from a sample, page from an ordered walk."""
        parts: _Parts = match.engine  # type: ignore[assignment]
        estimate = max(pilot.estimate, known_more_than + 1.0)
        wanted = request.sample / 2
        page_percent = 100.0 * wanted / estimate
        if pilot.hits >= wanted:
            sample = pilot
        elif parts.partial and page_percent <= PAGE_SAMPLE_MAX_PERCENT:
            sample = self._page_sample(match, page_percent)
        else:
            size = max((k for k in BUCKETS if estimate / k >= wanted), default=1)
            sample = self._bucket_sample(match, size)
            while sample.hits == 0 and size > 1:
                # The estimate was too high for this bucket: a four times larger one.
                size //= 4
                sample = self._bucket_sample(match, size)
        exact = sample.percent >= 100.0
        if exact:
            total, counts = sample.hits, sample.counts
        else:
            total = round(sample.estimate) if sample.hits else round(estimate)
            total = max(total, known_more_than + 1)
            counts = scale(sample.counts, total)
        page = self._walk_page(match, request, total) if total else Page([], [])
        return Collected(
            total,
            counts if request.facets else None,
            page,
            total_exact=exact,
            facets_exact=exact,
        )

    def _walk_page(self, match: Match, request: Request, estimate: float) -> Page:
        """A page of a large set: walk an ordered btree, testing each row, until it is full.

        The walk is capped at a few times the rows it should need for `estimate` matches
        spread evenly. When the page is not full by then - the matches sit far down the
        order (an old year, say) or the set ends - the matched set is sorted instead.
        """
        parts: _Parts = match.engine  # type: ignore[assignment]
        order = request.order or [(match.cheap_order, [])]
        if not (request.walk and parts and parts.conditions):
            return self._sorted_page(match, order, request)
        order_sql = ", ".join(sql for sql, _ in order)
        order_params = [p for _, ps in order for p in ps]
        rows = _estimated_rows()
        needed = (request.offset + request.limit) * rows / max(estimate, 1.0)
        cap = int(min(WALK_MAX_ROWS, max(WALK_MIN_ROWS, WALK_SLACK * needed)))
        # Filters inside, so that one on the leading column (status) seeks in the btree.
        columns = {"txt", "des", "num"} & {column for column, _ in parts.conditions}
        (seek_sql, seek_params), (rest_sql, rest_params) = parts.seek, parts.rest
        # The cap counts rows read, so only a seekable filter goes inside.
        sql = (
            f"SELECT d.standard_id FROM (SELECT {_WALK_COLUMNS}, {', '.join(sorted(columns))}, "  # noqa: S608
            f"{_FACET_SQL}, d.mandate FROM catalog_searchdoc d WHERE {seek_sql} "
            f"ORDER BY {order_sql} LIMIT %s) d "
            f"WHERE {parts.walk_sql()} AND {rest_sql} ORDER BY {order_sql} LIMIT %s OFFSET %s"
        )
        params = [*seek_params, *order_params, cap]
        params += [*(query for _, query in parts.conditions), *rest_params, *order_params]
        params += [request.limit, request.offset]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            ids = [int(row[0]) for row in cursor.fetchall()]
        if len(ids) < request.limit and cap < rows:
            return self._sorted_page(match, order, request)
        return Page(ids, [None] * len(ids))

    def _sorted_page(self, match: Match, order: list[tuple[str, list]], request: Request) -> Page:
        """A page from sorting the whole matched set, found through the GIN index.

        Materialised first: otherwise the planner may walk the ordered btree after all.
        """
        sql = (
            f"WITH m AS MATERIALIZED (SELECT {_HIT_COLUMNS} FROM {match.from_sql} "  # noqa: S608
            f"WHERE {match.where_sql}) SELECT d.standard_id FROM m d "
            f"ORDER BY {', '.join(o for o, _ in order)} LIMIT %s OFFSET %s"
        )
        params = [*match.params, *(p for _, ps in order for p in ps)]
        params += [request.limit, request.offset]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            ids = [int(row[0]) for row in cursor.fetchall()]
        return Page(ids, [None] * len(ids))

    def _pilot(self, match: Match) -> _Sample:
        """Facet counts of the matches in a page sample of about PILOT_ROWS rows."""
        rows = _estimated_rows()
        return self._page_sample(match, 100.0 if rows <= PILOT_ROWS else 100.0 * PILOT_ROWS / rows)

    def _page_sample(self, match: Match, percent: float) -> _Sample:
        """Facet counts of the matches in a `percent` page sample (TABLESAMPLE SYSTEM)."""
        source = (
            f"SELECT {_FACET_SQL} FROM catalog_searchdoc d "  # noqa: S608
            f"TABLESAMPLE SYSTEM (%s) REPEATABLE (7) WHERE {match.where_sql}"
        )
        return _Sample(percent, self._counted(source, [percent, *match.params]))

    def _bucket_sample(self, match: Match, size: int) -> _Sample:
        """Facet counts of the matches whose id is 0 modulo `size`, drawn by the GIN index."""
        parts: _Parts = match.engine  # type: ignore[assignment]
        conditions = list(parts.conditions)
        if size > 1:
            bucket = lexeme(f"_{size}.0")
            text = parts.text_query()
            # ANDed into the text query itself, so the GIN index intersects the two.
            others = [(c, q) for c, q in conditions if c != "txt"]
            conditions = [*others, ("txt", f"({text}) & {bucket}" if text else bucket)]
        where = " AND ".join([*(f"d.{c} @@ %s::tsquery" for c, _ in conditions), parts.filter_sql])
        source = f"SELECT {_FACET_SQL} FROM catalog_searchdoc d WHERE {where}"  # noqa: S608
        params = [*(query for _, query in conditions), *parts.filter_params]
        return _Sample(100.0 / size, self._counted(source, params))

    def _counted(self, source: str, params: list) -> dict[str, list[tuple[str, int]]]:
        return self._collect(
            self._grouped(source) + " UNION ALL SELECT 'total', NULL, count(*) FROM m",  # noqa: S608
            params,
        )

    def write(self, docs: Sequence[SearchDoc], *, replace: bool = True) -> None:
        if not docs:
            return
        columns = ("des", "num", "txt", *DOC_COLUMNS)
        values = "%s::tsvector, %s::tsvector, %s::tsvector, " + ", ".join(["%s"] * len(DOC_COLUMNS))
        updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in columns if c != "standard_id")
        sql = (
            f"INSERT INTO catalog_searchdoc ({', '.join(columns)}) VALUES ({values}) "  # noqa: S608
            f"ON CONFLICT (standard_id) DO UPDATE SET {updates}"
        )
        rows = [
            [
                tsvector_literal(d.des),
                tsvector_literal(d.num),
                document_tsvector(d.txt, d.standard_id),
                *doc_values(d),
            ]
            for d in docs
        ]
        with connection.cursor() as cursor:
            if replace:
                cursor.executemany(sql, rows)
            else:
                # A rebuild fills an emptied table: COPY is several times faster.
                copy_sql = f"COPY catalog_searchdoc ({', '.join(columns)}) FROM STDIN"
                with cursor.cursor.copy(copy_sql) as copy:
                    for row in rows:
                        copy.write_row(row)
        self.bump_version()

    def delete(self, ids: Sequence[int]) -> None:
        ids = list(ids)
        if not ids:
            return
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM catalog_searchdoc WHERE standard_id = ANY(%s)", [ids])
        self.bump_version()

    def clear(self) -> None:
        # A rebuild loads faster into a table without GIN indexes; they return afterwards.
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE catalog_searchdoc")
            for index in _GIN_INDEXES:
                cursor.execute(f"DROP INDEX IF EXISTS {index}")
        self.bump_version()

    def finish_rebuild(self) -> None:
        with connection.cursor() as cursor:
            # GIN builds several times faster with room to sort posting lists in memory.
            cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
            for index, column in _GIN_INDEXES.items():
                cursor.execute(
                    f"CREATE INDEX IF NOT EXISTS {index} ON catalog_searchdoc USING gin ({column})"
                )
            cursor.execute(
                "CREATE INDEX IF NOT EXISTS catalog_searchdoc_rank ON catalog_searchdoc "
                "(status_rank, sort_date DESC, standard_id)"
            )
            cursor.execute("ANALYZE catalog_searchdoc")

    def after_rebuild(self) -> None:
        # VACUUM sets the visibility map, so counting a large match set can skip the heap;
        # it cannot run inside a transaction, so only when the caller is not in one.
        if not connection.in_atomic_block:
            with connection.cursor() as cursor:
                cursor.execute("VACUUM (ANALYZE) catalog_searchdoc")
