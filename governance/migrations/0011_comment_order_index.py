from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [("governance", "0010_membership_approvals_in_register")]

    operations = [
        migrations.AddIndex(
            model_name='comment',
            index=models.Index(fields=['consultation', 'created_at', 'id'], name='comment_order_idx'),
        ),
        migrations.RunSQL("ANALYZE governance_comment", reverse_sql=migrations.RunSQL.noop),
    ]
