"""On PostgreSQL, a GIN index of the first one to four characters of each title word, with the
filters' tokens (search.backends.TITLE_PREFIXES): the start of a title word typed so far ("l",
"yout") is then one list of this index, not every title word starting so gathered from the
index of `grams`. Building it takes about a minute at 430,000 entries. SQLite's full-text
table keeps such lists itself (0007)."""

from django.db import migrations

# As search.backends.TITLE_PREFIXES wrote it when this was written: the index is only used by
# queries that write the same expression.
PREFIXES = r"regexp_replace(grams, '(\S)(\S?)(\S?)(\S?)\S*', '\1 \1\2 \1\2\3 \1\2\3\4', 'g')"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("SET LOCAL maintenance_work_mem = '256MB'")
    schema_editor.execute(
        "CREATE INDEX search_entry_title_prefixes ON search_searchentry USING gin "
        f"(to_tsvector('simple'::regconfig, {PREFIXES}), string_to_array(facets, ' '))"
    )
    schema_editor.execute("ANALYZE search_searchentry")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_entry_title_prefixes")


class Migration(migrations.Migration):
    dependencies = [("search", "0007_short_prefixes_in_the_title_words")]

    operations = [migrations.RunPython(forwards, backwards)]
