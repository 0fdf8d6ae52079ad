from django.db.models import QuerySet

from cooperation.models import Project
from core.models import Country, KeyArea, Region
from exchanges.models import Event
from members.models import Organization


def network_counts() -> dict[str, int]:
    """The live figures on the home page: four counting queries, whatever the size of the data."""
    members = Organization.objects.members()
    return {
        "members": members.count(),
        "countries": members.values("country_id").distinct().count(),
        "projects": Project.objects.count(),
        "events": Event.objects.count(),
    }


def region_list() -> QuerySet[Region]:
    return Region.objects.all()


def country_list(*, region: str | None = None) -> QuerySet[Country]:
    countries = Country.objects.all()
    if region:
        countries = countries.filter(region_id=region)
    return countries


def key_area_list() -> QuerySet[KeyArea]:
    return KeyArea.objects.prefetch_related("sdg_goals", "dac_sectors")
