from django.db import migrations


def load(apps, schema_editor):
    from core.taxonomy_loader import load_taxonomy

    load_taxonomy(apps)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
