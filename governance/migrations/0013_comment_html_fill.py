"""Fill the stored HTML of the comments (and their earlier versions) written before it was kept:
in batches by id, each batch read, rendered and written at once, so 250,000 comments take a few
hundred round trips and the memory of one batch."""

from django.db import migrations

BATCH = 2000


def _fill(model) -> None:
    from core.templatetags.markup import render_markdown

    last = 0
    while True:
        batch = list(
            model.objects.filter(pk__gt=last, html="").order_by("pk").only("pk", "text")[:BATCH]
        )
        if not batch:
            return
        for row in batch:
            # The discussion's headings start at h4 (governance.models.COMMENT_HEADING_LEVEL).
            row.html = render_markdown(row.text, heading_level=4)
        model.objects.bulk_update(batch, ["html"], batch_size=500)
        last = batch[-1].pk


def fill(apps, schema_editor) -> None:
    _fill(apps.get_model("governance", "Comment"))
    _fill(apps.get_model("governance", "CommentRevision"))


class Migration(migrations.Migration):
    dependencies = [("governance", "0012_comment_html")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop, elidable=True)]
