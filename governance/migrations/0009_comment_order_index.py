from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [("governance", "0008_working_groups")]

    operations = [
        migrations.AddIndex(
            model_name='comment',
            index=models.Index(fields=['consultation', 'created_at', 'id'], name='comment_order_idx'),
        ),
        migrations.RunSQL("ANALYZE governance_comment", reverse_sql=migrations.RunSQL.noop),
    ]
