"""The organisations' own full-text index, for the directory's `q`: it reads only their
matches, not those of every kind (search.backends.kind_index_schema, SearchKind.own_index)."""

from django.db import migrations

from search.backends import kind_index_schema


def create(apps, schema_editor):
    for statement in kind_index_schema(schema_editor.connection.vendor, "organization"):
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    for statement in kind_index_schema(schema_editor.connection.vendor, "organization", undo=True):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0005_directory_snapshot_index"),
        ("search", "0002_full_text"),
    ]

    operations = [migrations.RunPython(create, drop)]
