"""Fill the taxonomy tables from core/taxonomy.py and core/data/. Safe to run again."""

import json
from pathlib import Path

from core import taxonomy

DATA_DIR = Path(__file__).resolve().parent / "data"


def read_data(name: str):
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


def load_taxonomy(apps) -> None:
    Region = apps.get_model("core", "Region")
    Country = apps.get_model("core", "Country")
    SdgGoal = apps.get_model("core", "SdgGoal")
    DacSector = apps.get_model("core", "DacSector")
    KeyArea = apps.get_model("core", "KeyArea")

    for position, region in enumerate(taxonomy.REGIONS):
        Region.objects.update_or_create(
            code=region.code,
            defaults={
                "continent_code": region.continent,
                "along_route": region.along_route,
                "position": position,
            },
        )
    for code, region_code in read_data("country_regions.json").items():
        Country.objects.update_or_create(code=code, defaults={"region_id": region_code})
    for number, goal in read_data("sdg_goals.json").items():
        SdgGoal.objects.update_or_create(
            number=int(number), defaults={"official_name": goal["name"]}
        )
    for code, sector in read_data("dac_sectors.json").items():
        DacSector.objects.update_or_create(
            code=code, defaults={"category": sector.get("category", ""), "names": sector["name"]}
        )
    for position, area in enumerate(taxonomy.KEY_AREAS):
        row, _created = KeyArea.objects.update_or_create(
            slug=area.slug, defaults={"position": position}
        )
        row.sdg_goals.set(area.sdg_goals)
        row.dac_sectors.set(area.dac_codes)
