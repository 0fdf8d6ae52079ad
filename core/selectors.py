import functools
from dataclasses import dataclass

from django.db.models import QuerySet

from core.models import Country, KeyArea, Region

# Counts cached under a data version; the version, not this, renews them after a change.
COUNTS_CACHE_SECONDS = 600


def region_list() -> QuerySet[Region]:
    return Region.objects.all()


def country_list(*, region: str | None = None) -> QuerySet[Country]:
    countries = Country.objects.all()
    if region:
        countries = countries.filter(region_id=region)
    return countries


def key_area_list() -> QuerySet[KeyArea]:
    return KeyArea.objects.prefetch_related("sdg_goals", "dac_sectors")


@dataclass(frozen=True)
class Taxonomy:
    countries: dict[str, Country]
    regions: dict[str, Region]
    areas: list[KeyArea]


@functools.lru_cache(maxsize=1)
def taxonomy() -> Taxonomy:
    """The taxonomy rows, read once per process: they change only with a migration (a deploy),
    and the directory needs all of them on every page."""
    return Taxonomy(
        countries={country.code: country for country in Country.objects.select_related("region")},
        regions={region.code: region for region in Region.objects.all()},
        areas=list(KeyArea.objects.all()),
    )
