"""Organisations keep what people wrote, in any script."""

import pytest

from core.models import Country
from core.multilingual import MultilingualText
from members.models import Organization


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name",
    [
        "丝绸之路民间合作促进会",
        "جمعية طريق الحرير للتعاون",
        "Фонд Шёлкового пути",
        "Fundación Ruta de la Seda",
    ],
)
def test_names_in_original_scripts_round_trip_through_the_database(name):
    Organization.objects.create(
        slug="x",
        name=MultilingualText.create(name, "zh-hans"),
        country=Country.objects.get(code="CN"),
    )

    assert Organization.objects.get(slug="x").name.original_text == name
