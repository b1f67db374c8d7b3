"""Pieces shared by the catalogue pages: pagination links and facet groups."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from catalog.forms import FILTER_KEYS, SearchParams
from catalog.search import SearchResult

FACET_TITLES = {
    "tier": _("Tier"),
    "status": _("Status"),
    "publisher": _("Publisher"),
    "ics": _("ICS"),
    "ccs": _("CCS"),
    "year": _("Year"),
}
# How many values a facet shows before the rest is folded away.
FACET_VISIBLE = 8


@dataclass
class PageLink:
    number: int | None  # None for an ellipsis
    url: str = ""
    current: bool = False


@dataclass
class Pages:
    """Links of a paginated list: previous, next and a window of page numbers."""

    page: int
    num_pages: int
    items: list[PageLink] = field(default_factory=list)
    previous_url: str = ""
    next_url: str = ""


def page_links(page: int, num_pages: int, url_for: Callable[[int], str]) -> Pages:
    """Build the page window 1 … p-2 … p+2 … last around the current page."""
    pages = Pages(page=page, num_pages=num_pages)
    if num_pages <= 1:
        return pages
    wanted = {1, num_pages, *range(max(1, page - 2), min(num_pages, page + 2) + 1)}
    previous = 0
    for number in sorted(wanted):
        if number - previous > 1:
            pages.items.append(PageLink(None))
        pages.items.append(PageLink(number, url_for(number), number == page))
        previous = number
    if page > 1:
        pages.previous_url = url_for(min(page - 1, num_pages))
    if page < num_pages:
        pages.next_url = url_for(page + 1)
    return pages


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    active: bool
    url: str


@dataclass
class FacetGroup:
    key: str
    title: str
    options: list[FacetOption]
    visible: int = FACET_VISIBLE

    @property
    def shown(self) -> list[FacetOption]:
        return self.options[: self.visible]

    @property
    def folded(self) -> list[FacetOption]:
        return self.options[self.visible :]


@dataclass
class Chip:
    key: str
    title: str
    label: str
    remove_url: str


def _facet_label(key: str, value: str, label: str) -> str:
    # Classification names are long and similar: lead with the code ("35 信息技术").
    if key in ("ics", "ccs") and label and label != value:
        return f"{value} {label}"
    return label or value


def facet_groups(result: SearchResult | None, params: SearchParams, path: str) -> list[FacetGroup]:
    """The facet counts of a result as clickable filter links, active ones first."""
    groups: list[FacetGroup] = []
    if result is None:
        return groups
    for key in FILTER_KEYS:
        values = result.facets.get(key) or []
        options = [
            FacetOption(
                value=str(fv.value),
                label=_facet_label(key, str(fv.value), str(fv.label or "")),
                count=fv.count,
                active=params.is_active(key, str(fv.value)),
                url=params.toggled(key, str(fv.value)).url(path),
            )
            for fv in values
        ]
        # Active filters that the engine returned no count for still need an off switch.
        known = {option.value for option in options}
        for value in params.filters.get(key, ()):
            if value not in known:
                options.append(
                    FacetOption(value, value, 0, True, params.toggled(key, value).url(path))
                )
        options.sort(key=lambda option: not option.active)
        if options:
            groups.append(FacetGroup(key, str(FACET_TITLES[key]), options))
    return groups


def filter_chips(groups: list[FacetGroup], params: SearchParams, path: str) -> list[Chip]:
    """Active filters as removable chips, labelled like their facet values."""
    labels = {(g.key, o.value): o.label for g in groups for o in g.options}
    return [
        Chip(
            key=key,
            title=str(FACET_TITLES[key]),
            label=labels.get((key, value), value),
            remove_url=params.toggled(key, value).url(path),
        )
        for key in FILTER_KEYS
        for value in params.filters.get(key, ())
    ]
