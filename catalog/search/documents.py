"""Turning standards into search documents: token columns plus denormalised facet keys."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from catalog.search.text import compact_designation, index_tokens

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
    fac: list[str] = field(default_factory=list)  # facet tokens (FTS5 filters)

    @property
    def fts_rowid(self) -> int:
        """SQLite FTS5 rowid: ordered current first, then newest first (see rank_rowid)."""
        return rank_rowid(self.status_rank, self.sort_date, self.standard_id)


# SQLite keeps the documents in FTS5 rowid order = (status rank, newest first, id), so a
# large match set streams out already in the cheap order and LIMIT stops early.
ID_BITS = 24
MAX_ID = (1 << ID_BITS) - 1
RANK_ROWID_SQL = (
    f"((status_rank * 100000000 + (99999999 - sort_date)) * {1 << ID_BITS} + standard_id)"
)


def rank_rowid(status_rank: int, sort_date: int, standard_id: int) -> int:
    """The FTS5 rowid of a document; the standard id is its low 24 bits."""
    if standard_id > MAX_ID:
        raise ValueError(f"standard id {standard_id} exceeds the search index range")
    return ((status_rank * 100000000 + (99999999 - sort_date)) << ID_BITS) + standard_id


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


def build_doc(row: dict, ics_codes: list[str] = (), ccs_codes: list[str] = ()) -> SearchDoc:
    """Build the search document of one standard from its catalog_standard values."""
    from catalog.designations import designation_tokens, try_parse
    from catalog.search.filters import facet_tokens

    prefix_tokens = len(designation_tokens(row["prefix"] or ""))
    des = compact_designation(
        designation_tokens(row["designation"]), prefix_tokens, row["main_number"]
    )
    series = compact_designation(
        designation_tokens(row["series_key"] or ""), prefix_tokens, row["main_number"]
    )
    des += _series_tokens(des, series)
    num = [row["main_number"]] if row["main_number"] else []
    adopted = row.get("adopted_designation") or ""
    parsed = try_parse(adopted) if adopted else None
    if parsed is not None:
        des += compact_designation(
            designation_tokens(parsed.canonical),
            len(designation_tokens(parsed.prefix)),
            parsed.main_number,
        )
        if parsed.main_number and parsed.main_number not in num:
            num.append(parsed.main_number)
    elif adopted:
        des += designation_tokens(adopted)
    doc = SearchDoc(
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
    return replace(doc, fac=facet_tokens(doc, list(ics_codes), list(ccs_codes)))


def _build(rows: list[dict]) -> list[SearchDoc]:
    from catalog.models import StandardCcs, StandardIcs

    ids = [row["id"] for row in rows]
    links: dict[str, dict[int, list[str]]] = {"ics": {}, "ccs": {}}
    for key, model in (("ics", StandardIcs), ("ccs", StandardCcs)):
        pairs = model.objects.filter(standard_id__in=ids).values_list("standard_id", "code__code")
        for standard_id, code in pairs:
            links[key].setdefault(standard_id, []).append(code)
    return [
        build_doc(row, links["ics"].get(row["id"], []), links["ccs"].get(row["id"], []))
        for row in rows
    ]


def iter_docs(ids: Iterable[int] | None = None, *, chunk: int = 2000) -> Iterator[list[SearchDoc]]:
    """Yield documents in chunks, for the given standard ids or for the whole catalogue."""
    from catalog.models import Standard

    if ids is not None:
        id_list = sorted({int(i) for i in ids})
        for start in range(0, len(id_list), chunk):
            part = id_list[start : start + chunk]
            rows = list(Standard.objects.filter(id__in=part).values(*SOURCE_FIELDS))
            yield _build(rows)
        return
    last = 0
    while True:
        rows = list(
            Standard.objects.filter(id__gt=last).order_by("id").values(*SOURCE_FIELDS)[:chunk]
        )
        if not rows:
            return
        last = rows[-1]["id"]
        yield _build(rows)
