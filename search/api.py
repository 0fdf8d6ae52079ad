"""GET /api/v1/search: the search page's answers for programs."""

from ninja import Field, Query, Router, Schema
from ninja.decorators import decorate_view
from pydantic import BaseModel

from accounts.auth import BearerToken
from core.page_cache import cache_anonymous_page
from core.pagination import PageParams
from search import selectors
from search.views import _version, search_selection

router = Router(tags=["search"])
cached = decorate_view(cache_anonymous_page(version=_version))


# Plain pydantic models: ninja's Schema wraps every value it reads in an attribute getter, which
# for a common word's two hundred countries cost more than the rest of the answer (and for a
# page's twenty results, a tenth of the answer).
class SearchItemOut(BaseModel):
    kind: str = Field(..., description="What was found: `organization`, …")
    id: int = Field(..., description="The object's id within its kind.")
    title: str = Field(
        ..., description="In the reader's language where it exists (Accept-Language)."
    )
    title_language: str
    url: str = Field(..., description="Its page, in the reader's language.")
    snippet: str = Field(..., description="A passage of its text around the first match.")
    title_highlighted: str = Field(
        ..., description="The title as HTML: escaped, with each match in <mark>."
    )
    snippet_highlighted: str = Field(
        ..., description="The snippet as HTML: escaped, with each match in <mark>."
    )
    countries: list[str] = Field(..., description="ISO 3166-1 alpha-2 codes.")
    areas: list[str] = Field(..., description="Key area slugs.")


def _item(hit) -> dict:
    return {
        "kind": hit.kind,
        "id": hit.object_id,
        "title": hit.title,
        "title_language": hit.title_language,
        "url": hit.url,
        "snippet": hit.snippet,
        "title_highlighted": str(hit.title_html),
        "snippet_highlighted": str(hit.snippet_html),
        "countries": hit.countries,
        "areas": hit.areas,
    }


class FacetCountOut(BaseModel):
    value: str
    label: str
    count: int | None = Field(
        ..., description="Null when the query has too many matches to count (`count_exact`)."
    )


class SearchFacetsOut(BaseModel):
    kinds: list[FacetCountOut]
    countries: list[FacetCountOut]
    areas: list[FacetCountOut]


class SearchOut(Schema):
    count: int = Field(
        ...,
        description=(
            "Matches under every filter given. When `count_exact` is false there are more than "
            "this many: a query found in much of the network is not counted to the end."
        ),
    )
    count_exact: bool = Field(..., description="Whether `count` is every match.")
    available: int = Field(
        ...,
        description=(
            "How many items `offset` can reach: `count` when exact, otherwise the matches "
            "ranked (title matches first)."
        ),
    )
    items: list[SearchItemOut]
    facets: SearchFacetsOut = Field(
        ..., description="Matches for each kind, country and key area under the other filters."
    )


class SearchQuery(Schema):
    q: str = Field(
        "",
        description=(
            "Words in any language or script; never syntax. Case, accents and one typo in a "
            "word of five letters or more are forgiven; a short word matches the start of words."
        ),
    )
    kind: str = Field("", max_length=40, description="Only this kind.")
    country: str = Field("", max_length=2, description="ISO 3166-1 alpha-2 code.")
    area: str = Field("", max_length=40, description="Key area slug.")


def _facets(values) -> list[dict]:
    return [{"value": v.value, "label": v.label, "count": v.count} for v in values]


@router.get(
    "/search",
    response=SearchOut,
    auth=None,
    summary="Search everything the network publishes",
    description=(
        "Ranked: the whole query as a title, then as the start of a title, then every word in a "
        "title, then a title word one typo away, then the rest. Anonymous callers find what is "
        "public; a bearer token finds what its owner may see."
    ),
)
@cached
def search(request, params: Query[SearchQuery], page: Query[PageParams]):
    if request.headers.get("Authorization"):
        BearerToken()(request)  # sets request.user when the token is good
    selected = search_selection(params.dict())
    results = selectors.search(
        query=selected["q"],
        reader=request.user,
        kind=selected["kind"],
        country=selected["country"],
        area=selected["area"],
        limit=page.limit,
        offset=page.offset,
    )
    return {
        "count": results.count,
        "count_exact": results.count_exact,
        "available": results.available,
        "items": [_item(hit) for hit in results.hits],
        "facets": {
            "kinds": _facets(results.kinds),
            "countries": _facets(results.countries),
            "areas": _facets(results.areas),
        },
    }
