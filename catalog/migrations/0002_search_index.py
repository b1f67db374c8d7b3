"""Search index tables: SQLite FTS5 or PostgreSQL tsvector + GIN, by database vendor."""

from django.db import migrations

_DOC_COLUMNS = """
    designation varchar(200) NOT NULL,
    series_key varchar(180) NOT NULL,
    main_number varchar(20) NOT NULL,
    sort_key varchar(250) NOT NULL,
    tier varchar(16) NOT NULL,
    status varchar(16) NOT NULL,
    status_rank smallint NOT NULL,
    mandate varchar(16) NOT NULL,
    publisher_id bigint NULL,
    year integer NULL,
    ics_root varchar(2) NOT NULL,
    ccs_root varchar(1) NOT NULL,
    sort_date integer NOT NULL
"""

_COMMON_INDEXES = [
    "CREATE INDEX catalog_searchdoc_date ON catalog_searchdoc (sort_date, standard_id)",
    "CREATE INDEX catalog_searchdoc_series ON catalog_searchdoc (series_key)",
    "CREATE INDEX catalog_searchdoc_tier ON catalog_searchdoc (tier)",
    "CREATE INDEX catalog_searchdoc_status ON catalog_searchdoc (status)",
    "CREATE INDEX catalog_searchdoc_publisher ON catalog_searchdoc (publisher_id)",
    "CREATE INDEX catalog_searchdoc_year ON catalog_searchdoc (year)",
    "CREATE INDEX catalog_searchdoc_ics ON catalog_searchdoc (ics_root)",
    "CREATE INDEX catalog_searchdoc_ccs ON catalog_searchdoc (ccs_root)",
    "CREATE TABLE catalog_searchmeta (key varchar(40) PRIMARY KEY, value bigint NOT NULL)",
    "INSERT INTO catalog_searchmeta (key, value) VALUES ('version', 0)",
]

SQLITE = [
    f"CREATE TABLE catalog_searchdoc (standard_id integer PRIMARY KEY, {_DOC_COLUMNS})",
    # Text arrives pre-tokenised (CJK bigrams, lower-case words), separated by spaces.
    # rowid = rank key (status, newest first, standard id); `fac` holds facet tokens.
    "CREATE VIRTUAL TABLE catalog_searchfts USING fts5("
    "des, num, txt, fac, tokenize = 'unicode61 remove_diacritics 0')",
    *_COMMON_INDEXES,
]

POSTGRES = [
    "CREATE TABLE catalog_searchdoc (standard_id bigint PRIMARY KEY, "
    f"des tsvector NOT NULL, num tsvector NOT NULL, txt tsvector NOT NULL, {_DOC_COLUMNS})",
    "CREATE INDEX catalog_searchdoc_des_gin ON catalog_searchdoc USING gin (des)",
    "CREATE INDEX catalog_searchdoc_num_gin ON catalog_searchdoc USING gin (num)",
    "CREATE INDEX catalog_searchdoc_txt_gin ON catalog_searchdoc USING gin (txt)",
    # The cheap order for large match sets: current first, newest first.
    "CREATE INDEX catalog_searchdoc_rank ON catalog_searchdoc "
    "(status_rank, sort_date DESC, standard_id)",
    *_COMMON_INDEXES,
]

DROP = [
    "DROP TABLE IF EXISTS catalog_searchmeta",
    "DROP TABLE IF EXISTS catalog_searchdoc",
]


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": SQLITE, "postgresql": POSTGRES}.get(vendor, [])
    for sql in statements:
        schema_editor.execute(sql)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        return
    if vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS catalog_searchfts")
    for sql in DROP:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create, drop),
    ]
