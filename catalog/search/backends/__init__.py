"""Search backends: SQLite FTS5 and PostgreSQL full-text search."""

from catalog.search.backends.base import Match, Page, SearchBackend
from catalog.search.backends.postgres import PostgresBackend
from catalog.search.backends.sqlite import SqliteBackend

__all__ = ["Match", "Page", "PostgresBackend", "SearchBackend", "SqliteBackend"]
