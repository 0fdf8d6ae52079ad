"""The database's own full-text structures over search_searchentry (see search/backends.py):
FTS5 tables and triggers on SQLite, pg_trgm and full-text GIN indexes on PostgreSQL."""

from django.db import migrations

SQLITE_SCHEMA = [
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        document, content='search_searchentry', content_rowid='id', tokenize='trigram')""",
    """CREATE VIRTUAL TABLE search_grams USING fts5(
        grams, content='search_searchentry', content_rowid='id',
        tokenize='unicode61 remove_diacritics 0')""",
    # What the facet counts and the ranking read of each match, without touching the wide
    # rows (their long texts): a covering index, looked up by id.
    """CREATE INDEX search_entry_facets ON search_searchentry
        (id, visibility, kind, countries, areas, sort_key, title_text)""",
    """CREATE TRIGGER search_entry_inserted AFTER INSERT ON search_searchentry BEGIN
        INSERT INTO search_fts(rowid, document) VALUES (new.id, new.document);
        INSERT INTO search_grams(rowid, grams) VALUES (new.id, new.grams);
    END""",
    """CREATE TRIGGER search_entry_deleted AFTER DELETE ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, document) VALUES ('delete', old.id, old.document);
        INSERT INTO search_grams(search_grams, rowid, grams) VALUES ('delete', old.id, old.grams);
    END""",
    """CREATE TRIGGER search_entry_updated AFTER UPDATE ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, document) VALUES ('delete', old.id, old.document);
        INSERT INTO search_grams(search_grams, rowid, grams) VALUES ('delete', old.id, old.grams);
        INSERT INTO search_fts(rowid, document) VALUES (new.id, new.document);
        INSERT INTO search_grams(rowid, grams) VALUES (new.id, new.grams);
    END""",
]
SQLITE_SCHEMA_UNDO = [
    "DROP TRIGGER IF EXISTS search_entry_updated",
    "DROP TRIGGER IF EXISTS search_entry_deleted",
    "DROP TRIGGER IF EXISTS search_entry_inserted",
    "DROP TABLE IF EXISTS search_grams",
    "DROP TABLE IF EXISTS search_fts",
    "DROP INDEX IF EXISTS search_entry_facets",
]
POSTGRES_SCHEMA = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    # Kept in the row (compressed) rather than out of line: the planner then knows what
    # reading every document costs, and prefers the trigram index where it should.
    "ALTER TABLE search_searchentry ALTER COLUMN document SET STORAGE MAIN",
    """CREATE INDEX search_entry_document_trgm ON search_searchentry
        USING gin (document gin_trgm_ops)""",
    """CREATE INDEX search_entry_grams_fts ON search_searchentry
        USING gin (to_tsvector('simple'::regconfig, grams))""",
]
POSTGRES_SCHEMA_UNDO = [
    "DROP INDEX IF EXISTS search_entry_grams_fts",
    "DROP INDEX IF EXISTS search_entry_document_trgm",
]


def schema(vendor: str, *, undo: bool = False) -> list[str]:
    if vendor == "sqlite":
        return SQLITE_SCHEMA_UNDO if undo else SQLITE_SCHEMA
    if vendor == "postgresql":
        return POSTGRES_SCHEMA_UNDO if undo else POSTGRES_SCHEMA
    raise NotImplementedError(f"search has no backend for {vendor}")


def create(apps, schema_editor):
    for statement in schema(schema_editor.connection.vendor):
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    for statement in schema(schema_editor.connection.vendor, undo=True):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
