"""What each app makes searchable. An app registers its kinds in its `apps.py` (`ready()`):

    from search.registry import Document, SearchKind, register

    register(SearchKind(
        name="organization",
        label=_("Organisation"), plural=_("Organisations"),
        model=Organization,
        queryset=lambda: Organization.objects.select_related("country").prefetch_related("areas"),
        document=organization_document,        # a row -> Document, or None to keep it out
        url_name="members:profile",
        data_version=ORGANIZATIONS,            # core.data_versions: cached answers follow it
    ))

The index follows every save and delete of the kind's model (and changes to its many-to-many
fields) made through the ORM; `related` names other models whose changes alter documents, with
a function from a changed row to the primary keys of the documents to refresh. Bulk writes that
send no signals call `search.indexing.refresh(kind, ids)` themselves, or rebuild the index.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils.functional import Promise

PUBLIC = "public"
MEMBERS = "members"  # people working for a member organisation
STAFF = "staff"  # the Secretariat and site administrators
VISIBILITIES = (PUBLIC, MEMBERS, STAFF)


@dataclass(frozen=True)
class Document:
    """One object as the index holds it."""

    titles: dict[str, str]  # language -> title; the original language included
    original_language: str
    url_kwargs: dict[str, Any]
    bodies: dict[str, str] = field(default_factory=dict)  # language -> plain text
    keywords: str = ""  # also searched, never shown (a slug, a city, a code)
    visibility: str = PUBLIC
    countries: Iterable[str] = ()
    areas: Iterable[str] = ()
    status: str = ""


@dataclass(frozen=True)
class SearchKind:
    name: str
    label: str | Promise
    plural: str | Promise
    model: type[models.Model]
    queryset: Callable[[], models.QuerySet]
    document: Callable[[Any], Document | None]
    url_name: str
    data_version: str
    related: tuple[tuple[type[models.Model], Callable[[Any], Iterable[int]]], ...] = ()
    position: int = 100  # the order kinds are offered in
    # Listed on its own with a `q` (the directory): the kind keeps its own full-text index,
    # created by its app's migration with search.backends.kind_index_schema.
    own_index: bool = False


_kinds: dict[str, SearchKind] = {}
_audiences: list[Callable[[Any], set[str]]] = []


def register(kind: SearchKind) -> None:
    from search import indexing

    _kinds[kind.name] = kind
    indexing.follow(kind)


def kinds() -> list[SearchKind]:
    return sorted(_kinds.values(), key=lambda kind: (kind.position, kind.name))


def kind(name: str) -> SearchKind:
    return _kinds[name]


def is_kind(name: str) -> bool:
    return name in _kinds


def register_audience(levels_of: Callable[[Any], set[str]]) -> None:
    """An app that knows more about a reader than accounts do (members: who works for a member
    organisation) says which visibility levels the reader may see."""
    _audiences.append(levels_of)


def visibility_levels(user) -> set[str]:
    """What this reader may find: everyone the public entries; the Secretariat and site
    administrators everything; others what the registered audiences grant."""
    from accounts.rules import is_secretariat, is_site_admin

    levels = {PUBLIC}
    if user is None or not user.is_authenticated:
        return levels
    if is_secretariat(user) or is_site_admin(user):
        return set(VISIBILITIES)
    for levels_of in _audiences:
        levels |= levels_of(user)
    return levels


# Moved by a rebuild of the index (core.data_versions), which may change answers without any
# change to the data (an index that was out of step).
INDEX_VERSION = "search-index"


def data_versions() -> tuple[str, ...]:
    """The versions cached search answers are kept under: every kind's data, and the index."""
    return (*sorted({kind.data_version for kind in _kinds.values()}), INDEX_VERSION)
