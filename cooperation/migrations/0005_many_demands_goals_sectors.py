"""A project answers several demands (the one it linked is kept), and carries its own SDG goals
and OECD-DAC sectors beyond its key area's."""

from django.db import migrations, models


def link_demands(apps, schema_editor):
    Project = apps.get_model("cooperation", "Project")
    through = Project.demands.through
    through.objects.bulk_create(
        [
            through(project_id=project_id, demand_id=demand_id)
            for project_id, demand_id in Project.objects.filter(demand__isnull=False)
            .values_list("pk", "demand_id")
            .iterator(chunk_size=2000)
        ],
        batch_size=2000,
    )


def unlink_demands(apps, schema_editor):
    Project = apps.get_model("cooperation", "Project")
    for project in Project.objects.prefetch_related("demands").iterator(chunk_size=2000):
        first = min((d.pk for d in project.demands.all()), default=None)
        if first is not None:
            Project.objects.filter(pk=project.pk).update(demand_id=first)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("cooperation", "0004_progress_photos"),
    ]

    operations = [
        migrations.AlterField(
            model_name="project",
            name="demand",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=models.SET_NULL,
                related_name="+",
                to="cooperation.demand",
            ),
        ),
        migrations.AddField(
            model_name="project",
            name="demands",
            field=models.ManyToManyField(
                blank=True,
                related_name="projects",
                to="cooperation.demand",
                verbose_name="demands it answers",
            ),
        ),
        migrations.RunPython(link_demands, unlink_demands),
        migrations.RemoveField(model_name="project", name="demand"),
        migrations.AddField(
            model_name="project",
            name="sdg_goals",
            field=models.ManyToManyField(
                blank=True, related_name="projects", to="core.sdggoal", verbose_name="more SDGs"
            ),
        ),
        migrations.AddField(
            model_name="project",
            name="dac_sectors",
            field=models.ManyToManyField(
                blank=True,
                related_name="projects",
                to="core.dacsector",
                verbose_name="more OECD-DAC sectors",
            ),
        ),
    ]
