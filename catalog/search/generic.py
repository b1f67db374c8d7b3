"""Other apps' documents in the search service: one generic index, permissions in the query.

Apps declare searchable models in `<app>/search.py` (`core.registry.SearchIndex`); saving
or deleting such an object updates its row of the generic index (`core_searchentry`)
in the same transaction. `search_documents(user, text)` matches with the catalogue's
tokeniser (CJK bigrams, light English stems), ranks in the engine (FTS5 bm25, PostgreSQL
ts_rank; titles weigh more than text) and applies the permission scope in the same SQL:
public documents for everyone, `authenticated` ones for anyone signed in, and restricted
ones for their owner, members of their organisation or body (`core.registry.register_scope`)
and holders of the model's view-all permission. The catalogue keeps its own engine.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import connection, models, transaction
from django.db.models import CharField
from django.db.models.functions import Cast
from django.db.models.signals import post_delete, post_migrate, post_save

from catalog.search.backends.postgres import tsquery_phrase, tsvector_literal
from catalog.search.backends.sqlite import phrase
from catalog.search.query import MAX_QUERY_LENGTH
from catalog.search.text import index_tokens, query_terms
from catalog.search.types import SearchError
from core.registry import SearchDocument, SearchIndex, Visibility, registry

SNIPPET_LENGTH = 240
MAX_LIMIT = 100
# bm25 weights of the FTS5 columns: title, text.
_BM25 = "bm25(core_searchentry_fts, 4.0, 1.0)"
_COLUMNS = "e.model, e.object_id, e.title, e.snippet, e.url"


@dataclass(frozen=True)
class DocumentHit:
    """One matching document: which object, what to show, its engine score."""

    model: str
    label: str
    object_id: str
    title: str
    snippet: str
    url: str
    score: float


@dataclass
class DocumentResults:
    """The best documents a person may see, with the count per model."""

    text: str
    hits: list[DocumentHit] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def sections(self) -> list[tuple[str, int, list[DocumentHit]]]:
        """(label, count, hits) per model, in the order of each model's best hit."""
        grouped: dict[str, list[DocumentHit]] = {}
        for hit in self.hits:
            grouped.setdefault(hit.model, []).append(hit)
        return [(hits[0].label, self.counts.get(m, len(hits)), hits) for m, hits in grouped.items()]


# -- writing ------------------------------------------------------------------------------


def _delete_rows(cursor, model: str, object_ids: Sequence[str]) -> None:
    for start in range(0, len(object_ids), 500):
        part = list(object_ids[start : start + 500])
        marks = ", ".join(["%s"] * len(part))
        where = f"model = %s AND object_id IN ({marks})"  # noqa: S608
        if connection.vendor == "sqlite":
            cursor.execute(
                "DELETE FROM core_searchentry_fts WHERE rowid IN "  # noqa: S608
                f"(SELECT id FROM core_searchentry WHERE {where})",
                [model, *part],
            )
        cursor.execute(f"DELETE FROM core_searchentry WHERE {where}", [model, *part])  # noqa: S608


def _insert_row(cursor, model: str, object_id: str, doc: SearchDocument) -> None:
    if doc.visibility not in Visibility.ALL:
        raise ValueError(f"unknown visibility {doc.visibility!r} of {model} {object_id}")
    title_tokens, text_tokens = index_tokens(doc.title), index_tokens(f"{doc.text}")
    values = [
        model,
        object_id,
        doc.title[:500],
        " ".join(doc.text.split())[:SNIPPET_LENGTH],
        doc.url[:500],
        doc.visibility,
        doc.owner_id,
        doc.organization_id,
        doc.body_id,
    ]
    columns = (
        "model, object_id, title, snippet, url, visibility, owner_id, organization_id, body_id"
    )
    marks = ", ".join(["%s"] * len(values))
    if connection.vendor == "postgresql":
        cursor.execute(
            f"INSERT INTO core_searchentry (vec, {columns}) VALUES ("  # noqa: S608
            "setweight(CAST(%s AS tsvector), 'A') || CAST(%s AS tsvector), "
            f"{marks})",
            [tsvector_literal(title_tokens), tsvector_literal(text_tokens), *values],
        )
        return
    cursor.execute(
        f"INSERT INTO core_searchentry ({columns}) VALUES ({marks})",  # noqa: S608
        values,
    )
    cursor.execute(
        "INSERT INTO core_searchentry_fts (rowid, ttl, txt) VALUES (%s, %s, %s)",
        [cursor.lastrowid, " ".join(title_tokens), " ".join(text_tokens)],
    )


def index_objects(objects: Iterable[models.Model], index: SearchIndex | None = None) -> int:
    """(Re)index these objects of one declared model; returns how many are in the index."""
    objects = list(objects)
    if not objects:
        return 0
    index = index or registry.index_for(type(objects[0]))
    if index is None:
        raise ValueError(f"{type(objects[0]).__name__} has no search declaration")
    written = 0
    with transaction.atomic(), connection.cursor() as cursor:
        _delete_rows(cursor, index.key, [str(obj.pk) for obj in objects])
        for obj in objects:
            doc = index.document(obj)
            if doc is not None:
                _insert_row(cursor, index.key, str(obj.pk), doc)
                written += 1
    return written


def remove_objects(model: type[models.Model], object_ids: Iterable[object]) -> None:
    """Remove these objects of a model from the index."""
    with connection.cursor() as cursor:
        _delete_rows(cursor, model._meta.label_lower, [str(i) for i in object_ids])


def rebuild_documents() -> int:
    """Recreate the whole generic index from every declaration; returns the row count."""
    total = 0
    with transaction.atomic():
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute("DELETE FROM core_searchentry_fts")
            cursor.execute("DELETE FROM core_searchentry")
        for index in registry.search.values():
            batch: list[models.Model] = []
            for obj in index.queryset().iterator(chunk_size=1000):
                batch.append(obj)
                if len(batch) == 1000:
                    total += index_objects(batch, index)
                    batch = []
            total += index_objects(batch, index)
    return total


def prune_documents(**kwargs) -> None:
    """Drop index rows whose object is gone (a flush, a restore or a raw SQL delete)."""
    if "core_searchentry" not in connection.introspection.table_names():
        return
    keys = list(registry.search)
    with transaction.atomic(), connection.cursor() as cursor:
        for index in registry.search.values():
            existing = index.model._base_manager.annotate(key=Cast("pk", CharField()))
            sql, params = existing.values("key").query.sql_with_params()
            cursor.execute(
                "DELETE FROM core_searchentry WHERE model = %s "  # noqa: S608
                f"AND object_id NOT IN ({sql})",
                [index.key, *params],
            )
        # Rows of models that are no longer declared.
        cursor.execute(
            "DELETE FROM core_searchentry WHERE "  # noqa: S608
            + (f"model NOT IN ({', '.join(['%s'] * len(keys))})" if keys else "1 = 1"),
            keys,
        )
        if connection.vendor == "sqlite":
            cursor.execute(
                "DELETE FROM core_searchentry_fts "
                "WHERE rowid NOT IN (SELECT id FROM core_searchentry)"
            )


def _saved(sender, instance, raw: bool = False, **kwargs) -> None:
    index = registry.index_for(sender)
    if index is not None and not raw:
        index_objects([instance], index)


def _deleted(sender, instance, **kwargs) -> None:
    if registry.index_for(sender) is not None:
        remove_objects(sender, [instance.pk])


def connect_document_signals(app_config=None) -> None:
    """Keep the index current on every save and delete of a declared model."""
    post_save.connect(_saved, dispatch_uid="catalog.search.generic.saved")
    post_delete.connect(_deleted, dispatch_uid="catalog.search.generic.deleted")
    # After migrate and after a flush (test databases, backup restores).
    post_migrate.connect(
        prune_documents, sender=app_config, dispatch_uid="catalog.search.generic.prune"
    )


# -- searching ----------------------------------------------------------------------------


def _scope(user, indexes: Sequence[SearchIndex]) -> tuple[str, list]:
    """The SQL condition of the documents `user` may find, and its parameters."""
    conditions, params = ["e.visibility = %s"], [Visibility.PUBLIC]
    if user is not None and getattr(user, "is_authenticated", False) and user.is_active:
        conditions += ["e.visibility = %s", "e.owner_id = %s"]
        params += [Visibility.AUTHENTICATED, user.pk]
        for scope, column in (("organization", "organization_id"), ("body", "body_id")):
            member_ids = registry.scopes.get(scope)
            ids = sorted({int(i) for i in member_ids(user)}) if member_ids else []
            if ids:
                conditions.append(f"e.{column} IN ({', '.join(['%s'] * len(ids))})")
                params += ids
        everything = [i.key for i in indexes if user.has_perm(i.all_permission())]
        if everything:
            conditions.append(f"e.model IN ({', '.join(['%s'] * len(everything))})")
            params += everything
    return "(" + " OR ".join(conditions) + ")", params


def _match(text: str) -> tuple[str, str, list] | None:
    """FROM, WHERE and parameters of the full-text match, or None for a query without words."""
    terms = query_terms(text)
    if not terms:
        return None
    if connection.vendor == "postgresql":
        query = " & ".join(tsquery_phrase(t.tokens, prefix=t.prefix) for t in terms)
        return (
            "core_searchentry e CROSS JOIN (SELECT CAST(%s AS tsquery) AS q) tsq",
            "e.vec @@ tsq.q",
            [query],
        )
    return (
        "core_searchentry_fts CROSS JOIN core_searchentry e ON e.id = core_searchentry_fts.rowid",
        "core_searchentry_fts MATCH %s",
        [" AND ".join(phrase(t.tokens, prefix=t.prefix) for t in terms)],
    )


def _indexes(wanted: Iterable[type[models.Model] | str] | None) -> list[SearchIndex]:
    if wanted is None:
        return list(registry.search.values())
    keys = [w if isinstance(w, str) else w._meta.label_lower for w in wanted]
    unknown = [k for k in keys if k not in registry.search]
    if unknown:
        raise SearchError(f"不可检索的文档类型：{', '.join(unknown)}", code="bad_model")
    return [registry.search[k] for k in keys]


def search_documents(
    user,
    text: str,
    *,
    models: Iterable[type[models.Model] | str] | None = None,
    limit: int = 20,
) -> DocumentResults:
    """The documents of other apps that match `text` and that `user` may see, best first."""
    if len(text or "") > MAX_QUERY_LENGTH:
        raise SearchError(f"查询过长（最多 {MAX_QUERY_LENGTH} 个字符）", code="too_long")
    if not 1 <= limit <= MAX_LIMIT:
        raise SearchError(f"条数必须在 1 到 {MAX_LIMIT} 之间", code="bad_page_size")
    indexes = _indexes(models)
    results = DocumentResults(text)
    match = _match(text)
    if match is None or not indexes:
        return results
    from_sql, match_sql, match_params = match
    scope_sql, scope_params = _scope(user, indexes)
    keys = [i.key for i in indexes]
    where = f"{match_sql} AND e.model IN ({', '.join(['%s'] * len(keys))}) AND {scope_sql}"
    params = [*match_params, *keys, *scope_params]
    if connection.vendor == "postgresql":
        score, order = "ts_rank(e.vec, tsq.q)", "score DESC, e.id"
    else:
        score, order = _BM25, "score, e.id"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT e.model, count(*) FROM {from_sql} WHERE {where} GROUP BY e.model",  # noqa: S608
            params,
        )
        results.counts = {model: int(n) for model, n in cursor.fetchall()}
        if not results.counts:
            return results
        cursor.execute(
            f"SELECT {_COLUMNS}, {score} AS score FROM {from_sql} "  # noqa: S608
            f"WHERE {where} ORDER BY {order} LIMIT %s",
            [*params, limit],
        )
        rows = cursor.fetchall()
    labels = {i.key: str(i.label or i.model._meta.verbose_name_plural) for i in indexes}
    results.hits = [
        DocumentHit(model, labels[model], object_id, title, snippet, url, float(score))
        for model, object_id, title, snippet, url, score in rows
    ]
    return results
