"""Forms of the catalogue pages: the search parameters in the query string."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from catalog.search import SearchQuery

# Query-string keys of the facet filters, in the order the page shows them.
FILTER_KEYS = ("tier", "status", "publisher", "ics", "ccs", "year")
MAX_VALUES_PER_FILTER = 20
MAX_FILTER_VALUE_LENGTH = 60

SORT_CHOICES = [
    ("relevance", _("Relevance")),
    ("date", _("Newest first")),
    ("-date", _("Oldest first")),
    ("designation", _("Designation")),
]


class SearchForm(forms.Form):
    """The search box, sort order and page number (facet filters are parsed alongside)."""

    q = forms.CharField(label=_("Search standards"), required=False, strip=True)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        choices=SORT_CHOICES,
        required=False,
        error_messages={
            "invalid_choice": _("Unknown sort order; results are sorted by relevance.")
        },
    )
    page = forms.IntegerField(
        label=_("Page"),
        required=False,
        min_value=1,
        max_value=1_000_000,
        error_messages={
            "invalid": _("The page number must be a whole number; showing the first page."),
            "min_value": _("The page number must be at least 1; showing the first page."),
            "max_value": _("The page number is too large; showing the first page."),
        },
    )


@dataclass(frozen=True)
class SearchParams:
    """What the person asked for, parsed from the query string, and links to variations of it."""

    text: str = ""
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    # Count a very large result exactly instead of estimating it (slower; on request).
    exact: bool = False
    # Friendly messages about parameters that were ignored (bad page number, sort order, ...).
    notices: tuple[str, ...] = ()

    @classmethod
    def from_querydict(cls, data: QueryDict) -> SearchParams:
        """Parse the GET parameters, replacing invalid values by defaults with a notice."""
        form = SearchForm(data)
        form.is_valid()
        notices = [str(message) for errors in form.errors.values() for message in errors]
        cleaned = form.cleaned_data
        filters: dict[str, tuple[str, ...]] = {}
        for key in FILTER_KEYS:
            values: list[str] = []
            for raw in data.getlist(key):
                value = raw.strip()[:MAX_FILTER_VALUE_LENGTH]
                if value and value not in values:
                    values.append(value)
            if len(values) > MAX_VALUES_PER_FILTER:
                notices.append(str(_("Too many filters of one kind; only the first 20 are used.")))
                values = values[:MAX_VALUES_PER_FILTER]
            if values:
                filters[key] = tuple(values)
        return cls(
            text=cleaned.get("q") or "",
            filters=filters,
            sort=cleaned.get("sort") or "relevance",
            page=cleaned.get("page") or 1,
            exact=data.get("exact") in ("1", "true", "on"),
            notices=tuple(notices),
        )

    @property
    def is_empty(self) -> bool:
        """True when there is neither a query nor a filter: the page shows the overview."""
        return not self.text and not self.filters

    def to_query(self, *, page_size: int = 20, facets: bool = True) -> SearchQuery:
        """The search service query for these parameters."""
        return SearchQuery(
            text=self.text,
            filters={key: list(values) for key, values in self.filters.items()},
            sort=self.sort,
            page=self.page,
            page_size=page_size,
            facets=facets,
            exact=self.exact,
        )

    def querystring(self, *, page: bool = True) -> str:
        """The canonical query string (without '?') of these parameters."""
        pairs: list[tuple[str, str]] = []
        if self.text:
            pairs.append(("q", self.text))
        for key in FILTER_KEYS:
            pairs.extend((key, value) for value in self.filters.get(key, ()))
        if self.sort != "relevance":
            pairs.append(("sort", self.sort))
        if page and self.page != 1:
            pairs.append(("page", str(self.page)))
        if self.exact:
            pairs.append(("exact", "1"))
        return urlencode(pairs)

    def url(self, path: str, *, page: bool = True) -> str:
        """`path` followed by the query string of these parameters."""
        query = self.querystring(page=page)
        return f"{path}?{query}" if query else path

    def is_active(self, key: str, value: str) -> bool:
        return value in self.filters.get(key, ())

    def toggled(self, key: str, value: str) -> SearchParams:
        """These parameters with one filter value added or removed, back on page 1."""
        values = list(self.filters.get(key, ()))
        if value in values:
            values.remove(value)
        else:
            values.append(value)
        filters = {k: v for k, v in self.filters.items() if k != key}
        if values:
            filters[key] = tuple(values)
        return replace(self, filters=filters, page=1, notices=())

    def without_filters(self) -> SearchParams:
        return replace(self, filters={}, page=1, notices=())

    def with_sort(self, sort: str) -> SearchParams:
        return replace(self, sort=sort, page=1, notices=())

    def with_page(self, page: int) -> SearchParams:
        return replace(self, page=page, notices=())

    def counted_exactly(self) -> SearchParams:
        return replace(self, exact=True, notices=())
