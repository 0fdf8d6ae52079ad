"""Reads that span several apps, for the project's own pages."""

from django.core.cache import cache

from cooperation.models import Project
from core import data_versions
from core.selectors import COUNTS_CACHE_SECONDS
from exchanges.models import Event
from members.selectors import DirectoryFilters, directory_counts


def network_counts() -> dict[str, int]:
    """The live figures on the home page. Members and their countries come from the directory's
    counts; projects and events are counted (a scan on PostgreSQL) and cached until they change."""
    members = directory_counts(DirectoryFilters())
    version = data_versions.current(data_versions.PROJECTS, data_versions.EVENTS)
    activity = cache.get_or_set(
        f"network_counts:{version}",
        lambda: {"projects": Project.objects.count(), "events": Event.objects.count()},
        timeout=COUNTS_CACHE_SECONDS,
    )
    return {"members": members["total"], "countries": len(members["country"]), **activity}
