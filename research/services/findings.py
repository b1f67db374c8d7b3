"""Adoption findings: ICS fields whose ISO/IEC standards no national standard adopts, and
national standards whose adopted ISO/IEC edition has since been replaced or withdrawn."""

from __future__ import annotations

from collections import defaultdict

from django.db import connection, transaction

from catalog.designations import try_parse
from catalog.editions import resolve_references
from catalog.editions.verdicts import Verdict
from catalog.search.documents import STATUS_RANK
from catalog.search.filters import Filters, doc_filter_sql
from research.models import GapField, OutdatedAdoption

INTERNATIONAL_BODIES = ("ISO", "IEC", "ISO/IEC")
OUTDATED = {Verdict.REPLACED, Verdict.WITHDRAWN}
CHUNK = 2000


def _adopted_series() -> set[str]:
    """Series keys of every ISO/IEC standard some national standard adopts."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT adopted_designation FROM catalog_standard "
            "WHERE tier = 'national' AND adopted_designation <> ''"
        )
        texts = [row[0] for row in cursor.fetchall()]
    parsed = (try_parse(text) for text in texts)
    return {p.series_key for p in parsed if p is not None}


def refresh_gaps() -> int:
    """Recount current ISO/IEC standards and their national adoptions per ICS field."""
    adopted = _adopted_series()
    marks = ", ".join(["%s"] * len(INTERNATIONAL_BODIES))
    sql = (
        "SELECT s.id, s.series_key, COALESCE(c.code, s.ics_root) FROM catalog_standard s "  # noqa: S608
        "LEFT JOIN catalog_standardics l ON l.standard_id = s.id "
        "LEFT JOIN catalog_icscode c ON c.id = l.code_id "
        f"WHERE s.tier = 'international' AND s.status = 'current' AND s.body IN ({marks})"
    )
    counts: dict[str, list[set]] = defaultdict(lambda: [set(), set()])
    with connection.cursor() as cursor:
        cursor.execute(sql, list(INTERNATIONAL_BODIES))
        for standard_id, series_key, code in cursor.fetchall():
            if not code:
                continue
            field = code[:6]
            counts[field][0].add(standard_id)
            if series_key in adopted:
                counts[field][1].add(standard_id)
    rows = [
        GapField(ics_code=field, ics_root=field[:2], international=len(all_), adopted=len(ours))
        for field, (all_, ours) in counts.items()
    ]
    with transaction.atomic():
        GapField.objects.all().delete()
        GapField.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def _adoptions():
    """(standard facets, adopted designation) of national standards in force adopting ISO/IEC."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT s.id, s.designation, s.title_zh, s.adopted_designation, d.tier, d.status, "
            "d.mandate, d.publisher_id, d.year, d.ics_root, d.ccs_root "
            "FROM catalog_standard s JOIN catalog_searchdoc d ON d.standard_id = s.id "
            "WHERE s.tier = 'national' AND s.status IN ('current', 'upcoming') "
            "AND (s.adopted_designation LIKE 'ISO%%' OR s.adopted_designation LIKE 'IEC%%')",
            [],
        )
        return cursor.fetchall()


def refresh_outdated_adoptions() -> int:
    """Find national standards whose adopted edition is replaced or withdrawn (editions module)."""
    rows = _adoptions()
    found: list[OutdatedAdoption] = []
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start : start + CHUNK]
        parsed = {row[3]: try_parse(row[3]) for row in chunk}
        verdicts = resolve_references([p for p in parsed.values() if p is not None])
        for sid, des, title, adopted, tier, status, mandate, pub, year, ics, ccs in chunk:
            p = parsed[adopted]
            resolution = verdicts.get(p.canonical) if p else None
            if resolution is None or resolution.verdict not in OUTDATED:
                continue
            found.append(
                OutdatedAdoption(
                    standard_id=sid,
                    designation=des,
                    title=title[:500],
                    adopted_designation=adopted,
                    verdict=resolution.verdict,
                    latest=", ".join(resolution.current)[:400],
                    tier=tier,
                    status=status,
                    status_rank=STATUS_RANK[status],
                    mandate=mandate,
                    publisher_id=pub,
                    year=year,
                    ics_root=ics,
                    ccs_root=ccs,
                )
            )
    with transaction.atomic():
        OutdatedAdoption.objects.all().delete()
        OutdatedAdoption.objects.bulk_create(found, batch_size=2000)
    return len(found)


def outdated_adoptions(filters: Filters, *, limit: int | None = 100) -> tuple[int, list]:
    """The filtered outdated adoptions: their number and up to `limit` rows."""
    where, params = doc_filter_sql(filters)
    base = f"FROM research_outdatedadoption d WHERE {where}"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) {base}", params)  # noqa: S608
        total = cursor.fetchone()[0]
    page = f" LIMIT {int(limit)}" if limit else ""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT d.id {base} ORDER BY d.designation{page}", params)  # noqa: S608
        ids = [row[0] for row in cursor.fetchall()]
    by_id = OutdatedAdoption.objects.in_bulk(ids)
    rows = [by_id[i] for i in ids]
    return total, rows


def gap_fields(filters: Filters) -> list[GapField]:
    """ICS fields with current ISO/IEC standards, narrowed by the ICS filter, gaps first."""
    fields = GapField.objects.all()
    if filters.ics:
        from django.db.models import Q

        query = Q()
        for code in filters.ics:
            query |= Q(ics_code__startswith=code)
        fields = fields.filter(query)
    return list(fields.order_by("adopted", "-international", "ics_code"))
