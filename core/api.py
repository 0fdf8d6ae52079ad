from ninja import Router, Schema
from ninja.decorators import decorate_view
from ninja.pagination import paginate

from core import selectors
from core.data_versions import TAXONOMY_VERSION
from core.page_cache import cache_anonymous_page
from core.pagination import Pagination

router = Router(tags=["taxonomy"])
# The taxonomy changes only with a release: its answers are cached whole for anonymous callers.
cached = decorate_view(cache_anonymous_page(version=lambda request: TAXONOMY_VERSION))


class RegionOut(Schema):
    code: str
    name: str
    continent_code: str
    continent: str
    along_route: bool

    @staticmethod
    def resolve_continent(obj) -> str:
        return obj.continent_name


class CountryOut(Schema):
    code: str
    name: str
    region: str

    @staticmethod
    def resolve_region(obj) -> str:
        return obj.region_id


class SdgOut(Schema):
    number: int
    name: str


class DacSectorOut(Schema):
    code: str
    name: str


class KeyAreaOut(Schema):
    slug: str
    name: str
    description: str
    sdg_goals: list[SdgOut]
    dac_sectors: list[DacSectorOut]

    @staticmethod
    def resolve_sdg_goals(obj):
        return list(obj.sdg_goals.all())

    @staticmethod
    def resolve_dac_sectors(obj):
        return list(obj.dac_sectors.all())


@router.get("/regions", response=list[RegionOut], auth=None, summary="Regions (UN M49 sub-regions)")
@paginate(Pagination)
@cached
def list_regions(request):
    return selectors.region_list()


@router.get("/countries", response=list[CountryOut], auth=None, summary="Countries (ISO 3166-1)")
@paginate(Pagination)
@cached
def list_countries(request, region: str | None = None):
    return selectors.country_list(region=region)


@router.get("/areas", response=list[KeyAreaOut], auth=None, summary="Key areas of cooperation")
@paginate(Pagination)
@cached
def list_areas(request):
    return selectors.key_area_list()
