import functools
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import QuerySet

from cooperation.models import Project
from core import data_versions
from core.models import Country, KeyArea, Region
from exchanges.models import Event


def network_counts() -> dict[str, int]:
    """The live figures on the home page. Members and their countries come from the directory's
    counts; projects and events are counted (a scan on PostgreSQL) and cached until they change."""
    from members.selectors import DirectoryFilters, directory_counts

    members = directory_counts(DirectoryFilters())
    version = data_versions.current(data_versions.PROJECTS, data_versions.EVENTS)
    activity = cache.get_or_set(
        f"network_counts:{version}",
        lambda: {"projects": Project.objects.count(), "events": Event.objects.count()},
        timeout=COUNTS_CACHE_SECONDS,
    )
    return {"members": members["total"], "countries": len(members["country"]), **activity}


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
