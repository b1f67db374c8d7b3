"""A partial btree on the search index: the documents dated after the end of their year.

A standard published in year Y (its designation's year) but issued later, or dated later,
has sort_date >= 1 January Y+1 (`catalog.search.documents._sort_date`). They are few (a few
per thousand), and they are the only ones an age-bounded list (published up to some year)
has among the rows dated after that year: the research drill-down
(`research.services.drilldown`) reads them through this index and the rest by walking the
date index downwards. Rebuilds keep it: they empty the table (DELETE on SQLite, TRUNCATE on
PostgreSQL) and drop only the GIN indexes. Queries must repeat the predicate literally
(constants inline, no parameters) for either planner to use the index.
"""

from django.db import migrations

LATE = "sort_date >= (year + 1) * 10000 + 101"

FORWARD = [
    "CREATE INDEX IF NOT EXISTS catalog_searchdoc_late ON catalog_searchdoc "
    f"(year, sort_date, standard_id) WHERE {LATE}",
]
BACKWARD = ["DROP INDEX IF EXISTS catalog_searchdoc_late"]


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
