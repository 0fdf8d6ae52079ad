"""The directory's counts, checked against a plain count for each facet on generated data."""

import itertools

import pytest
from django.core.management import call_command
from django.db.models import Count

from members.selectors import (
    FACET_LANGUAGES,
    DirectoryFilters,
    _facet_counts,
    _filtered_members,
)


def counted_one_by_one(filters: DirectoryFilters) -> dict:
    def facet(skip: str, field: str) -> dict:
        members = _filtered_members(filters, skip=(skip,))
        counted = members.values_list(field).annotate(n=Count("pk")).values_list(field, "n")
        return {value: n for value, n in counted if value is not None}  # no area: no count

    without_language = _filtered_members(filters, skip=("language",))
    return {
        "country": facet("country", "country_id"),
        "region": facet("region", "country__region_id"),
        "area": facet("area", "areas__slug"),
        "language": {
            code: without_language.filter(languages_text__contains=f" {code} ").count()
            for code in FACET_LANGUAGES
        },
        "total": _filtered_members(filters).count(),
    }


@pytest.mark.django_db
def test_each_facet_counts_the_members_matching_every_other_filter():
    call_command("seed_bulk", "--scale", "small", "--factor", "0.5", verbosity=0)
    everyone = counted_one_by_one(DirectoryFilters())
    # The data has members in the countries, regions and languages filtered on below.
    assert everyone["country"]["CN"] and everyone["country"]["KZ"]
    assert everyone["region"]["143"] and everyone["region"]["030"]
    assert everyone["language"]["ru"] and everyone["language"]["zh-hans"]
    combinations = itertools.product(
        ["", "a"], ["", "CN", "KZ"], ["", "143", "030"], ["", "health"], ["", "ru", "zh-hans"]
    )
    for q, country, region, area, language in combinations:
        filters = DirectoryFilters(
            q=q, country=country, region=region, area=area, language=language
        )
        assert _facet_counts(filters) == counted_one_by_one(filters), filters
