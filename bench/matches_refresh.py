"""What one organisation's change costs the stored matches' refresh, against working out every
demand again (what every change cost before the refresh learned which demands can move).

    SIRONET_VAR_DIR=var/bench-sqlite-large python -m bench.matches_refresh [--changes 5]

On the database the environment names (after `seed_bulk`). Everything is done in one
transaction rolled back at the end: the database is left as it was. Prints, for the full
refresh and for each kind of change to a few organisations drawn at random, the CPU and wall
seconds and the demands worked out again.
"""

import argparse
import os
import random
import statistics
import time

CHANGES = ("key area added", "description", "country", "suspension")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=5, help="organisations changed per kind")
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sironet.settings")
    import django

    django.setup()
    from django.db import connection, transaction

    from cooperation import services
    from cooperation.models import Demand
    from core.models import KeyArea
    from core.multilingual import MultilingualText
    from members.models import Organization

    def measured(**options) -> tuple[float, float, int]:
        cpu, wall = time.process_time(), time.perf_counter()
        refreshed = services.matches_refresh(fresh=True, **options)
        return time.process_time() - cpu, time.perf_counter() - wall, refreshed

    rng = random.Random(options.seed)
    print(
        f"{connection.vendor}: {Organization.objects.filter(status='member').count():,} members,"
        f" {Demand.objects.count():,} demands"
    )
    from cooperation import matching

    with transaction.atomic():
        cpu = time.process_time()
        matching.build_index()
        print(
            f"reading the organisations (build_index, in every refresh): {time.process_time() - cpu:.2f} s CPU"
        )
        cpu, wall, refreshed = measured(force=True)
        print(f"every demand: {cpu:.1f} s CPU, {wall:.1f} s wall, {refreshed:,} demands")
        # As if every demand had been written long before: only what a change moves is counted.
        Demand.objects.update(updated_at=Demand.objects.order_by("created_at")[0].created_at)
        measured()
        members = list(Organization.objects.filter(status="member").order_by("pk"))
        areas = list(KeyArea.objects.values_list("pk", flat=True))
        countries = sorted({org.country_id for org in members})
        for change in CHANGES:
            figures = []
            for organization in rng.sample(members, options.changes):
                if change == "key area added":
                    has = set(organization.areas.values_list("pk", flat=True))
                    organization.areas.add(rng.choice([a for a in areas if a not in has]))
                elif change == "description":
                    words = "Clean water, school meals and training for young farmers."
                    organization.description = MultilingualText.create(words, "en")
                    organization.save()
                elif change == "country":
                    organization.country_id = rng.choice(countries)
                    organization.save()
                elif change == "suspension":
                    organization.status = Organization.Status.SUSPENDED
                    organization.save()
                figures.append(measured())
            cpu = [f[0] for f in figures]
            wall = [f[1] for f in figures]
            demands = [f[2] for f in figures]
            print(
                f"{change}: CPU median {statistics.median(cpu):.2f} s (max {max(cpu):.2f}),"
                f" wall median {statistics.median(wall):.2f} s,"
                f" demands median {statistics.median(demands):,.0f} (max {max(demands):,})"
            )
        transaction.set_rollback(True)


if __name__ == "__main__":
    main()
