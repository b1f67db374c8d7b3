"""Turning standards into search documents: token columns plus denormalised facet keys."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from catalog.search.text import index_tokens

STATUS_RANK = {"current": 0, "upcoming": 1, "replaced": 2, "withdrawn": 3}
# Fields read from catalog_standard to build a document (values() keeps it cheap).
SOURCE_FIELDS = (
    "id",
    "designation",
    "series_key",
    "prefix",
    "main_number",
    "year",
    "tier",
    "mandate",
    "status",
    "issued",
    "publisher_id",
    "ics_root",
    "ccs_root",
    "title_zh",
    "title_en",
    "adopted_designation",
)


@dataclass(frozen=True)
class SearchDoc:
    """One row of the search index for one standard."""

    standard_id: int
    des: list[str]
    num: list[str]
    txt: list[str]
    designation: str
    series_key: str
    main_number: str
    sort_key: str
    tier: str
    status: str
    status_rank: int
    mandate: str
    publisher_id: int | None
    year: int | None
    ics_root: str
    ccs_root: str
    sort_date: int


def _sort_date(issued: datetime.date | None, year: int | None) -> int:
    if issued:
        return issued.year * 10000 + issued.month * 100 + issued.day
    return year * 10000 + 101 if year else 0


def designation_sort_key(prefix: str, main_number: str, designation: str) -> str:
    """Order designations by prefix, then numerically by main number (GB 2 before GB 10)."""
    return f"{prefix.upper()} {main_number.zfill(10)} {designation}"[:250]


def _series_tokens(designation: list[str], series: list[str]) -> list[str]:
    # The undated form is usually a token prefix of the dated one and adds nothing then.
    return [] if designation[: len(series)] == series else series


def build_doc(row: dict) -> SearchDoc:
    """Build the search document of one standard from its catalog_standard values."""
    from catalog.designations import designation_tokens, try_parse

    des = designation_tokens(row["designation"])
    des += _series_tokens(des, designation_tokens(row["series_key"] or ""))
    num = [row["main_number"]] if row["main_number"] else []
    adopted = row.get("adopted_designation") or ""
    if adopted:
        des += designation_tokens(adopted)
        parsed = try_parse(adopted)
        if parsed is not None and parsed.main_number and parsed.main_number not in num:
            num.append(parsed.main_number)
    return SearchDoc(
        standard_id=row["id"],
        des=des,
        num=num,
        txt=index_tokens(row["title_zh"] or "") + index_tokens(row["title_en"] or ""),
        designation=row["designation"],
        series_key=row["series_key"] or "",
        main_number=row["main_number"] or "",
        sort_key=designation_sort_key(
            row["prefix"] or "", row["main_number"] or "", row["designation"]
        ),
        tier=row["tier"],
        status=row["status"],
        status_rank=STATUS_RANK.get(row["status"], 4),
        mandate=row["mandate"] or "",
        publisher_id=row["publisher_id"],
        year=row["year"],
        ics_root=row["ics_root"] or "",
        ccs_root=row["ccs_root"] or "",
        sort_date=_sort_date(row["issued"], row["year"]),
    )


def iter_docs(ids: Iterable[int] | None = None, *, chunk: int = 2000) -> Iterator[list[SearchDoc]]:
    """Yield documents in chunks, for the given standard ids or for the whole catalogue."""
    from catalog.models import Standard

    if ids is not None:
        id_list = sorted({int(i) for i in ids})
        for start in range(0, len(id_list), chunk):
            part = id_list[start : start + chunk]
            rows = Standard.objects.filter(id__in=part).values(*SOURCE_FIELDS)
            yield [build_doc(row) for row in rows]
        return
    last = 0
    while True:
        rows = list(
            Standard.objects.filter(id__gt=last).order_by("id").values(*SOURCE_FIELDS)[:chunk]
        )
        if not rows:
            return
        last = rows[-1]["id"]
        yield [build_doc(row) for row in rows]
