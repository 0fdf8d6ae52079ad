"""Indexes for the demands and projects lists' counts and a country's page. Statistics are
read again at once: with the old ones (no figures for the new indexes), SQLite read a status's
projects through the count index and sorted them (0.1 -> 6.5 ms a page)."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('cooperation', '0008_demand_match'),
        ('core', '0003_data_version'),
        ('members', '0006_search_index_of_organizations'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name='demand',
            index=models.Index(fields=['moderation', 'country', '-created_at'], name='demand_country_idx'),
        ),
        migrations.AddIndex(
            model_name='demand',
            index=models.Index(fields=['moderation', 'country', 'status', 'urgency', 'area'], name='demand_counts_idx'),
        ),
        migrations.AddIndex(
            model_name='project',
            index=models.Index(fields=['status', 'area'], name='project_counts_idx'),
        ),
        migrations.RunSQL(
            ["ANALYZE cooperation_demand", "ANALYZE cooperation_project"],
            migrations.RunSQL.noop,
        ),
    ]
