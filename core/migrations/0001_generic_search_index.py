"""The generic search index of other apps' documents (core/registry.py declarations).

One row per indexed object with its permission scope, and its text pre-tokenised by the
catalogue's tokeniser: an FTS5 table on SQLite, a weighted tsvector with a GIN index on
PostgreSQL. Derived data: `stdbase reindex` rebuilds it.
"""

from django.db import migrations

_COLUMNS = """
    model varchar(100) NOT NULL,
    object_id varchar(64) NOT NULL,
    title varchar(500) NOT NULL,
    snippet varchar(500) NOT NULL,
    url varchar(500) NOT NULL,
    visibility varchar(16) NOT NULL,
    owner_id bigint NULL,
    organization_id bigint NULL,
    body_id bigint NULL
"""
_INDEXES = [
    "CREATE UNIQUE INDEX core_searchentry_object ON core_searchentry (model, object_id)",
    "CREATE INDEX core_searchentry_owner ON core_searchentry (owner_id)",
    "CREATE INDEX core_searchentry_organization ON core_searchentry (organization_id)",
    "CREATE INDEX core_searchentry_body ON core_searchentry (body_id)",
]
SQLITE = [
    f"CREATE TABLE core_searchentry (id integer PRIMARY KEY, {_COLUMNS})",
    # ttl: title tokens, txt: body tokens; rowid = core_searchentry.id.
    "CREATE VIRTUAL TABLE core_searchentry_fts USING fts5("
    "ttl, txt, tokenize = 'unicode61 remove_diacritics 0')",
    *_INDEXES,
]
POSTGRES = [
    f"CREATE TABLE core_searchentry (id bigserial PRIMARY KEY, vec tsvector NOT NULL, {_COLUMNS})",
    "CREATE INDEX core_searchentry_vec ON core_searchentry USING gin (vec)",
    *_INDEXES,
]


def create(apps, schema_editor):
    statements = {"sqlite": SQLITE, "postgresql": POSTGRES}.get(schema_editor.connection.vendor, [])
    for sql in statements:
        schema_editor.execute(sql)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS core_searchentry_fts")
    schema_editor.execute("DROP TABLE IF EXISTS core_searchentry")


class Migration(migrations.Migration):
    dependencies: list = []

    operations = [migrations.RunPython(create, drop)]
