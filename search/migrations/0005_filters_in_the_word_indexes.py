"""On PostgreSQL, the filters' tokens join the words in one GIN index each (the trigrams of
`document`, the title words of `grams`), instead of an index of their own.

A filtered search had two indexes make a list each and intersect them (a key area's list holds
fifty thousand entries: 5 ms to build on every such search), or, where the planner guessed the
word rare, checked the filter on every row the word matched ("youth" in one key area: 3,600
rows read for 92). One index over both columns intersects them as it reads, skipping through
the longer list: 1-2 ms, and only the rows that match are read. A query without filters uses
the same indexes. SQLite's full-text tables hold the tokens beside the words already (0003).

Building both takes about 20 seconds at 430,000 entries."""

from django.db import migrations

NEW = [
    """CREATE INDEX search_entry_document_facets ON search_searchentry
        USING gin (document gin_trgm_ops, string_to_array(facets, ' '))""",
    """CREATE INDEX search_entry_grams_facets ON search_searchentry
        USING gin (to_tsvector('simple'::regconfig, grams), string_to_array(facets, ' '))""",
]
OLD = [
    "CREATE INDEX search_entry_document_trgm ON search_searchentry "
    "USING gin (document gin_trgm_ops)",
    "CREATE INDEX search_entry_grams_fts ON search_searchentry "
    "USING gin (to_tsvector('simple'::regconfig, grams))",
    "CREATE INDEX search_entry_facet_tokens ON search_searchentry "
    "USING gin (string_to_array(facets, ' '))",
]


def _run(schema_editor, create: list[str], drop: list[str]) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("SET LOCAL maintenance_work_mem = '256MB'")
    for statement in create:
        schema_editor.execute(statement)
    for index in drop:
        schema_editor.execute(f"DROP INDEX IF EXISTS {index}")
    schema_editor.execute("ANALYZE search_searchentry")


def forwards(apps, schema_editor):
    _run(
        schema_editor,
        NEW,
        ["search_entry_document_trgm", "search_entry_grams_fts", "search_entry_facet_tokens"],
    )


def backwards(apps, schema_editor):
    _run(schema_editor, OLD, ["search_entry_document_facets", "search_entry_grams_facets"])


class Migration(migrations.Migration):
    dependencies = [("search", "0004_vacuum_after_facet_tokens")]

    operations = [migrations.RunPython(forwards, backwards)]
