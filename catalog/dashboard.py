"""Dashboard widget of the catalogue: how many standards it holds, by tier."""

from __future__ import annotations

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from catalog.search import SearchError, SearchQuery, search
from core.registry import DashboardWidget, register_widget


def catalogue_by_tier(request) -> dict:
    """The catalogue's total and its count per tier, each linked to its search."""
    try:
        overview = search(SearchQuery(page_size=1, facets=True))
    except SearchError:
        return {"total": 0, "tiers": []}
    path = reverse("catalog:search")
    tiers = [
        {"label": f.label, "count": f.count, "url": f"{path}?{urlencode({'tier': f.value})}"}
        for f in overview.facets.get("tier", [])
    ]
    return {"total": overview.total, "tiers": tiers}


register_widget(
    DashboardWidget(
        key="catalogue-tiers",
        title=_("The catalogue by tier"),
        template="catalog/partials/widget_tiers.html",
        context=catalogue_by_tier,
        order=10,
    )
)
