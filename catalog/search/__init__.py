"""The catalogue search service: one interface over SQLite FTS5 and PostgreSQL.

Views, the REST API and the `stdbase search` command call `search()`; the importer and
the model signals keep the index current through `index_standards()` and
`remove_standards()`; `rebuild_index()` recreates it from scratch.
"""

from catalog.search.backends import SearchBackend
from catalog.search.indexing import (
    get_backend,
    index_standards,
    rebuild_index,
    remove_standards,
    signals_are_paused,
    signals_paused,
)
from catalog.search.service import search
from catalog.search.types import (
    FacetValue,
    Hit,
    SearchError,
    SearchQuery,
    SearchResult,
)

__all__ = [
    "FacetValue",
    "Hit",
    "SearchBackend",
    "SearchError",
    "SearchQuery",
    "SearchResult",
    "get_backend",
    "index_standards",
    "rebuild_index",
    "remove_standards",
    "search",
    "signals_are_paused",
    "signals_paused",
]
