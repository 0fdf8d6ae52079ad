"""Limit and offset for every API list, bounded in one place.

Every list answers `{"count": N, "items": [...]}` and takes `limit` (1..MAX_LIMIT, PER_PAGE by
default) and `offset` (0..MAX_OFFSET). A value outside those bounds, or one that is not a whole
number, is refused by validation as a 422 naming the parameter (`loc: ["query", "offset"]`), in
the shape django-ninja gives every malformed input — never passed on to the database, where a
number beyond 64 bits is a server error on SQLite and on PostgreSQL alike.

- Lists built on a queryset: `@paginate(Pagination)` (also the project's NINJA_PAGINATION_CLASS).
- An endpoint that counts and slices its own results (search, say): take
  `page: Query[PageParams]` beside its other parameters and answer `page_of(results, page)`.
"""

from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

PER_PAGE: int = settings.NINJA_PAGINATION_PER_PAGE
MAX_LIMIT: int = settings.NINJA_PAGINATION_MAX_LIMIT
# Ten million rows: ten times the largest list of the benchmark data set (500,000 comments and
# votes at large scale), so no real page is ever out of reach, while offset + limit stays far
# below what a 32-bit integer holds. A larger offset could only ever answer an empty page.
MAX_OFFSET: int = 10_000_000


# An endpoint takes it as `page: Query[PageParams]`; its docstring is the public description.
class PageParams(Schema):
    """Which page of a list: how many items (`limit`) after how many skipped (`offset`)."""

    limit: int = Field(
        PER_PAGE, ge=1, le=MAX_LIMIT, description=f"How many items, 1 to {MAX_LIMIT}."
    )
    offset: int = Field(
        0, ge=0, le=MAX_OFFSET, description=f"How many items to skip, 0 to {MAX_OFFSET:,}."
    )


def page_of(results: Any, page: PageParams) -> dict[str, Any]:
    """One page of a queryset (or a list) and the count of all of it: `{"count", "items"}`."""
    count = results.count() if isinstance(results, QuerySet) else len(results)
    return {"count": count, "items": results[page.offset : page.offset + page.limit]}


class Pagination(LimitOffsetPagination):
    """ninja's limit/offset pagination with both parameters bounded (see PageParams)."""

    Input = PageParams

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_limit=MAX_LIMIT, **kwargs)

    def paginate_queryset(self, queryset, pagination: PageParams, request, **params):
        return page_of(queryset, pagination)
