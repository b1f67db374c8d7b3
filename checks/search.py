"""Searchable documents of 查新: watch lists, for their owner and their organisation."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from checks.models import WatchList
from core.registry import SearchDocument, SearchIndex, Visibility, register_search


@register_search
class WatchListIndex(SearchIndex):
    """A watch list is found by its name and description, by the people who may open it."""

    model = WatchList
    label = _("Watch lists")

    def document(self, obj: WatchList) -> SearchDocument:
        return SearchDocument(
            title=obj.name,
            text=obj.description,
            url=reverse("checks:watchlist-detail", args=[obj.pk]),
            visibility=Visibility.RESTRICTED,
            owner_id=obj.owner_id,
            organization_id=obj.organization_id,
        )
