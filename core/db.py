"""Database helpers for bulk work where the ORM's per-row SQL compilation is the cost."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection, models


def insert_rows(model: type[models.Model], objs: Sequence[models.Model], chunk: int = 2000) -> None:
    """INSERT unsaved instances with executemany; primary keys are not read back.

    Values go through each field's get_db_prep_save, so JSON, dates and foreign keys
    are stored exactly as the ORM would store them; auto_now fields must be set by the
    caller (pre_save is not run).
    """
    if not objs:
        return
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608 - names only
    with connection.cursor() as cursor:
        for start in range(0, len(objs), chunk):
            rows = [
                [f.get_db_prep_save(getattr(obj, f.attname), connection) for f in fields]
                for obj in objs[start : start + chunk]
            ]
            cursor.executemany(sql, rows)
