"""Work out every demand's stored top matches again (cooperation.models.DemandMatch).

    manage.py demand_matches_refresh           # every demand, now
    manage.py demand_matches_refresh --if-changed   # only those that changes since can move

The worker does the second by itself after each change to organisations or projects (the
demands whose matches what changed in organisations and projects since the last refresh can
move); run the first after loading data around the services (an import, a restore, rows
changed by hand).
"""

import sys

from django.core.management.base import BaseCommand
from tqdm import tqdm

from cooperation.models import Demand
from cooperation.services import matches_refresh


class Command(BaseCommand):
    help = "Work out every demand's top matches again and keep them."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-changed",
            action="store_true",
            help="Only the demands that changes to organisations and projects since the last "
            "refresh can move.",
        )

    def handle(self, *args, if_changed=False, **options):
        with tqdm(
            total=Demand.objects.count(),
            desc="demand matches",
            unit=" demands",
            file=sys.stderr,
            disable=options["verbosity"] < 1 or None,
        ) as bar:
            refreshed = matches_refresh(force=not if_changed, fresh=True, progress=bar.update)
        self.stdout.write(f"{refreshed} demands' matches worked out again.")
