"""Generate the benchmark data set: many organisations with their people, demands, projects and
events, fast.

    manage.py seed_bulk --scale large            # >= 10,000 organisations, 50,000 people, ...
    manage.py seed_bulk --scale small --clear    # replace earlier bulk rows with a small set

Every app writes its own rows (core.seeding, and core.seeding.bulk for what they share); this
command runs them in order. The data is deterministic: the same --seed gives the same rows. Bulk
rows are recognisable, so --clear removes them and nothing else. Rows are written with bulk_create
in batches, in one transaction, and work on SQLite and PostgreSQL alike.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from core import seeding
from core.data_versions import counted_once
from core.models import Country

DEFAULT_SEED = 20171121
# Small and medium are 1/100 and 1/10 of large.
SCALES = {"small": 0.01, "medium": 0.1, "large": 1.0}


class Command(BaseCommand):
    help = (
        "Generate the benchmark data set in bulk: organisations with their people, staff, "
        "contacts, membership applications, votes and history; demands, projects and events."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), default="small")
        parser.add_argument(
            "--factor",
            type=float,
            default=1.0,
            help="Multiply every row count by this (for quick test runs, e.g. 0.1).",
        )
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
        parser.add_argument(
            "--clear",
            action="store_true",
            help=(
                'Delete earlier bulk rows first (organisations "bulk-…", people '
                '"…@people.example.org" and the rows pointing to them).'
            ),
        )
        parser.add_argument("--batch-size", type=int, default=2000)

    def handle(self, *args, **options):
        if options["factor"] <= 0:
            raise CommandError("--factor must be greater than 0.")
        multiplier = SCALES[options["scale"]] * options["factor"]
        seeders = seeding.seeders()
        counts: dict[str, int] = {}
        touched: list[str] = []  # the kinds of data the run changes (core.data_versions)
        for seeder in seeders:
            rows = seeder.hook("bulk_rows")
            if rows is not None:
                counts.update(rows(multiplier))
            for kind in seeder.hook("BULK_DATA_VERSIONS") or ():
                if kind not in touched:
                    touched.append(kind)
        context = seeding.BulkContext(
            seed=options["seed"],
            counts=counts,
            batch_size=max(1, options["batch_size"]),
            progress=options["verbosity"] >= 1,
        )
        started = time.monotonic()

        if options["clear"]:
            self.clear(context, seeders, touched)
        context.countries = list(Country.objects.order_by("code").values_list("code", flat=True))
        if not context.countries:
            raise CommandError("No countries: run `manage.py migrate` first (it loads them).")

        self.stdout.write(
            f"Generating scale {options['scale']} (x{multiplier:g}) on {connection.vendor}: "
            + ", ".join(f"{n:,} {name}" for name, n in counts.items())
        )
        # bulk_create sends no signals: count the changes once, for cached pages and counts.
        with transaction.atomic(), counted_once(*touched):
            for seeder in seeders:
                seed = seeder.hook("seed_bulk")
                if seed is not None:
                    seed(context)
        # Fresh statistics, so the query planner knows the tables are no longer tiny; on
        # PostgreSQL also the row versions the run replaced reclaimed (VACUUM, outside any
        # transaction), as autovacuum would do later: the search vocabulary, written twice,
        # left 265,000 dead rows that every typo lookup read through, on a server with
        # autovacuum off (as CI's and this machine's are) for ever.
        with connection.cursor() as cursor:
            vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
            cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")

        elapsed = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"Done in {elapsed:.1f} s. Rows written:"))
        for table, rows in context.written.items():
            self.stdout.write(f"  {table:<44} {rows:>9,}")
        self.stdout.write(f"  {'total':<44} {sum(context.written.values()):>9,}")

    def clear(
        self, context: seeding.BulkContext, seeders: list[seeding.Seeder], touched: list[str]
    ) -> None:
        """Delete earlier bulk rows, and every row that points to a bulk organisation or person:
        each seeder its own, the last first."""
        started = time.monotonic()
        # One count per kind of data, not one per deleted row.
        with transaction.atomic(), counted_once(*touched):
            for seeder in reversed(seeders):
                clear = seeder.hook("clear_bulk")
                if clear is not None:
                    clear(context)
        elapsed = time.monotonic() - started
        rows = {label: n for label, n in context.deleted.items() if n}
        self.stdout.write(
            f"Cleared earlier bulk rows in {elapsed:.1f} s" + (":" if rows else ": none.")
        )
        for label, n in rows.items():
            self.stdout.write(f"  {label:<44} {n:>9,}")
