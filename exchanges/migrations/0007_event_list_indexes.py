from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("exchanges", "0006_event_documents_and_gender")]

    operations = [
        migrations.AddIndex(
            model_name="event",
            index=models.Index(
                fields=["starts_on", "ends_on", "kind", "country"], name="event_span_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="event",
            index=models.Index(fields=["kind", "starts_on", "ends_on"], name="event_kind_idx"),
        ),
        migrations.AddIndex(
            model_name="event",
            index=models.Index(
                fields=["country", "kind", "starts_on", "ends_on"], name="event_country_kind_idx"
            ),
        ),
        # The planner's statistics, as seed_bulk leaves them, for the new indexes too.
        migrations.RunSQL("ANALYZE exchanges_event", reverse_sql=migrations.RunSQL.noop),
    ]
