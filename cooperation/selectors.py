"""Reads about demands, offers and projects, shared by the pages and the API. Query counts do not
grow with the data."""

from __future__ import annotations

import hashlib
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, fields
from datetime import date
from difflib import SequenceMatcher
from itertools import islice
from typing import NamedTuple

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connection
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.query import ModelIterable
from django.urls import reverse

from cooperation.models import (
    BudgetLine,
    Demand,
    DemandMatch,
    DemandStatusChange,
    Indicator,
    Milestone,
    Offer,
    ProgressPhoto,
    ProgressUpdate,
    Project,
    ProjectLocation,
)
from core import data_versions, snapshots
from core.models import Country, DacSector, KeyArea, SdgGoal
from core.multilingual import MultilingualText
from core.prepared import Prepared, columns, count_column, made, prefetched, prepared, split
from core.taxonomy import KEY_AREAS
from core.templatetags.markup import plain_text
from members.models import Organization
from search import selectors as search_selectors
from search.registry import PUBLIC, STAFF, Document

Moderation = Demand.Moderation


@dataclass(frozen=True)
class DemandFilters:
    q: str = ""
    country: str = ""
    region: str = ""
    area: str = ""
    status: str = ""
    urgency: str = ""

    @classmethod
    def of(cls, data) -> DemandFilters:
        names = [f.name for f in fields(cls)]
        return cls(**{name: str(data.get(name) or "").strip()[:200] for name in names})

    def apply(self, demands: QuerySet[Demand]) -> QuerySet[Demand]:
        if self.q:
            matching = search_selectors.matching_ids("demand", self.q)
            if matching is not None:
                demands = demands.filter(pk__in=matching)
        if self.country:
            demands = demands.filter(country_id=self.country.upper())
        if self.region:
            demands = demands.filter(country__region_id=self.region)
        if self.area:
            demands = demands.filter(area_id=self.area)
        if self.status:
            demands = demands.filter(status=self.status)
        if self.urgency:
            demands = demands.filter(urgency=self.urgency)
        return demands

    def without(self, name: str) -> DemandFilters:
        return DemandFilters(**{**self.__dict__, name: ""})


def public_demands() -> QuerySet[Demand]:
    return Demand.objects.filter(moderation=Moderation.APPROVED)


def demand_list(filters: DemandFilters) -> QuerySet[Demand]:
    return (
        filters.apply(public_demands())
        .select_related("country", "area")
        .order_by("-created_at", "-pk")
    )


# What the demands' list shows of each (cooperation.listing.demand_rows_html).
DEMAND_ROW_FIELDS = ("pk", "title", "country_id", "locality", "area_id", "status", "urgency")


def demand_rows(filters: DemandFilters) -> QuerySet:
    """The chosen demands as the list shows them, newest first: values, not whole demands (their
    descriptions are long), and countries and key areas named from the taxonomy, not joined."""
    return filters.apply(public_demands()).order_by("-created_at", "-pk").values(*DEMAND_ROW_FIELDS)


COUNTS_CACHE_SECONDS = 60 * 60


def demand_count_rows(base: DemandFilters) -> QuerySet:
    """(status, urgency, key area, how many) of the public demands `base` chooses. COUNT(*),
    not of the ids: then PostgreSQL counts a country's demands from demand_counts_idx alone
    (China's 20,000: 32 ms reading the table, 7 from the index)."""
    return (
        base.apply(public_demands())
        .order_by()
        .values_list("status", "urgency", "area_id")
        .annotate(n=Count("*"))
    )


def demand_counts(filters: DemandFilters) -> dict:
    """How many demands each choice of a filter would show, the other filters kept.

    One query counts the demands of the other filters (words, country, region) by status,
    urgency and key area; the three facets and the total are summed from it here. Cached until
    the demands change: the same for every status, urgency, area, page and language."""
    base = DemandFilters(q=filters.q, country=filters.country, region=filters.region)
    key = _counts_key("demands", data_versions.DEMANDS, base)
    rows = cache.get(key)
    if rows is None:
        rows = list(demand_count_rows(base))
        cache.set(key, rows, COUNTS_CACHE_SECONDS)
    chosen = {"status": filters.status, "urgency": filters.urgency, "area": filters.area}
    counts: dict = {"total": 0, "status": Counter(), "urgency": Counter(), "area": Counter()}
    for status, urgency, area, n in rows:
        values = {"status": status, "urgency": urgency, "area": area}
        missed = [name for name, value in chosen.items() if value and values[name] != value]
        if not missed:
            counts["total"] += n
        for facet in ("status", "urgency", "area"):
            if not missed or missed == [facet]:
                counts[facet][values[facet]] += n
    return {
        "total": counts["total"],
        **{facet: dict(counts[facet]) for facet in ("status", "urgency", "area")},
    }


class KnownCount(QuerySet):
    """A list whose count is already known (the cached facet counts' total): an API page asks
    for its count without the database counting the matches again, and a slice reads the
    page's ids first (the database sorts ids and dates, not whole rows), then its rows."""

    known_count: int | None = None

    def count(self) -> int:
        if self.known_count is not None and self._result_cache is None:
            return self.known_count
        return super().count()

    def __getitem__(self, k):
        if (
            not isinstance(k, slice)
            or self._result_cache is not None
            or self._iterable_class is not ModelIterable
        ):
            return super().__getitem__(k)
        ids = list(self.select_related(None).prefetch_related(None).values_list("pk", flat=True)[k])
        if not ids:
            return []
        # The rows by id alone (the filters chose them already), with the same joins and order.
        rows = QuerySet(model=self.model, using=self.db).filter(pk__in=ids)
        rows.query.select_related = self.query.select_related
        rows._prefetch_related_lookups = self._prefetch_related_lookups
        return list(rows.order_by(*self.query.order_by))


def with_count(queryset: QuerySet, count: int) -> QuerySet:
    counted = KnownCount(model=queryset.model, query=queryset.query, using=queryset.db)
    counted._prefetch_related_lookups = queryset._prefetch_related_lookups
    counted.known_count = count
    return counted


def _counts_key(kind: str, version_name: str, filters) -> str:
    query = hashlib.sha256(repr(sorted(filters.__dict__.items())).encode()).hexdigest()
    return f"cooperation:{kind}-counts:{data_versions.current(version_name)}:{query}"


# What a page and the API show of an organisation named beside a demand or a match: its
# description and search text are long, and were read and decoded for a name.
NAMED_ORGANIZATION = ("slug", "name", "status", "country_id")


def _unnamed(path: str) -> list[str]:
    """The fields of the organisation at `path` that naming it does not need (for defer)."""
    return [
        f"{path}__{field.attname}"
        for field in Organization._meta.concrete_fields
        if field.attname not in ("id", *NAMED_ORGANIZATION)
    ]


# The reads of a demand's page, written in SQL once per process (and prepared on PostgreSQL):
# building them cost the page more than the database's answers.
@prepared
def _demand_with_organization(demand_id: int):
    return (
        Demand.objects.select_related("organization")
        .defer(*_unnamed("organization"))
        .annotate(
            # Most demands have neither: their page then asks for none (demand_projects, and
            # the view for the offers).
            has_projects=Exists(Project.demands.through.objects.filter(demand_id=OuterRef("pk"))),
            has_offers=Exists(Offer.objects.filter(demand_id=OuterRef("pk"))),
        )
        .filter(pk=demand_id)
    )


def _matches_query(demand_id: int, organization_ids: list[int] | None = None):
    rows = (
        DemandMatch.objects.filter(
            demand_id=demand_id, organization__status=Organization.Status.MEMBER
        )
        .select_related("organization")
        .defer(*_unnamed("organization"))
        .order_by("rank")
    )
    if organization_ids is not None:
        rows = rows.filter(organization_id__in=organization_ids)
    return rows


_matches = Prepared(_matches_query)
_history = Prepared(lambda demand_id: DemandStatusChange.objects.filter(demand_id=demand_id))
_projects_answering = Prepared(
    lambda demand_id: Project.objects.filter(demands__id=demand_id).only("id", "title", "status")
)


def demand_detail(demand_id: int) -> Demand:
    """A demand with what its page shows: its country and region and key area (from the
    taxonomy), the organisation it is posted for (named), and whether projects answer it and
    offers were made. The demand it is merged into is only pointed to (merged_into_id)."""
    demand = _demand_with_organization.first(demand_id)
    if demand is None:
        raise Demand.DoesNotExist
    # Its country (with its region) and key area from the taxonomy, read once per process,
    # rather than joined and made anew for each page.
    from core.selectors import taxonomy

    known = taxonomy()
    demand.country = known.countries[demand.country_id]
    demand.area = next(area for area in known.areas if area.slug == demand.area_id)
    return demand


def demand_projects(demand: Demand) -> list[Project]:
    """The projects answering a demand (their titles and status), newest first; none asked for
    when demand_detail found it has none."""
    if not getattr(demand, "has_projects", True):
        return []
    return list(_projects_answering(demand.pk))


def demand_matches(demand: Demand, organizations=None) -> list:
    """A demand's stored top matches (cooperation.models.DemandMatch), best first, with their
    organisations and their reasons in the reader's language; only members in good standing
    (one suspended since the matches were worked out is left out at once). `organizations`:
    only those (an organisation's staff see their own match)."""
    from cooperation.matching import Match, Signals, reasons_from

    rows = (
        _matches(demand.pk)
        if organizations is None
        else _matches(demand.pk, [o.pk for o in organizations])
    )
    found = []
    for row in rows:
        signals = Signals(
            area=row.area,
            place=row.place,
            language=row.language,
            track_record=row.track_record,
            text=row.text,
        )
        found.append(
            Match(
                organization_id=row.organization_id,
                score=row.score,
                signals=signals,
                reasons=reasons_from(demand, signals, row.why),
                organization=row.organization,
                why=row.why,
            )
        )
    return found


STATUS_LABELS = {**dict(Demand.Status.choices), **dict(Moderation.choices)}


def demand_history(demand: Demand) -> list[dict]:
    """Each change of status or moderation, in words."""
    return [
        {
            "when": change.created_at,
            "from": STATUS_LABELS.get(change.from_status, change.from_status),
            "to": STATUS_LABELS.get(change.to_status, change.to_status),
            "note": change.note,
        }
        for change in _history(demand.pk)
    ]


def demand_offers(demand: Demand) -> QuerySet[Offer]:
    """A demand's offers, newest first, with their organisations named (the projects they
    started are pointed to: project_id)."""
    return (
        demand.offers.select_related("organization")
        .defer(*_unnamed("organization"))
        .order_by("-created_at")
    )


def moderation_queue() -> QuerySet[Demand]:
    return (
        Demand.objects.filter(moderation=Moderation.PENDING)
        .select_related("country")
        .order_by("created_at", "pk")
    )


def likely_duplicates(demand: Demand, limit: int = 5) -> list[tuple[Demand, float]]:
    """Published or waiting demands in the same country and key area whose titles read alike."""
    candidates = (
        Demand.objects.filter(
            country_id=demand.country_id,
            area_id=demand.area_id,
            moderation__in=[Moderation.APPROVED, Moderation.PENDING],
        )
        .exclude(pk=demand.pk)
        .order_by("-created_at")[:300]
    )
    mine = f"{demand.title.original_text} {demand.description.original_text}".casefold()
    found = []
    for other in candidates:
        theirs = f"{other.title.original_text} {other.description.original_text}".casefold()
        ratio = SequenceMatcher(None, mine[:400], theirs[:400]).ratio()
        if ratio >= 0.5:
            found.append((other, round(ratio, 2)))
    found.sort(key=lambda pair: -pair[1])
    return found[:limit]


# --- projects ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProjectFilters:
    q: str = ""
    country: str = ""
    region: str = ""
    area: str = ""
    status: str = ""
    organization: str = ""
    sdg: str = ""

    @classmethod
    def of(cls, data) -> ProjectFilters:
        names = [f.name for f in fields(cls)]
        return cls(**{name: str(data.get(name) or "").strip()[:200] for name in names})

    def apply(self, projects: QuerySet[Project]) -> QuerySet[Project]:
        if self.q:
            matching = search_selectors.matching_ids("project", self.q)
            if matching is not None:
                projects = projects.filter(pk__in=matching)
        if self.country:
            projects = projects.filter(
                pk__in=Project.countries.through.objects.filter(
                    country_id=self.country.upper()
                ).values("project_id")
            )
        if self.region:
            projects = projects.filter(
                pk__in=Project.countries.through.objects.filter(
                    country__region_id=self.region
                ).values("project_id")
            )
        if self.area:
            projects = projects.filter(area_id=self.area)
        if self.status:
            projects = projects.filter(status=self.status)
        if self.organization:
            partnered = Project.partners.through.objects.filter(
                organization__slug=self.organization
            ).values("project_id")
            projects = projects.filter(Q(lead__slug=self.organization) | Q(pk__in=partnered))
        if self.sdg:
            number = int(self.sdg) if self.sdg.isdigit() else 0
            if 1 <= number <= 17:
                # Its key area's goals (the taxonomy is code: core/taxonomy.py) or its own.
                areas = [area.slug for area in KEY_AREAS if number in area.sdg_goals]
                own = Project.sdg_goals.through.objects.filter(sdggoal_id=number)
                projects = projects.filter(
                    Q(area_id__in=areas) | Q(pk__in=own.values("project_id"))
                )
            else:
                projects = projects.none()
        return projects

    def without(self, name: str) -> ProjectFilters:
        return ProjectFilters(**{**self.__dict__, name: ""})


def project_list(filters: ProjectFilters) -> QuerySet[Project]:
    return (
        filters.apply(Project.objects.all())
        .select_related("lead")
        .prefetch_related("countries")
        .order_by("-starts_on", "-pk")
    )


class ProjectRow(NamedTuple):
    """What the projects' list shows of one project."""

    pk: int
    title: MultilingualText
    lead_name: MultilingualText
    status: str
    starts_on: date | None
    countries: list[str]


# --- the projects' table: each filter's projects in the list's order, kept per process -----


@dataclass
class _ProjectTable:
    """Every project's place in the list (-starts_on, -pk, as the database orders it), and for
    each value of each filter (country, region, key area, status, goal) the places of its
    projects, ascending: read at one version of the projects. Places as arrays of numbers
    (a few megabytes for 50,000 projects), so whether a project has a value is a binary
    search."""

    order: array  # the projects' pks, in the list's order
    lists: dict[tuple[str, str], array]  # ("country", "KZ"), ("region", "143"), ("sdg", "4")…
    kinds: list[tuple[str, str]]  # each distinct (status, key area)
    kind_at: array  # each project's, by place: its index in `kinds`

    def chosen(self, name: str, value: str) -> array:
        return self.lists.get((name, value), _NOWHERE)

    def counted(self, lists: list[array]) -> list[tuple[str, str, int]]:
        """(status, key area, how many) of the projects in every one of these lists (of all
        the projects, without any)."""
        kind_at = self.kind_at
        counts = Counter(kind_at[at] for at in _in_every(lists)) if lists else Counter(kind_at)
        return [(*self.kinds[kind], n) for kind, n in sorted(counts.items())]


_NOWHERE = array("l")


def _project_table() -> _ProjectTable:
    """Read once per version of the projects and kept by each process (core.snapshots).
    PostgreSQL took 10 to 30 ms to put a country's or a goal's projects in order for each new
    address, walking every project by date or reading the country's whole."""
    return snapshots.kept(
        data_versions.PROJECTS, data_versions.current(data_versions.PROJECTS), _read_project_table
    )


def _read_project_table() -> _ProjectTable:
    from core.selectors import taxonomy

    # Plain cursors: tens of thousands of rows, where the ORM's rows cost more than reading.
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, starts_on, status, area_id FROM {Project._meta.db_table}")  # noqa: S608
        rows = cursor.fetchall()
        cursor.execute(
            f"SELECT project_id, country_id FROM {Project.countries.through._meta.db_table}"  # noqa: S608
        )
        country_pairs = cursor.fetchall()
        cursor.execute(
            f"SELECT project_id, sdggoal_id FROM {Project.sdg_goals.through._meta.db_table}"  # noqa: S608
        )
        goal_pairs = cursor.fetchall()
    # In the database's own order: descending, PostgreSQL puts projects without a start first
    # and SQLite last.
    undated_first = connection.vendor == "postgresql"
    rows.sort(
        key=lambda row: ((row[1] is None) == undated_first, row[1] or date.min, row[0]),
        reverse=True,
    )
    order = array("q", [row[0] for row in rows])
    place = {pk: at for at, pk in enumerate(order)}
    kinds: dict[tuple[str, str], int] = {}
    kind_at = array(
        "H", [kinds.setdefault((status, area), len(kinds)) for _, _, status, area in rows]
    )
    names = list(kinds)
    by_value: dict[tuple[str, str], list[int]] = {}
    for at, kind in enumerate(kind_at):
        status, area = names[kind]
        by_value.setdefault(("status", status), []).append(at)
        by_value.setdefault(("area", area), []).append(at)
    region_of = {code: str(country.region_id) for code, country in taxonomy().countries.items()}
    for pk, code in country_pairs:
        by_value.setdefault(("country", code), []).append(place[pk])
        if code in region_of:
            by_value.setdefault(("region", region_of[code]), []).append(place[pk])
    # A goal's projects: those of its key areas, and those carrying it as their own.
    for area in KEY_AREAS:
        for number in area.sdg_goals:
            by_value.setdefault(("sdg", str(number)), []).extend(
                by_value.get(("area", area.slug), ())
            )
    for pk, number in goal_pairs:
        by_value.setdefault(("sdg", str(number)), []).append(place[pk])
    # Sorted once; a project with two countries in one region, or a goal of its own that its
    # key area has too, is listed once.
    lists = {key: array("l", sorted(set(places))) for key, places in by_value.items()}
    return _ProjectTable(order=order, lists=lists, kinds=names, kind_at=kind_at)


def _holds(places: array, at: int) -> bool:
    i = bisect_left(places, at)
    return i < len(places) and places[i] == at


def _in_every(lists: list) -> Iterator[int]:
    """The places in every one of these lists, ascending: the first (the shortest) walked,
    each of its places looked for in the others."""
    walking, others = lists[0], lists[1:]
    for at in walking:
        if all(_holds(places, at) for places in others):
            yield at


# The filters the table answers; a query (`q`) or an organisation is the database's.
_TABLE_FILTERS = ("country", "region", "area", "status", "sdg")


class _Chosen:
    """The ids a list's filters choose, in the list's order, found as far as a page needs:
    the shortest of the filters' lists is walked, each place looked for in the others."""

    def __init__(self, order: array, lists: list[array], count: int | None) -> None:
        self.order, self.places, self.count = order, _in_every(lists), count
        self.found: list[int] = []

    def _walk(self, stop: int | None) -> None:
        order, found = self.order, self.found
        wanted = None if stop is None else max(0, stop - len(found))
        found.extend(order[at] for at in islice(self.places, wanted))

    def __len__(self) -> int:
        if self.count is None:
            self._walk(None)
            self.count = len(self.found)
        return self.count

    def __getitem__(self, k):
        if isinstance(k, slice):
            self._walk(None if k.stop is None or k.stop < 0 else k.stop)
        else:
            self._walk(None if k < 0 else k + 1)
        return self.found[k]

    def __iter__(self):
        self._walk(None)
        return iter(self.found)


def project_ids(filters: ProjectFilters, total: int | None = None) -> Sequence[int]:
    """The chosen projects' ids, in the list's order (-starts_on, -pk): a page of them is read
    first, then project_rows of that page. From the projects' table, but for a query or an
    organisation (few projects), which the database chooses and orders. `total`: how many
    there are, when counted already."""
    if filters.q or filters.organization:
        chosen = filters.apply(Project.objects.all())
        return chosen.order_by("-starts_on", "-pk").values_list("pk", flat=True)
    table = _project_table()
    lists = _table_lists(table, filters) or [range(len(table.order))]
    return _Chosen(table.order, lists, total)


def _table_lists(table: _ProjectTable, filters: ProjectFilters) -> list[array]:
    """The places of the projects each chosen filter keeps, the shortest first."""
    values = {name: getattr(filters, name) for name in _TABLE_FILTERS}
    values["country"] = values["country"].upper()
    if values["sdg"]:
        number = int(values["sdg"]) if values["sdg"].isdigit() else 0
        values["sdg"] = str(number) if 1 <= number <= 17 else "none"  # as apply: no project
    return sorted((table.chosen(name, value) for name, value in values.items() if value), key=len)


def project_rows(ids: list[int]) -> list[ProjectRow]:
    """The list's rows of these projects, in this order: the few fields it shows, read as
    values rather than whole projects and organisations, and their countries' codes (sorted)
    in one more query."""
    if not ids:
        return []
    countries = _countries_of_projects(ids)
    found = {
        pk: ProjectRow(pk, title, lead_name, status, starts_on, countries[pk])
        for pk, title, lead_name, status, starts_on in _project_row_values(ids)
    }
    return [found[pk] for pk in ids if pk in found]


# A list's page: prepared (once per page length), as every new filter or page asks them.
@prepared
def _project_row_values(ids: list[int]):
    return (
        Project.objects.filter(pk__in=ids)
        .order_by()
        .values_list("pk", "title", "lead__name", "status", "starts_on")
    )


@prepared
def _project_country_pairs(ids: list[int]):
    return (
        Project.countries.through.objects.filter(project_id__in=ids)
        .order_by("country_id")
        .values_list("project_id", "country_id")
    )


def _countries_of_projects(ids: list[int]) -> dict[int, list[str]]:
    """Each project's countries' codes, sorted."""
    countries: dict[int, list[str]] = {pk: [] for pk in ids}
    for project_id, code in _project_country_pairs(ids):
        countries[project_id].append(code)
    return countries


class ProjectItem(NamedTuple):
    """A project as the API's list gives it (cooperation.api.ProjectOut)."""

    id: int
    title: MultilingualText
    language: str
    lead: str
    countries: list[str]
    area: str
    status: str
    starts_on: date | None
    ends_on: date | None
    demands: list[int]
    url: str


def project_items(ids: list[int]) -> list[ProjectItem]:
    """The API list's items of these projects, in this order, in three queries: their fields
    (with their lead's short name) as values, their countries' codes, and the published
    demands they answer (sorted)."""
    if not ids:
        return []
    countries = _countries_of_projects(ids)
    demands: dict[int, list[int]] = {pk: [] for pk in ids}
    for project_id, demand_id in (
        Project.demands.through.objects.filter(
            project_id__in=ids, demand__moderation=Moderation.APPROVED
        )
        .order_by("demand_id")
        .values_list("project_id", "demand_id")
    ):
        demands[project_id].append(demand_id)
    sentinel = "987654321"
    address = reverse("cooperation:project", kwargs={"project_id": int(sentinel)})
    found = {
        pk: ProjectItem(
            id=pk,
            title=title,
            language=title.original,
            lead=lead,
            countries=countries[pk],
            area=area,
            status=status,
            starts_on=starts_on,
            ends_on=ends_on,
            demands=demands[pk],
            url=address.replace(sentinel, str(pk)),
        )
        for pk, title, lead, area, status, starts_on, ends_on in Project.objects.filter(pk__in=ids)
        .order_by()
        .values_list("pk", "title", "lead__slug", "area_id", "status", "starts_on", "ends_on")
    }
    return [found[pk] for pk in ids if pk in found]


class ReadByPage:
    """A list whose length is known (the cached facet counts' total) and whose slices are read
    when asked: the page's ids first (project_ids), then `read` of those ids. For an API list's
    paginator (core.pagination.page_of)."""

    def __init__(self, ids: Sequence[int], count: int, read) -> None:
        self.ids, self.count, self.read = ids, count, read

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, k: slice) -> list:
        return self.read(list(self.ids[k]))


def _counted(projects: QuerySet[Project]) -> list[tuple[str, str, int]]:
    # COUNT(*): project_counts_idx (status, area) answers it alone on PostgreSQL.
    return list(projects.order_by().values_list("status", "area_id").annotate(n=Count("*")))


def _project_count_rows(base: ProjectFilters) -> list[tuple[str, str, int]]:
    """(status, key area, how many) of the projects `base` chooses (it has no status or area),
    cached until the projects change: added up from the projects' table, or for a query or an
    organisation counted by the database. Counting the 50,000 projects for one country (2,000
    rows to join) or one goal (its areas or its own) took the database 10 to 80 ms."""
    key = _counts_key("projects", data_versions.PROJECTS, base)
    rows = cache.get(key)
    if rows is None:
        if base.q or base.organization:
            rows = _counted(base.apply(Project.objects.all()))
        else:
            table = _project_table()
            rows = table.counted(_table_lists(table, base))
        cache.set(key, rows, COUNTS_CACHE_SECONDS)
    return rows


def project_counts(filters: ProjectFilters) -> dict:
    """How many projects each status and key area would show, the other filters kept: counted
    by status and area over the other filters (_project_count_rows), cached until the
    projects change (as demand_counts)."""
    rows = _project_count_rows(filters.without("status").without("area"))
    counts: dict = {"total": 0, "status": Counter(), "area": Counter()}
    for status, area, n in rows:
        status_kept = not filters.status or status == filters.status
        area_kept = not filters.area or area == filters.area
        if status_kept and area_kept:
            counts["total"] += n
        if area_kept:
            counts["status"][status] += n
        if status_kept:
            counts["area"][area] += n
    return {
        "total": counts["total"],
        "status": dict(counts["status"]),
        "area": dict(counts["area"]),
    }


# Counted with the project's row: a relation without rows is not asked for (each asked is a
# query, and building and compiling fourteen prefetches cost the page 7-9 ms, more than the
# database took to answer them).
_PROJECT_RELATIONS = {
    "partners": lambda: Project.partners.through.objects.filter(project=OuterRef("pk")),
    "countries": lambda: Project.countries.through.objects.filter(project=OuterRef("pk")),
    "demands": lambda: Project.demands.through.objects.filter(project=OuterRef("pk")),
    "sdg_goals": lambda: Project.sdg_goals.through.objects.filter(project=OuterRef("pk")),
    "dac_sectors": lambda: Project.dac_sectors.through.objects.filter(project=OuterRef("pk")),
    "locations": lambda: ProjectLocation.objects.filter(project=OuterRef("pk")),
    "budget_lines": lambda: BudgetLine.objects.filter(project=OuterRef("pk")),
    "indicators": lambda: Indicator.objects.filter(project=OuterRef("pk")),
    "milestones": lambda: Milestone.objects.filter(project=OuterRef("pk")),
    "updates": lambda: ProgressUpdate.objects.filter(project=OuterRef("pk")),
}


def _project_query(project_id: int) -> QuerySet:
    return (
        Project.objects.filter(pk=project_id)
        .order_by()
        .annotate(
            **{
                f"{name}_count": count_column(related())
                for name, related in _PROJECT_RELATIONS.items()
            }
        )
        .values_list(
            *columns(Project),
            *columns(Organization, "lead__"),
            *columns(Country, "lead__country__"),
            *columns(KeyArea, "area__"),
            *(f"{name}_count" for name in _PROJECT_RELATIONS),
        )
    )


def _with_country(model, related_name: str):
    """Rows of a model with its country's columns, for a project (a prepared query)."""
    return Prepared(
        lambda project_id: model.objects.filter(**{related_name: project_id}).values_list(
            *columns(model), *columns(Country, "country__")
        )
    )


def _of_project(model, related_name: str = "project"):
    return Prepared(
        lambda project_id: model.objects.filter(**{related_name: project_id}).values_list(
            *columns(model)
        )
    )


_project_row = Prepared(_project_query)
# Each relation: its model, its read, and whether each row carries its country's columns.
_project_reads = {
    "partners": (Organization, _with_country(Organization, "partner_projects"), True),
    "countries": (Country, _of_project(Country, "projects"), False),
    "demands": (Demand, _of_project(Demand, "projects"), False),
    "sdg_goals": (SdgGoal, _of_project(SdgGoal, "projects"), False),
    "dac_sectors": (DacSector, _of_project(DacSector, "projects"), False),
    "locations": (ProjectLocation, _with_country(ProjectLocation, "project"), True),
    "budget_lines": (BudgetLine, _of_project(BudgetLine), False),
    "indicators": (Indicator, _of_project(Indicator), False),
    "milestones": (Milestone, _of_project(Milestone), False),
    "updates": (ProgressUpdate, _of_project(ProgressUpdate), False),
}
_update_photos = _of_project(ProgressPhoto, "update__project")
_area_goals = _of_project(SdgGoal, "key_areas")
_area_sectors = _of_project(DacSector, "key_areas")


def project_detail(project_id: int) -> Project:
    """A project with what its page, the API and the IATI file show: what
    select_related("lead__country", "area") and prefetch_related of its partners (with their
    countries), countries, demands, SDGs and sectors (its own and its key area's), places,
    budget lines, indicators, milestones and updates with their photos gave, read by queries
    compiled once per process: one for the project and the size of each relation, one more for
    each relation that has rows. Raises Project.DoesNotExist."""
    found = _project_row(project_id)
    if not found:
        raise Project.DoesNotExist(f"No project {project_id}")
    db = DEFAULT_DB_ALIAS
    *values, counts = split(
        found[0], Project, Organization, Country, KeyArea, len(_PROJECT_RELATIONS)
    )
    project, lead, lead_country, area = (
        made(model, part, db)
        for model, part in zip((Project, Organization, Country, KeyArea), values, strict=True)
    )
    Organization.country.field.set_cached_value(lead, lead_country)
    Project.lead.field.set_cached_value(project, lead)
    Project.area.field.set_cached_value(project, area)
    for (name, (model, read, with_country)), count in zip(
        _project_reads.items(), counts, strict=True
    ):
        rows = read(project.pk) if count else []
        if with_country:
            objects = []
            for row in rows:
                item_values, country_values = split(row, model, Country)
                item = made(model, item_values, db)
                model.country.field.set_cached_value(item, made(Country, country_values, db))
                objects.append(item)
        else:
            objects = [made(model, row, db) for row in rows]
        if hasattr(model, "project"):  # as prefetch_related sets the reverse side
            for item in objects:
                model.project.field.set_cached_value(item, project)
        prefetched(project, name, objects)
    updates = project.updates.all()
    photos: dict[int, list] = {update.pk: [] for update in updates}
    if updates:
        for row in _update_photos(project.pk):
            photo = made(ProgressPhoto, row, db)
            photos[photo.update_id].append(photo)
    for update in updates:
        for photo in photos[update.pk]:
            ProgressPhoto.update.field.set_cached_value(photo, update)
        prefetched(update, "photos", photos[update.pk])
    prefetched(area, "sdg_goals", [made(SdgGoal, row, db) for row in _area_goals(area.pk)])
    prefetched(area, "dac_sectors", [made(DacSector, row, db) for row in _area_sectors(area.pk)])
    return project


def report_lateness(project: Project, today=None) -> str:
    """ "": reports on time (or not due); "amber": one reporting period missed; "red": two or more.
    Only active projects report; the clock starts at the last update, else at the start."""
    from datetime import date

    if project.status != Project.Status.ACTIVE:
        return ""
    today = today or date.today()
    updates = list(project.updates.all())
    last = max((u.created_at.date() for u in updates), default=None) or project.starts_on
    if last is None:
        return ""
    months = (today.year - last.year) * 12 + today.month - last.month - (today.day < last.day)
    missed = months // max(project.report_every_months, 1)
    return "" if missed < 1 else "amber" if missed == 1 else "red"


def _months_before(day, months: int):
    from datetime import date

    total = day.year * 12 + day.month - 1 - months
    year, month = divmod(total, 12)
    return date(year, month + 1, min(day.day, 28))


def overdue_projects(today=None, limit: int = 100) -> list[tuple[Project, str]]:
    """Active projects that missed a report (no update for their own reporting period), for the
    Secretariat's queue: red first. Read in a bounded number of queries: one condition per
    reporting period in use (a few), each with its own cut-off."""
    from datetime import date, datetime, time, timedelta

    from django.utils import timezone

    today = today or date.today()
    active = Project.objects.filter(status=Project.Status.ACTIVE)
    periods = sorted(set(active.values_list("report_every_months", flat=True)))
    if not periods:
        return []
    late = Q()
    for period in periods:
        # a few days' margin (months differ in length): report_lateness then decides exactly
        cutoff = _months_before(today, max(period, 1)) + timedelta(days=3)
        recent = ProgressUpdate.objects.filter(
            created_at__gte=timezone.make_aware(datetime.combine(cutoff, time.min))
        ).values("project_id")
        late |= Q(report_every_months=period, starts_on__lt=cutoff) & ~Q(pk__in=recent)
    candidates = (
        active.filter(late)
        .select_related("lead")
        .prefetch_related("updates")
        .order_by("starts_on", "pk")[: limit * 2]
    )
    flagged = [(p, report_lateness(p, today)) for p in candidates]
    flagged = [(p, level) for p, level in flagged if level]
    flagged.sort(key=lambda pair: (pair[1] != "red", pair[0].starts_on, pair[0].pk))
    return flagged[:limit]


def projects_of_organization(organization: Organization) -> QuerySet[Project]:
    """The projects an organisation leads or joins. Their ids are a union of two subqueries,
    each read through its own index: with `lead OR id IN (partners)` PostgreSQL read all
    50,000 projects (30 ms)."""
    led = Project.objects.filter(lead=organization).order_by().values("pk")
    partnered = (
        Project.partners.through.objects.filter(organization=organization)
        .order_by()
        .values("project_id")
    )
    return Project.objects.filter(pk__in=led.union(partnered)).order_by("-starts_on", "-pk")


@prepared
def organization_projects(organization_id: int):
    """The fifty latest projects an organisation leads or joins, with what its profile shows
    of them (title, role, status). Prepared: a profile nobody has opened yet is a common first
    visit, and building this query cost more than running it."""
    organization = Organization(pk=organization_id)
    return projects_of_organization(organization).only("pk", "title", "lead_id", "status")[:50]


# --- search (registered in cooperation/apps.py) -----------------------------------------------

SEARCH_BODY_CHARACTERS = 2000


def demands_for_search() -> QuerySet[Demand]:
    return Demand.objects.all()


def demand_search_document(demand: Demand) -> Document | None:
    if demand.moderation in (Moderation.UNCONFIRMED, Moderation.MERGED):
        return None
    bodies = {
        language: plain_text(text)[:SEARCH_BODY_CHARACTERS]
        for language, text in demand.description.text.items()
    }
    return Document(
        titles=dict(demand.title.text),
        original_language=demand.title.original,
        url_kwargs={"demand_id": demand.pk},
        bodies=bodies,
        keywords=demand.locality,
        visibility=PUBLIC if demand.moderation == Moderation.APPROVED else STAFF,
        countries=[demand.country_id],
        areas=[demand.area_id],
        status=demand.status,
    )


def projects_for_search() -> QuerySet[Project]:
    return Project.objects.prefetch_related("countries", "locations")


def project_search_document(project: Project) -> Document:
    summary = project.summary
    bodies = (
        {
            language: plain_text(text)[:SEARCH_BODY_CHARACTERS]
            for language, text in summary.text.items()
        }
        if summary
        else {}
    )
    return Document(
        titles=dict(project.title.text),
        original_language=project.title.original,
        url_kwargs={"project_id": project.pk},
        bodies=bodies,
        keywords=" ".join(place.place for place in project.locations.all() if place.place),
        visibility=PUBLIC,
        countries=[country.pk for country in project.countries.all()],
        areas=[project.area_id],
        status=project.status,
    )
