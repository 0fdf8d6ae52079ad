import functools
from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet
from django.utils import translation

from core.models import Country, KeyArea, Region, country_name

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


def country_choices(language: str | None = None) -> list[tuple[str, str]]:
    """Every country as (code, name), named in a language (the reader's unless given) and
    sorted by that name: the choices of every country select."""
    return list(_country_choices(language or translation.get_language() or settings.LANGUAGE_CODE))


@functools.lru_cache(maxsize=16)
def _country_choices(language: str) -> tuple[tuple[str, str], ...]:
    # Worked out once per language: the taxonomy is read once per process, and naming and
    # sorting two hundred countries took longer than the rest of a list page.
    pairs = ((code, country_name(code, language)) for code in taxonomy().countries)
    return tuple(sorted(pairs, key=lambda pair: pair[1].casefold()))
