"""Load a small, realistic, multilingual demo network into an empty database.

Every app writes its own demo rows (core.seeding); this command runs them in order, in one
transaction, the same on every run: fixed data, no randomness. It refuses to run when the database
already holds any of the demo's data, so running it twice never duplicates anything.
"""

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand
from django.db import transaction

from core import seeding

DEFAULT_PASSWORD = "sironet-demo"  # noqa: S105 (the published demo password)


class Command(BaseCommand):
    help = "Load a small multilingual demo network (organisations, people, events, demands, ...)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            default=DEFAULT_PASSWORD,
            help=f"Password of every demo account (default: {DEFAULT_PASSWORD}).",
        )

    def handle(self, *args, **options):
        existing = seeding.demo_found()
        if existing:
            self.stdout.write(
                self.style.WARNING(
                    "Demo data not loaded: the database already holds "
                    + ", ".join(existing)
                    + ". seed_demo only fills an empty database."
                )
            )
            return
        with transaction.atomic():
            # Hashed once: Argon2 is slow on purpose.
            context = seeding.DemoContext(password=make_password(options["password"]))
            for seeder in seeding.seeders():
                seed = seeder.hook("seed_demo")
                if seed is not None:
                    seed(context)
            counts = {label: rows.count() for label, rows in context.summary.items()}
        self.stdout.write(self.style.SUCCESS("Demo network loaded:"))
        for label, count in counts.items():
            self.stdout.write(f"  {label:<26} {count:>5}")
        if options["password"] == DEFAULT_PASSWORD:
            said = f"the password {DEFAULT_PASSWORD!r}"
        else:
            said = "the password given with --password"
        self.stdout.write(f"Demo accounts, all with {said}:")
        for label, emails in context.accounts:
            self.stdout.write(f"  {label:<20} {', '.join(emails)}")
