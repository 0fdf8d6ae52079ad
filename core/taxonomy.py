"""The network's taxonomy as code: regions, key areas of cooperation and their mappings.

Names are marked for translation here; the database rows (core.models) carry codes and slugs
and look their names up here, so a name follows the reader's language.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


@dataclass(frozen=True)
class RegionInfo:
    code: str  # UN M49 sub-region code
    name: str
    continent: str  # UN M49 region code
    along_route: bool  # on the land and maritime Silk Road routes


CONTINENTS = {
    "002": _("Africa"),
    "019": _("Americas"),
    "142": _("Asia"),
    "150": _("Europe"),
    "009": _("Oceania"),
    "010": _("Antarctica"),
}

# UN M49 sub-regions. "Along the route" follows the land belt (China through Central, South and
# West Asia to Eastern and Southern Europe) and the maritime road (South-east Asia, South Asia,
# the Arabian peninsula, East and North Africa); every other region is "beyond".
REGIONS = [
    RegionInfo("030", _("Eastern Asia"), "142", True),
    RegionInfo("143", _("Central Asia"), "142", True),
    RegionInfo("034", _("Southern Asia"), "142", True),
    RegionInfo("035", _("South-eastern Asia"), "142", True),
    RegionInfo("145", _("Western Asia"), "142", True),
    RegionInfo("151", _("Eastern Europe"), "150", True),
    RegionInfo("039", _("Southern Europe"), "150", True),
    RegionInfo("015", _("Northern Africa"), "002", True),
    RegionInfo("014", _("Eastern Africa"), "002", True),
    RegionInfo("154", _("Northern Europe"), "150", False),
    RegionInfo("155", _("Western Europe"), "150", False),
    RegionInfo("011", _("Western Africa"), "002", False),
    RegionInfo("017", _("Middle Africa"), "002", False),
    RegionInfo("018", _("Southern Africa"), "002", False),
    RegionInfo("021", _("Northern America"), "019", False),
    RegionInfo("013", _("Central America"), "019", False),
    RegionInfo("029", _("Caribbean"), "019", False),
    RegionInfo("005", _("South America"), "019", False),
    RegionInfo("053", _("Australia and New Zealand"), "009", False),
    RegionInfo("054", _("Melanesia"), "009", False),
    RegionInfo("057", _("Micronesia"), "009", False),
    RegionInfo("061", _("Polynesia"), "009", False),
    RegionInfo("010", _("Antarctica"), "010", False),
]
REGIONS_BY_CODE = {region.code: region for region in REGIONS}


@dataclass(frozen=True)
class KeyAreaInfo:
    slug: str
    name: str
    description: str
    sdg_goals: tuple[int, ...]
    dac_codes: tuple[str, ...]  # OECD-DAC 5-digit purpose codes (IATI Sector codelist)


# The key areas of cooperation named in the founding text.
KEY_AREAS = [
    KeyAreaInfo(
        "poverty-relief",
        _("Poverty relief"),
        _("Livelihoods, food security and social protection for the poorest households."),
        (1, 2, 10),
        ("16010", "43072", "43040", "52010", "31120"),
    ),
    KeyAreaInfo(
        "education",
        _("Education"),
        _("Schools, teachers, literacy and lifelong learning."),
        (4,),
        ("11110", "11220", "11240", "11320", "11420"),
    ),
    KeyAreaInfo(
        "health",
        _("Health"),
        _("Basic health care, nutrition, disease control and health education."),
        (3,),
        ("12220", "12240", "12250", "12261", "14030"),
    ),
    KeyAreaInfo(
        "environmental-protection",
        _("Environmental protection"),
        _("Clean water, biodiversity, climate and environmental education."),
        (6, 13, 14, 15),
        ("41010", "41020", "41030", "41081", "14015"),
    ),
    KeyAreaInfo(
        "youth-training",
        _("Youth training"),
        _("Vocational and life-skills training for young people."),
        (4, 8),
        ("11330", "11231", "11430", "43081"),
    ),
    KeyAreaInfo(
        "job-creation",
        _("Job creation"),
        _("Employment, small enterprises, co-operatives and fair work."),
        (8, 1),
        ("16020", "32130", "25030", "31194", "24040"),
    ),
    KeyAreaInfo(
        "cultural-exchange",
        pgettext_lazy("key area", "Cultural and people-to-people exchange"),
        _("Exchanges of culture, heritage, sport and civil society between peoples."),
        (17, 16, 11),
        ("16066", "16065", "15150", "99820"),
    ),
]
KEY_AREAS_BY_SLUG = {area.slug: area for area in KEY_AREAS}

# Short names of the Sustainable Development Goals, as the UN uses them in its six languages.
SDG_SHORT_NAMES = {
    1: _("No poverty"),
    2: _("Zero hunger"),
    3: _("Good health and well-being"),
    4: _("Quality education"),
    5: _("Gender equality"),
    6: _("Clean water and sanitation"),
    7: _("Affordable and clean energy"),
    8: _("Decent work and economic growth"),
    9: _("Industry, innovation and infrastructure"),
    10: _("Reduced inequalities"),
    11: _("Sustainable cities and communities"),
    12: _("Responsible consumption and production"),
    13: _("Climate action"),
    14: _("Life below water"),
    15: _("Life on land"),
    16: _("Peace, justice and strong institutions"),
    17: _("Partnerships for the goals"),
}
