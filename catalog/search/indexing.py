"""Keeping the search index in step with the catalogue: incremental updates and rebuilds."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterable, Iterator

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction

from catalog.search.backends import PostgresBackend, SearchBackend, SqliteBackend
from catalog.search.documents import iter_docs

_BACKENDS: dict[str, type[SearchBackend]] = {
    "sqlite": SqliteBackend,
    "postgresql": PostgresBackend,
}
_ALIASES = {
    "sqlite": "sqlite",
    "fts5": "sqlite",
    "postgres": "postgresql",
    "postgresql": "postgresql",
}
_state = threading.local()


def get_backend() -> SearchBackend:
    """The backend for the default database (settings.SEARCH_BACKEND: auto|sqlite|postgres)."""
    wanted = (getattr(settings, "SEARCH_BACKEND", "auto") or "auto").lower()
    vendor = connection.vendor
    if wanted != "auto":
        if _ALIASES.get(wanted) is None:
            raise ImproperlyConfigured(f"Unknown STDBASE_SEARCH_BACKEND {wanted!r}")
        if _ALIASES[wanted] != vendor:
            raise ImproperlyConfigured(
                f"STDBASE_SEARCH_BACKEND={wanted} does not match the {vendor} database"
            )
    backend = _BACKENDS.get(vendor)
    if backend is None:
        raise ImproperlyConfigured(f"No search backend for the {vendor} database")
    return backend()


@contextlib.contextmanager
def signals_paused() -> Iterator[None]:
    """Within this block, model signals do not re-index (bulk imports index per batch)."""
    _state.paused = getattr(_state, "paused", 0) + 1
    try:
        yield
    finally:
        _state.paused -= 1


def signals_are_paused() -> bool:
    """Whether the current thread is inside `signals_paused()`."""
    return getattr(_state, "paused", 0) > 0


def index_standards(ids: Iterable[int]) -> None:
    """(Re)index these standards; ids that no longer exist are removed from the index."""
    wanted = {int(i) for i in ids}
    if not wanted:
        return
    backend = get_backend()
    with transaction.atomic():
        seen: set[int] = set()
        for docs in iter_docs(wanted):
            backend.write(docs)
            seen.update(doc.standard_id for doc in docs)
        missing = wanted - seen
        if missing:
            backend.delete(sorted(missing))


def remove_standards(ids: Iterable[int]) -> None:
    """Remove these standards from the index."""
    id_list = sorted({int(i) for i in ids})
    if id_list:
        get_backend().delete(id_list)


def rebuild_index(progress: Callable[[int, int], None] | None = None) -> int:
    """Rebuild the whole index from the catalogue; returns the number of documents.

    `progress(done, total)` is called after every chunk.
    """
    from catalog.models import Standard

    backend = get_backend()
    total = Standard.objects.count()
    done = 0
    with transaction.atomic():
        backend.clear()
        for docs in iter_docs(None, chunk=5000):
            backend.write(docs, replace=False)
            done += len(docs)
            if progress:
                progress(done, total)
        backend.finish_rebuild()
    backend.after_rebuild()
    return done
