"""What the catalogue holds: standards per source and tier with as-of dates, for the home page."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, Max

from catalog.models import Standard, Tier

CHINESE_TIERS = (Tier.NATIONAL, Tier.INDUSTRY, Tier.LOCAL, Tier.GROUP, Tier.ENTERPRISE)
_CACHE_SECONDS = 24 * 3600


@dataclass
class SourceHolding:
    """The standards one data source contributed, per tier, and how recent its data is."""

    slug: str
    name: str
    url: str
    licence: str
    as_of: datetime.date | None
    total: int = 0
    tiers: dict[str, int] = field(default_factory=dict)

    def tier_list(self) -> list[tuple[str, int]]:
        """(tier label, count) in the order of the Tier choices."""
        return [
            (str(label), self.tiers[value]) for value, label in Tier.choices if value in self.tiers
        ]


@dataclass
class Holdings:
    """The whole catalogue by tier and by source."""

    total: int
    tiers: dict[str, int]
    sources: list[SourceHolding]

    @property
    def chinese(self) -> int:
        return sum(self.tiers.get(tier, 0) for tier in CHINESE_TIERS)

    @property
    def international(self) -> int:
        return self.tiers.get(Tier.INTERNATIONAL, 0)

    @property
    def missing_chinese_tiers(self) -> list[str]:
        """Labels of the Chinese tiers (national, industry, local, group) with no standard."""
        return [str(Tier(tier).label) for tier in CHINESE_TIERS[:4] if not self.tiers.get(tier)]

    def tier_rows(self) -> list[tuple[str, str, int]]:
        """(value, label, count) of every tier, in the order of the Tier choices."""
        return [(value, str(label), self.tiers.get(value, 0)) for value, label in Tier.choices]


def describe_catalogue() -> Holdings:
    """Count the catalogue by source and tier, cached until the search index changes."""
    from catalog.search import get_backend

    backend = get_backend()
    key = f"stdbase:holdings:{backend.vendor}:{backend.version()}"
    holdings = cache.get(key)
    if holdings is None:
        holdings = _count_holdings()
        cache.set(key, holdings, _CACHE_SECONDS)
    return holdings


def _count_holdings() -> Holdings:
    rows = (
        Standard.objects.values(
            "tier",
            "source__slug",
            "source__name",
            "source__url",
            "source__licence",
            "source__as_of",
        )
        .annotate(count=Count("id"), latest=Max("as_of"))
        .order_by()
    )
    sources: dict[str, SourceHolding] = {}
    tiers: dict[str, int] = {}
    for row in rows:
        slug = row["source__slug"] or ""
        holding = sources.setdefault(
            slug,
            SourceHolding(
                slug=slug,
                name=row["source__name"] or slug,
                url=row["source__url"] or "",
                licence=row["source__licence"] or "",
                as_of=row["source__as_of"],
            ),
        )
        holding.total += row["count"]
        holding.tiers[row["tier"]] = holding.tiers.get(row["tier"], 0) + row["count"]
        # Some sources date each record instead (relaton-gb): the newest record date then.
        if row["source__as_of"] is None and row["latest"]:
            holding.as_of = max(holding.as_of or row["latest"], row["latest"])
        tiers[row["tier"]] = tiers.get(row["tier"], 0) + row["count"]
    ordered = sorted(sources.values(), key=lambda s: (-s.total, s.name))
    return Holdings(total=sum(tiers.values()), tiers=tiers, sources=ordered)
