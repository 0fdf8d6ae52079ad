"""Filters in the full-text index: each entry's kind, countries and key areas as tokens
(SearchEntry.facets, search.text.facet_tokens) that the index intersects with a query's words.
On SQLite both FTS5 tables are made again with a second column, `facets` (the grams table keeps
the tokens' first character in a token); on PostgreSQL a GIN index holds them as an array.

Filling the column and the new tables reads every entry once (at 430,000 entries: a few
minutes); `manage.py search_rebuild` makes the same from the data."""

from django.db import migrations, models

from search.text import facet_tokens

BATCH = 2000

SQLITE_TRIGGERS = ("search_entry_inserted", "search_entry_deleted", "search_entry_updated")


def _sqlite_schema(with_facets: bool) -> list[str]:
    columns = ", facets" if with_facets else ""
    tokenchars = " tokenchars ''#%!''" if with_facets else ""
    new = ", new.facets" if with_facets else ""
    old = ", old.facets" if with_facets else ""
    table = "search_searchentry"
    return [
        f"""CREATE VIRTUAL TABLE search_fts USING fts5(
            document{columns}, content='{table}', content_rowid='id', tokenize='trigram')""",
        f"""CREATE VIRTUAL TABLE search_grams USING fts5(
            grams{columns}, content='{table}', content_rowid='id',
            tokenize='unicode61 remove_diacritics 0{tokenchars}')""",
        f"INSERT INTO search_fts(rowid, document{columns}) "
        f"SELECT id, document{columns} FROM {table}",
        f"INSERT INTO search_grams(rowid, grams{columns}) SELECT id, grams{columns} FROM {table}",
        f"""CREATE TRIGGER search_entry_inserted AFTER INSERT ON {table} BEGIN
            INSERT INTO search_fts(rowid, document{columns}) VALUES (new.id, new.document{new});
            INSERT INTO search_grams(rowid, grams{columns}) VALUES (new.id, new.grams{new});
        END""",
        f"""CREATE TRIGGER search_entry_deleted AFTER DELETE ON {table} BEGIN
            INSERT INTO search_fts(search_fts, rowid, document{columns})
                VALUES ('delete', old.id, old.document{old});
            INSERT INTO search_grams(search_grams, rowid, grams{columns})
                VALUES ('delete', old.id, old.grams{old});
        END""",
        f"""CREATE TRIGGER search_entry_updated AFTER UPDATE ON {table} BEGIN
            INSERT INTO search_fts(search_fts, rowid, document{columns})
                VALUES ('delete', old.id, old.document{old});
            INSERT INTO search_grams(search_grams, rowid, grams{columns})
                VALUES ('delete', old.id, old.grams{old});
            INSERT INTO search_fts(rowid, document{columns}) VALUES (new.id, new.document{new});
            INSERT INTO search_grams(rowid, grams{columns}) VALUES (new.id, new.grams{new});
        END""",
    ]


def _drop_sqlite_tables(schema_editor) -> None:
    for trigger in SQLITE_TRIGGERS:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    schema_editor.execute("DROP TABLE IF EXISTS search_grams")
    schema_editor.execute("DROP TABLE IF EXISTS search_fts")


def _fill(schema_editor) -> None:
    """Each entry's tokens, from the facets it already holds (" CN KZ ")."""
    connection = schema_editor.connection
    last = 0
    with connection.cursor() as cursor:
        while True:
            cursor.execute(
                "SELECT id, kind, countries, areas FROM search_searchentry "
                "WHERE id > %s ORDER BY id LIMIT %s",
                [last, BATCH],
            )
            rows = cursor.fetchall()
            if not rows:
                return
            cursor.executemany(
                "UPDATE search_searchentry SET facets = %s WHERE id = %s",
                [
                    (
                        " ".join(
                            facet_tokens(
                                kind=kind, countries=countries.split(), areas=areas.split()
                            )
                        ),
                        pk,
                    )
                    for pk, kind, countries, areas in rows
                ],
            )
            last = rows[-1][0]


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        # Without the triggers while the column is filled: each update would index the
        # entry's words again.
        _drop_sqlite_tables(schema_editor)
        _fill(schema_editor)
        for statement in _sqlite_schema(with_facets=True):
            schema_editor.execute(statement)
    elif vendor == "postgresql":
        _fill(schema_editor)
        schema_editor.execute(
            "CREATE INDEX search_entry_facet_tokens ON search_searchentry "
            "USING gin (string_to_array(facets, ' '))"
        )
        # Every row was written again: 0004 vacuums the table (which also merges the GIN
        # indexes' pending lists and reads its statistics again) outside this transaction.
    else:
        raise NotImplementedError(f"search has no backend for {vendor}")


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        _drop_sqlite_tables(schema_editor)
        for statement in _sqlite_schema(with_facets=False):
            schema_editor.execute(statement)
    elif vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_entry_facet_tokens")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_full_text")]

    operations = [
        # Added in place: Django's SQLite AddField of a NOT NULL column copies the table into
        # a new one, which drops the triggers and indexes made here in SQL (search and each
        # kind's own index).
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name="searchentry",
                    name="facets",
                    field=models.TextField(default="", editable=False),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    "ALTER TABLE search_searchentry ADD COLUMN facets text NOT NULL DEFAULT ''",
                    "ALTER TABLE search_searchentry DROP COLUMN facets",
                ),
            ],
        ),
        migrations.RunPython(forwards, backwards),
    ]
