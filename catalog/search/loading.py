"""Loading the standards of a result page with one precompiled statement.

A page of twenty standards through the ORM spends about as long compiling the query as
the database spends answering it; designation lookups have a budget of a few
milliseconds, so the statement and the field converters are prepared once per database
vendor and rows become model instances through `Model.from_db`, as the ORM does.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable

from django.db import connection


@functools.cache
def _prepared(vendor: str) -> tuple[str, list[str], list[tuple[int, list[Callable], object]]]:
    from catalog.models import Standard

    fields = Standard._meta.concrete_fields
    table = connection.ops.quote_name(Standard._meta.db_table)
    columns = ", ".join(f"{table}.{connection.ops.quote_name(f.column)}" for f in fields)
    if vendor == "postgresql":
        where = f"{table}.id = ANY(%s)"
    else:
        where = f"{table}.id IN (SELECT value FROM json_each(%s))"  # noqa: S608
    converters = []
    for position, field in enumerate(fields):
        column = field.get_col(Standard._meta.db_table)
        found = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
        if found:
            converters.append((position, found, column))
    sql = f"SELECT {columns} FROM {table} WHERE {where}"  # noqa: S608
    return sql, [f.attname for f in fields], converters


def load_standards(ids: list[int]) -> dict[int, object]:
    """Standards by id for these ids (missing ids are left out), without publishers."""
    from catalog.models import Standard

    if not ids:
        return {}
    sql, names, converters = _prepared(connection.vendor)
    param = list(ids) if connection.vendor == "postgresql" else json.dumps(list(ids))
    with connection.cursor() as cursor:
        cursor.execute(sql, [param])
        rows = cursor.fetchall()
    loaded = {}
    for row in rows:
        values = list(row)
        for position, functions, column in converters:
            value = values[position]
            for function in functions:
                value = function(value, column, connection)
            values[position] = value
        standard = Standard.from_db(connection.alias, names, values)
        loaded[standard.id] = standard
    return loaded
