"""Value objects of the search service: the query, its hits, facets and result."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from core.exceptions import DomainError

if TYPE_CHECKING:
    from catalog.models import Standard

SORTS = ("relevance", "date", "-date", "designation")
FILTER_KEYS = ("tier", "status", "publisher", "ics", "ccs", "year", "mandate")
MAX_PAGE_SIZE = 100


class SearchError(DomainError):
    """The search request cannot be answered as asked (too long, bad filter, bad page)."""

    code = "invalid_search"


@dataclass
class SearchQuery:
    """What a person asked for: text, filters, sort order and page."""

    text: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    page_size: int = 20
    facets: bool = True
    # Count and facet every match exactly, even when that is slow (very large results
    # are otherwise estimated from a sample).
    exact: bool = False


@dataclass
class Hit:
    """One standard in a result list, with its score and highlighted fields."""

    standard: Standard
    score: float | None
    exact: bool
    highlights: dict[str, str]


@dataclass
class FacetValue:
    """One value of a facet with its label and the number of matching standards."""

    value: str
    label: str
    count: int


@dataclass
class SearchResult:
    """One page of hits, the total, facet counts and how the query was read."""

    query: SearchQuery
    total: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]
    page: int
    num_pages: int
    kind: str
    took_ms: float
    # True when the facet counts are estimates (very large match sets are sampled).
    facets_approximate: bool = False
    # True when `total` is an estimate (PostgreSQL, very large sets; see the backend).
    total_approximate: bool = False
