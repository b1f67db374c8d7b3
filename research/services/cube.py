"""The catalogue cube: counts by any of eight facets, precomputed as cuboids of up to four.

`refresh_cube()` groups the search documents by every facet (the full cuboid) and then
by every set of at most `MAX_KEPT` facets, each built from its smallest superset.
`cube_counts(group, filters)` answers from the smallest cuboid holding the grouped and
filtered facets: a few thousand rows even at a million standards. A filter the cube
cannot express (an ICS or CCS code below the first level) is counted live on the index.
"""

from __future__ import annotations

import hashlib
import itertools
from dataclasses import dataclass, replace

from django.db import connection

from catalog.search.filters import Filters, doc_filter_sql

# Facet -> its columns (the same names in catalog_searchdoc and research_cubecell).
DIMS: dict[str, tuple[str, ...]] = {
    "tier": ("tier",),
    "status": ("status", "status_rank"),
    "mandate": ("mandate",),
    "publisher": ("publisher_id",),
    "year": ("year",),
    "ics": ("ics_root",),
    "ccs": ("ccs_root",),
    "adoption": ("adoption",),
}
BIT = {name: 1 << index for index, name in enumerate(DIMS)}
FULL = (1 << len(DIMS)) - 1
MAX_KEPT = 4
INTEGER_COLUMNS = {"status_rank", "publisher_id", "year"}
# The ISO/IEC adoption class of a standard (see AdoptionClass), from catalog_standard s.
ADOPTION_SQL = (
    "CASE WHEN s.adopted_designation LIKE 'ISO%%' OR s.adopted_designation LIKE 'IEC%%' "
    "THEN CASE WHEN s.adoption_degree IN ('IDT', 'MOD', 'NEQ') THEN s.adoption_degree "
    "ELSE 'UNK' END ELSE '' END"
)
LIVE_FROM = "catalog_searchdoc d JOIN catalog_standard s ON s.id = d.standard_id"
CELL_COLUMNS = [column for columns in DIMS.values() for column in columns]


def _live_expression(column: str) -> str:
    return ADOPTION_SQL if column == "adoption" else f"d.{column}"


def mask_of(dims) -> int:
    """The bit mask of a set of facet names."""
    mask = 0
    for name in dims:
        mask |= BIT[name]
    return mask


def filter_dims(filters: Filters) -> set[str] | None:
    """The facets a set of filters reads, or None when the cube cannot express them."""
    if any(len(v) != 2 for v in filters.ics) or any(len(v) != 1 for v in filters.ccs):
        return None
    used = {
        "tier": filters.tier,
        "status": filters.status,
        "mandate": filters.mandate,
        "publisher": filters.publisher_ids,
        "year": filters.year,
        "ics": filters.ics,
        "ccs": filters.ccs,
    }
    return {name for name, values in used.items() if values}


def _dims_of(mask: int) -> list[str]:
    return [name for name in DIMS if mask & BIT[name]]


def _insert_cuboid(cursor, mask: int, source: str, source_params: list) -> int:
    kept = [column for name in _dims_of(mask) for column in DIMS[name]]
    selected = []
    for column in CELL_COLUMNS:
        if column in kept:
            selected.append(column)
        else:
            selected.append("NULL" if column in INTEGER_COLUMNS else "''")
    group = ", ".join(kept) or "1"
    outer = (
        f"INSERT INTO research_cubecell (mask, {', '.join(CELL_COLUMNS)}, n) "  # noqa: S608
        f"SELECT %s, {', '.join(selected)}, SUM(n) FROM ({source}) src GROUP BY {group}"
    )
    cursor.execute(outer, [mask, *source_params])
    return cursor.rowcount


def refresh_cube() -> int:
    """Rebuild every cuboid from the search index; returns the number of cells written."""
    expressions = ", ".join(f"{_live_expression(c)} AS {c}" for c in CELL_COLUMNS)
    full_source = f"SELECT {expressions}, 1 AS n FROM {LIVE_FROM}"  # noqa: S608
    sizes: dict[int, int] = {}
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM research_cubecell")
        sizes[FULL] = _insert_cuboid(cursor, FULL, full_source, [])
        for kept in range(MAX_KEPT, -1, -1):
            for dims in itertools.combinations(DIMS, kept):
                mask = mask_of(dims)
                source = min((m for m in sizes if m & mask == mask), key=lambda m: (sizes[m], m))
                cell_source = (
                    f"SELECT {', '.join(CELL_COLUMNS)}, n FROM research_cubecell "  # noqa: S608
                    "WHERE mask = %s"
                )
                sizes[mask] = _insert_cuboid(cursor, mask, cell_source, [source])
        # Fresh statistics, so the planner picks the cuboid indexes on the rebuilt table.
        cursor.execute("ANALYZE research_cubecell")
    return sum(sizes.values())


@dataclass(frozen=True)
class Counts:
    """Counts grouped by some facets: `rows` of (values..., count), and where they came from."""

    group: tuple[str, ...]
    rows: list[tuple]
    source: str  # "cube" or "live"

    def as_dict(self) -> dict:
        """Values -> count (a single facet's value, or a tuple of values)."""
        if len(self.group) == 1:
            return {row[0]: row[-1] for row in self.rows}
        return {tuple(row[:-1]): row[-1] for row in self.rows}

    @property
    def total(self) -> int:
        return sum(row[-1] for row in self.rows)


def _group_columns(group: tuple[str, ...]) -> list[str]:
    return [DIMS[name][0] for name in group]


LIVE_CACHE_SECONDS = 3600


def _live_cells(filters: Filters) -> list[tuple]:
    """The filtered standards grouped by every facet column, counted live on the index once.

    A filter the cube cannot express reads the index; all the dashboard's counts of one set
    of filters come from this one grouped query instead of one scan each. The tier and
    status filters are left to the caller (so the dashboard's "current" and "national"
    subsets share the rows); the rows are cached under the index version, so an import
    (which bumps it) is never answered from an old result.
    """
    from django.core.cache import cache

    from catalog.search import get_backend

    wider = replace(filters, tier=[], status=[])
    digest = hashlib.sha256(repr(wider.key()).encode()).hexdigest()[:32]
    key = f"research:live:{get_backend().version()}:{digest}"
    rows = cache.get(key)
    if rows is None:
        where, params = doc_filter_sql(wider)
        expressions = ", ".join(_live_expression(c) for c in CELL_COLUMNS)
        group = ", ".join(str(index) for index in range(1, len(CELL_COLUMNS) + 1))
        sql = (
            f"SELECT {expressions}, COUNT(*) FROM {LIVE_FROM} "  # noqa: S608
            f"WHERE {where} GROUP BY {group}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = [tuple(row) for row in cursor.fetchall()]
        cache.set(key, rows, LIVE_CACHE_SECONDS)
    tier, status = CELL_COLUMNS.index("tier"), CELL_COLUMNS.index("status")
    return [
        row for row in rows
        if (not filters.tier or row[tier] in filters.tier)
        and (not filters.status or row[status] in filters.status)
    ]  # fmt: skip


def cube_counts(group: tuple[str, ...], filters: Filters, *, use_cube: bool = True) -> Counts:
    """Counts of the filtered standards by the `group` facets, from the cube when it can.

    `use_cube=False` counts straight on the index with one query (what the tests compare
    the cube and the cached live rows against).
    """
    needed = filter_dims(filters)
    where, params = doc_filter_sql(filters)
    columns = _group_columns(group)
    if use_cube and needed is None:
        positions = [CELL_COLUMNS.index(c) for c in columns]
        totals: dict[tuple, int] = {}
        for row in _live_cells(filters):
            values = tuple(row[i] for i in positions)
            totals[values] = totals.get(values, 0) + row[-1]
        return Counts(group, [(*values, n) for values, n in totals.items() if n], "live")
    if use_cube:
        mask = mask_of(needed | set(group))
        if len(_dims_of(mask)) > MAX_KEPT:
            mask = FULL
        select = ", ".join(f"d.{c}" for c in columns)
        sql = (
            f"SELECT {select + ', ' if select else ''}SUM(d.n) FROM research_cubecell d "  # noqa: S608
            f"WHERE d.mask = %s AND {where}" + (f" GROUP BY {select}" if select else "")
        )
        params = [mask, *params]
        source = "cube"
    else:
        expressions = [_live_expression(c) for c in columns]
        select = ", ".join(expressions)
        sql = (
            f"SELECT {select + ', ' if select else ''}COUNT(*) FROM {LIVE_FROM} "  # noqa: S608
            f"WHERE {where}" + (f" GROUP BY {select}" if select else "")
        )
        source = "live"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = [tuple(row) for row in cursor.fetchall() if row[-1]]
    return Counts(group, rows, source)
