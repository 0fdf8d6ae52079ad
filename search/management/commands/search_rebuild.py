"""Rebuild the search index from the data: every registered kind, or the ones named."""

import sys
import time

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from search import indexing, registry


class Command(BaseCommand):
    help = "Index every searchable object again (all kinds, or those named)."

    def add_arguments(self, parser):
        parser.add_argument("kinds", nargs="*", help="Kinds to rebuild (default: all).")

    def handle(self, *args, **options):
        known = {kind.name for kind in registry.kinds()}
        unknown = sorted(set(options["kinds"]) - known)
        if unknown:
            raise CommandError(
                f"Unknown kind: {', '.join(unknown)}. Kinds: {', '.join(sorted(known))}."
            )
        chosen = [k for k in registry.kinds() if not options["kinds"] or k.name in options["kinds"]]
        started = time.monotonic()
        for kind in chosen:
            total = kind.queryset().count()
            with tqdm(
                total=total,
                desc=f"{kind.name:<14}",
                unit=" rows",
                unit_scale=True,
                file=sys.stderr,
                disable=options["verbosity"] < 1 or None,  # None: only on a terminal
            ) as bar:
                written = indexing.rebuild(kind, progress=bar.update)
            self.stdout.write(f"  {kind.name:<16} {written:>9,} entries")
        if not options["kinds"]:
            indexing.forget_unused_terms()
        self.stdout.write(
            self.style.SUCCESS(f"Search index rebuilt in {time.monotonic() - started:.1f} s.")
        )
