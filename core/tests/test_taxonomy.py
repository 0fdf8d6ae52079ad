import json
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import to_locale
from django_countries import countries

from core import taxonomy
from core.models import Country, DacSector, KeyArea, Region

IATI = Path(settings.BASE_DIR).parent / "shared" / "reference" / "iati" / "codelists.json"


@pytest.mark.django_db
def test_every_iso_country_is_placed_in_a_region():
    assert Country.objects.count() == len(countries) >= 249
    assert set(Country.objects.values_list("code", flat=True)) == {
        code for code, _name in countries
    }
    assert Country.objects.get(code="KZ").region_id == "143"  # Central Asia
    assert Country.objects.get(code="CN").region_id == "030"  # Eastern Asia
    assert Country.objects.get(code="EG").region_id == "015"  # Northern Africa
    assert Country.objects.get(code="BR").region_id == "005"  # South America


@pytest.mark.django_db
def test_regions_along_the_route_and_beyond():
    along = set(Region.objects.filter(along_route=True).values_list("code", flat=True))
    assert {"030", "143", "034", "035", "145"} <= along
    assert "005" not in along
    assert Region.objects.count() == len(taxonomy.REGIONS)


@pytest.mark.django_db
def test_key_areas_of_the_founding_text_map_to_sdgs_and_dac_sectors():
    areas = {
        area.slug: area for area in KeyArea.objects.prefetch_related("sdg_goals", "dac_sectors")
    }

    assert list(areas) == [
        "poverty-relief",
        "education",
        "health",
        "environmental-protection",
        "youth-training",
        "job-creation",
        "cultural-exchange",
    ]
    assert {goal.number for goal in areas["poverty-relief"].sdg_goals.all()} == {1, 2, 10}
    assert {goal.number for goal in areas["education"].sdg_goals.all()} == {4}
    assert "11330" in {sector.code for sector in areas["youth-training"].dac_sectors.all()}
    for area in areas.values():
        assert area.sdg_goals.exists()
        assert area.dac_sectors.exists()


@pytest.mark.skipif(
    not IATI.exists(), reason="the IATI reference codelists are not beside the repo"
)
@pytest.mark.django_db
def test_dac_codes_and_sdgs_come_from_the_official_iati_codelists():
    codelists = json.loads(IATI.read_text(encoding="utf-8"))
    sectors = codelists["Sector"]["codes"]
    goals = codelists["UNSDG-Goals"]["codes"]

    for area in taxonomy.KEY_AREAS:
        for code in area.dac_codes:
            assert sectors[code]["status"] == "active", code
        for number in area.sdg_goals:
            assert str(number) in goals
    active = {code for code, item in sectors.items() if item["status"] == "active"}
    assert set(DacSector.objects.values_list("code", flat=True)) == active


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["zh-hans", "ru", "ar", "fr", "es"])
def test_taxonomy_names_follow_the_readers_language(language):
    catalogue = polib.pofile(
        str(Path(settings.BASE_DIR) / "locale" / to_locale(language) / "LC_MESSAGES" / "django.po")
    )
    translated = {entry.msgid: entry.msgstr for entry in catalogue.translated_entries()}
    with translation.override("en"):
        names = [region.name for region in Region.objects.all()]
        names += [str(name) for name in taxonomy.CONTINENTS.values()]
        names += [str(area.name) for area in taxonomy.KEY_AREAS]
        names += [str(area.description) for area in taxonomy.KEY_AREAS]
        names += [str(name) for name in taxonomy.SDG_SHORT_NAMES.values()]
        english_germany = Country.objects.get(code="DE").name

    assert [name for name in names if name not in translated] == []
    with translation.override(language):
        assert Country.objects.get(code="DE").name != english_germany
        assert Region.objects.get(code="143").name == translated["Central Asia"]
        assert KeyArea.objects.get(slug="youth-training").name == translated["Youth training"]


@pytest.mark.django_db
def test_dac_sector_names_in_french_come_from_the_codelist():
    sector = DacSector.objects.get(code="11220")
    with translation.override("fr"):
        assert sector.name == "Enseignement primaire"
    with translation.override("zh-hans"):
        assert sector.name == "Primary education"  # the codelist has no Chinese names
