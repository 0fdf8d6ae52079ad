"""After every app's benchmark rows (written in bulk, which sends no signals): the index built
again for every kind, with a progress bar per kind. Demo rows are written through the ORM, which
indexes them as they are saved."""

from core.seeding import BulkContext
from search import indexing, registry


def seed_bulk(context: BulkContext) -> None:
    for kind in registry.kinds():
        with context.bar(f"search {kind.name}", kind.queryset().count()) as bar:
            written = indexing.rebuild(kind, progress=bar.update)
        context.written[f"search.SearchEntry ({kind.name})"] = written
    indexing.forget_unused_terms()
