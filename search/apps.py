from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def build_missing_index(sender, verbosity=1, using="default", **kwargs):
    """After migrating, fill an empty index from data that is already there (a database
    upgraded to a release with search, or restored without its index)."""
    from django.db import connections

    from search import indexing, registry
    from search.models import SearchEntry

    tables = set(connections[using].introspection.table_names())
    if SearchEntry._meta.db_table not in tables:  # migrated back past the index
        return
    if SearchEntry.objects.using(using).exists():
        return
    kinds = [
        kind
        for kind in registry.kinds()
        if kind.model._meta.db_table in tables and kind.queryset().using(using).exists()
    ]
    for kind in kinds:
        written = indexing.rebuild(kind)
        if verbosity >= 1:
            print(f"Search index: {written:,} {kind.name} entries built.")


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from core import seeding

        post_migrate.connect(build_missing_index, sender=self, dispatch_uid="search.build")
        # After every app's rows: the index is built for all of them at once.
        seeding.register("search.seeding", order=1000)
