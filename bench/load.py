"""Building a throwaway benchmark catalogue fast: real seed records plus generated ones."""

from __future__ import annotations

import datetime
import functools
import json
import lzma
from collections.abc import Iterable, Iterator
from pathlib import Path

from django.db import connection, transaction

from bench.generate import PUBLISHERS, SOURCE_NAME, SOURCE_SLUG, generate

SEED = Path(__file__).resolve().parent.parent / "data" / "seed" / "catalog.jsonl.xz"


@functools.cache
def columns() -> tuple[str, ...]:
    """The columns of catalog_standard, read from the model so the two cannot drift apart."""
    from catalog.models import Standard

    return tuple(f.column for f in Standard._meta.concrete_fields if not f.primary_key)


STAMP = "2025-06-01 00:00:00"


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def seed_rows(limit: int) -> Iterator[dict]:
    """Real records of the shipped seed as column dicts (those the parser reads)."""
    from catalog.designations import try_parse
    from catalog.services.imports import designation_columns

    if not SEED.exists():
        return
    seen: set[str] = set()
    made = 0
    with lzma.open(SEED, "rt", encoding="utf-8") as handle:
        handle.readline()  # header
        for line in handle:
            if made >= limit:
                return
            record = json.loads(line)
            parsed = try_parse(record["designation"])
            if parsed is None or parsed.canonical in seen:
                continue
            seen.add(parsed.canonical)
            adoption = record.get("adoption") or ""
            if isinstance(adoption, dict):
                adoption = adoption.get("designation", "")
            ics, ccs = record.get("ics") or [""], record.get("ccs") or [""]
            made += 1
            yield {
                **designation_columns(parsed),
                "title_zh": record.get("title_zh", "")[:500],
                "title_en": record.get("title_en", "")[:1000],
                "status": record.get("status") or "current",
                "issued": _date(record.get("issued")),
                "effective": _date(record.get("effective")),
                "withdrawn": _date(record.get("withdrawn")),
                "committee": record.get("committee", "")[:200],
                "publisher": record.get("publisher", ""),
                "adopted_designation": adoption[:200],
                "url": record.get("url", "")[:500],
                "source": record.get("source") or "seed",
                "source_ref": record.get("source_ref", "")[:300],
                "ics_root": ics[0][:2],
                "ccs_root": ccs[0][:1],
                "extra": json.dumps(record.get("extra") or {}),
            }


def _ids(model, field: str, names: dict[str, dict]) -> dict[str, int]:
    for key, defaults in names.items():
        model.objects.get_or_create(**{field: key}, defaults=defaults)
    return dict(model.objects.values_list(field, "id"))


def _tuple(row: dict, publishers: dict[str, int], sources: dict[str, int]) -> tuple:
    values = {
        "created_at": STAMP,
        "updated_at": STAMP,
        "withdrawn": None,
        "committee": "",
        "adopted_designation": "",
        "adoption_degree": "",
        "edition": "",
        "url": "",
        "source_ref": "",
        "as_of": None,
        "effective": None,
        **row,
        "publisher_id": publishers.get(row.get("publisher", "")),
        "source_id": sources[row.get("source", SOURCE_SLUG)],
    }
    return tuple(values[c] for c in columns())


def build_catalogue(size: int, *, batch: int = 20000) -> dict[str, int]:
    """Fill catalog_standard with up to `size` records: real ones first, then generated."""
    from catalog.models import DataSource, Publisher

    real = list(seed_rows(size))
    taken = {r["series_key"] for r in real}
    sources = _ids(
        DataSource,
        "slug",
        {slug: {"name": slug} for slug in {r["source"] for r in real}}
        | {SOURCE_SLUG: {"name": SOURCE_NAME}},
    )
    publishers = _ids(
        Publisher,
        "code",
        {code: {"name_zh": name} for code, name in PUBLISHERS.items()}
        | {code: {"name_en": code} for code in {r["publisher"] for r in real} if code},
    )
    rows = (
        _tuple(r, publishers, sources)
        for r in _chain(real, generate(size - len(real), taken=taken))
    )
    _insert(rows, batch)
    return {"real": len(real), "generated": size - len(real)}


def _chain(*parts: Iterable[dict]) -> Iterator[dict]:
    for part in parts:
        yield from part


def _insert(rows: Iterator[tuple], batch: int) -> None:
    if connection.vendor == "postgresql":
        _copy(rows)
        return
    sql = (
        f"INSERT INTO catalog_standard ({', '.join(columns())}) "
        f"VALUES ({', '.join(['%s'] * len(columns()))})"
    )
    chunk: list[tuple] = []
    for row in rows:
        chunk.append(tuple(v.isoformat() if isinstance(v, datetime.date) else v for v in row))
        if len(chunk) >= batch:
            _flush(sql, chunk)
    _flush(sql, chunk)


def _flush(sql: str, chunk: list[tuple]) -> None:
    if chunk:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(sql, chunk)
        chunk.clear()


def _copy(rows: Iterator[tuple]) -> None:
    connection.ensure_connection()
    copy_sql = f"COPY catalog_standard ({', '.join(columns())}) FROM STDIN"
    with transaction.atomic(), connection.cursor() as cursor, cursor.cursor.copy(copy_sql) as copy:
        for row in rows:
            copy.write_row(row)


__all__ = ["build_catalogue"]
