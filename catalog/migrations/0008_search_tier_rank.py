"""PostgreSQL: the search index by tier in the order of the best standards first.

The comparison of two sets (`research.services.drilldown._set_rows`) reads each set's first
3,000 standards by status rank and date. For a set of one tier (group standards against
national ones) PostgreSQL walked `catalog_searchdoc_rank` and fetched every row to test its
tier: 80,000 heap reads, 420 ms at a million standards. By tier first it reads just the
3,000 (20 ms). SQLite keeps its plans: the rank walk reads rows stored next to each other.
Rebuilds keep the index (they empty the table and drop only the GIN indexes).
"""

from django.db import migrations

FORWARD = (
    "CREATE INDEX IF NOT EXISTS catalog_searchdoc_tier_rank ON catalog_searchdoc "
    "(tier, status_rank, sort_date DESC, standard_id)"
)
BACKWARD = "DROP INDEX IF EXISTS catalog_searchdoc_tier_rank"


def _run(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0007_search_late_dates"),
    ]

    operations = [
        migrations.RunPython(_run(FORWARD), _run(BACKWARD)),
    ]
