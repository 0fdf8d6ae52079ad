from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [("cooperation", "0003_milestones")]

    operations = [
        migrations.AddIndex(
            model_name='demand',
            index=models.Index(fields=['moderation', 'area', '-created_at'], name='demand_area_idx'),
        ),
        migrations.AddIndex(
            model_name='demand',
            index=models.Index(fields=['moderation', 'status', '-created_at'], name='demand_status_idx'),
        ),
        migrations.AddIndex(
            model_name='demand',
            index=models.Index(fields=['moderation', 'urgency', '-created_at'], name='demand_urgency_idx'),
        ),
        migrations.AddIndex(
            model_name='project',
            index=models.Index(fields=['-starts_on', '-id'], name='project_starts_idx'),
        ),
        migrations.AddIndex(
            model_name='project',
            index=models.Index(fields=['status', '-starts_on', '-id'], name='project_status_idx'),
        ),
        migrations.AddIndex(
            model_name='project',
            index=models.Index(fields=['area', '-starts_on', '-id'], name='project_area_idx'),
        ),
        migrations.RunSQL("ANALYZE cooperation_demand", reverse_sql=migrations.RunSQL.noop),
        migrations.RunSQL("ANALYZE cooperation_project", reverse_sql=migrations.RunSQL.noop),
    ]
