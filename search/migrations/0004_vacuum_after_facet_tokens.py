"""After 0003 wrote every entry again: on PostgreSQL the old row versions are reclaimed at once,
the GIN indexes' pending lists merged and the statistics read again (VACUUM ANALYZE, which
cannot run inside a transaction, hence a migration of its own). Left to autovacuum, searches
read through them until it ran: a name search in the directory took 56 ms instead of 6."""

from django.db import migrations


def vacuum(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE search_searchentry")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("search", "0003_facet_tokens")]

    operations = [migrations.RunPython(vacuum, migrations.RunPython.noop)]
