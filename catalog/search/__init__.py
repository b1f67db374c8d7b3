"""The catalogue search service: one interface over SQLite FTS5 and PostgreSQL.

Views, the REST API and the `stdbase search` command call `search()`; the importer and
the model signals keep the index current through `index_standards()` and
`remove_standards()` (bulk code wraps its writes in `signals_paused()`);
`rebuild_index()` recreates it from scratch.

How a query is read (`SearchResult.kind`): empty text browses (newest first); a bare
number (`19001`, `4943.1`) searches main numbers by prefix; text containing a
designation in any spelling (`gbt19001`, `ＧＢ／Ｔ　１９００１—２０１６`, `ISO/IEC 27001:2022`)
lists the exact edition first, then the other editions of the series (current first),
then designations that start with it, narrowed by any remaining words; anything else is
free text: Chinese as substrings (overlapping bigrams), English words lower-cased with a
light plural stem, the last word as a prefix.

Filters: OR within a key, AND across keys. Unknown keys and unknown values raise
`SearchError` (tier/status/mandate must be choice values, publisher an existing
`Publisher.code`, year four digits, ics like `35`/`35.030`, ccs like `L`/`L70`). A
first-level ics/ccs value filters on the primary classification (what the facet counts);
a deeper one on any classification of the standard. Facet counts follow the filters.
Above 5,000 matches they are estimated from a sample (`facets_approximate`), and hits
come in the cheap order (current first, newest first) instead of by engine relevance.
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
from catalog.search.service import remember_per_index_version, search
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
    "remember_per_index_version",
    "remove_standards",
    "search",
    "signals_are_paused",
    "signals_paused",
]
