"""A btree on the search index by (year, sort date, id), SQLite and PostgreSQL alike.

The research drill-down of standards older than some years (`research.services.drilldown`)
reads the few standards published up to a year but dated after it through this index, and
the rest by walking the date index downwards from that year's end. Rebuilds keep it: they
empty the table (DELETE on SQLite, TRUNCATE on PostgreSQL) and drop only the GIN indexes.
"""

from django.db import migrations

FORWARD = [
    "CREATE INDEX IF NOT EXISTS catalog_searchdoc_year_date ON catalog_searchdoc "
    "(year, sort_date, standard_id)",
]
BACKWARD = ["DROP INDEX IF EXISTS catalog_searchdoc_year_date"]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor in ("sqlite", "postgresql"):
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0006_import_run_state_on_job"),
    ]

    operations = [
        migrations.RunPython(_run(FORWARD), _run(BACKWARD)),
    ]
