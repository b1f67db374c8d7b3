"""Catalogue counts by one dimension over the search filters (same parsing as search)."""

from __future__ import annotations

from django.db import connection

from catalog.search.filters import Filters, doc_filter_sql, validate_filters

# Dimension name -> column of catalog_searchdoc.
DIMENSIONS = {
    "tier": "tier",
    "status": "status",
    "publisher": "publisher_id",
    "year": "year",
    "ics": "ics_root",
    "ccs": "ccs_root",
}


def count_by(dimension: str, raw_filters: dict | Filters | None = None) -> dict:
    """Count the indexed standards matching the filters, grouped by one dimension."""
    column = DIMENSIONS[dimension]
    filters = (
        raw_filters if isinstance(raw_filters, Filters) else validate_filters(raw_filters or {})
    )
    where, params = doc_filter_sql(filters)
    sql = (
        f"SELECT d.{column}, COUNT(*) FROM catalog_searchdoc d WHERE {where} "  # noqa: S608
        f"GROUP BY d.{column}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return dict(cursor.fetchall())


def count_overdue_review(
    raw_filters: dict | Filters | None = None, *, today_year: int, years: int = 5
) -> int:
    """Count current standards in the filtered set published more than `years` years ago."""
    filters = (
        raw_filters if isinstance(raw_filters, Filters) else validate_filters(raw_filters or {})
    )
    where, params = doc_filter_sql(filters)
    sql = (
        f"SELECT COUNT(*) FROM catalog_searchdoc d WHERE {where} "  # noqa: S608
        "AND d.status = %s AND d.year IS NOT NULL AND d.year < %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, "current", today_year - years])
        return cursor.fetchone()[0]
