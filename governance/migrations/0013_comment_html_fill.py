"""Fill the stored HTML of the comments (and their earlier versions) written before it was kept:
in batches by id, each batch read, rendered, and written by one executemany of plain UPDATEs by
primary key (psycopg pipelines them; a CASE over the batch, as bulk_update writes, cost twice the
rendering on SQLite), in the memory of one batch."""

from django.db import migrations

BATCH = 2000


def _fill(model, connection) -> None:
    from core.templatetags.markup import render_markdown

    quote = connection.ops.quote_name
    update = f"UPDATE {quote(model._meta.db_table)} SET {quote('html')} = %s WHERE {quote('id')} = %s"
    last = 0
    while True:
        batch = list(
            model.objects.using(connection.alias)
            .filter(pk__gt=last, html="")
            .order_by("pk")
            .values_list("pk", "text")[:BATCH]
        )
        if not batch:
            return
        # The discussion's headings start at h4 (governance.models.COMMENT_HEADING_LEVEL).
        rows = [(render_markdown(text, heading_level=4), pk) for pk, text in batch]
        with connection.cursor() as cursor:
            cursor.executemany(update, rows)
        last = batch[-1][0]


def fill(apps, schema_editor) -> None:
    connection = schema_editor.connection
    _fill(apps.get_model("governance", "Comment"), connection)
    _fill(apps.get_model("governance", "CommentRevision"), connection)


class Migration(migrations.Migration):
    dependencies = [("governance", "0012_comment_html")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop, elidable=True)]
