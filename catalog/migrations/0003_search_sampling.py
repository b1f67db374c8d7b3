"""PostgreSQL search: sampling lexemes in every document and btrees for ordered walks.

Every `txt` tsvector gains one position-less lexeme per bucket size (`_16.5` means
standard_id % 16 == 5), so that the GIN index can draw a sample of a large match set.
Two btrees let a large set be paged by date (oldest first) or by designation without
sorting every match. SQLite's full-text table needs neither.
"""

from django.db import migrations

BUCKETS = (4, 16, 64, 256)
_LEXEMES = "ARRAY[" + ", ".join(f"'_{k}.' || (standard_id %% {k})" for k in BUCKETS) + "]"

FORWARD = [
    f"UPDATE catalog_searchdoc SET txt = txt || array_to_tsvector({_LEXEMES})",
    "CREATE INDEX IF NOT EXISTS catalog_searchdoc_date_asc ON catalog_searchdoc "
    "((CASE WHEN sort_date = 0 THEN 1 ELSE 0 END), sort_date, standard_id)",
    "CREATE INDEX IF NOT EXISTS catalog_searchdoc_sort_key ON catalog_searchdoc (sort_key)",
]
BACKWARD = [
    f"UPDATE catalog_searchdoc SET txt = ts_delete(txt, {_LEXEMES})",
    "DROP INDEX IF EXISTS catalog_searchdoc_date_asc",
    "DROP INDEX IF EXISTS catalog_searchdoc_sort_key",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0002_search_index"),
    ]

    operations = [
        migrations.RunPython(_run(FORWARD), _run(BACKWARD)),
    ]
