"""Reads about organisations, shared by the pages and the API. Query counts do not grow with data."""

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.core.cache import cache
from django.db import connection
from django.db.models import Case, Prefetch, Q, QuerySet, When
from django.db.models.functions import Lower, Trim
from django.utils.translation import get_language

from accounts.models import User
from core import data_versions, snapshots
from core.models import Country, KeyArea, Region, country_name
from core.multilingual import MultilingualText
from core.page_cache import store_after_response
from core.prepared import prepared
from core.selectors import COUNTS_CACHE_SECONDS, taxonomy
from core.templatetags.markup import plain_text
from members.models import (
    ApplicationVote,
    IdentityChange,
    MembershipApplication,
    Organization,
    OrganizationStaff,
)
from search import selectors as search_selectors
from search.registry import MEMBERS, PUBLIC, STAFF, Document

DIRECTORY_SORTS = {
    "name": ("sort_name", "slug"),
    "newest": ("-member_since", "sort_name"),
    "country": ("country_id", "sort_name"),
}


@dataclass
class DirectoryFilters:
    q: str = ""
    country: str = ""
    region: str = ""
    area: str = ""
    language: str = ""
    sort: str = "name"

    def cleaned(self) -> "DirectoryFilters":
        def text(value: str | None, limit: int) -> str:
            # NUL is not text: PostgreSQL refuses it, so it never reaches a query.
            return (value or "").replace("\x00", "").strip()[:limit]

        clean = DirectoryFilters(
            q=text(self.q, 100),
            country=text(self.country, 2).upper(),
            region=text(self.region, 3),
            area=text(self.area, 40),
            language=text(self.language, 10).lower(),
            sort=self.sort if self.sort in DIRECTORY_SORTS else "name",
        )
        return self if clean == self else clean  # the same filters keep their search

    def matching_ids(self) -> QuerySet | None:
        """The search's subquery for `q`, worked out once (it looks up typos in the index)
        however many queries of the page filter on it."""
        if not hasattr(self, "_matching"):
            self._matching = search_selectors.matching_ids("organization", self.q)
        return self._matching

    def matched_pks(self) -> set[int] | None:
        """The organisations `q` finds (None without words to search for), read once."""
        if not hasattr(self, "_matched"):
            self._matched = (
                search_selectors.matching_object_ids("organization", self.q) if self.q else None
            )
        return self._matched


def _filtered_members(
    filters: DirectoryFilters, *, skip: tuple[str, ...] = ()
) -> QuerySet[Organization]:
    organizations = Organization.objects.members()
    if filters.q and "q" not in skip:
        # Names in any script, accents and one typo forgiven: the one search service.
        matching = filters.matching_ids()
        if matching is not None:
            organizations = organizations.filter(pk__in=matching)
    if filters.country and "country" not in skip:
        organizations = organizations.filter(country_id=filters.country)
    if filters.region and "region" not in skip:
        organizations = organizations.filter(country__region_id=filters.region)
    if filters.area and "area" not in skip:
        organizations = organizations.filter(areas__slug=filters.area)
    if filters.language and "language" not in skip:
        organizations = organizations.filter(languages_text__contains=f" {filters.language} ")
    return organizations


def directory_list(filters: DirectoryFilters) -> "DirectoryList":
    """Member organisations matching the filters, in order (the API's list): counted and
    picked from the directory's snapshot, like its pages; a slice reads its organisations
    with their countries in one query."""
    return DirectoryList(filters)


@dataclass
class Facets:
    countries: list[tuple[Country, int]] = field(default_factory=list)
    regions: list[tuple[Region, int]] = field(default_factory=list)
    areas: list[tuple[KeyArea, int]] = field(default_factory=list)
    languages: list[tuple[str, int]] = field(default_factory=list)


FACET_LANGUAGES = ["en", "zh-hans", "ru", "ar", "fr", "es"]


# The members as the directory filters and sorts them: moved by changes to organisations and
# their key areas, not by changes to their staff or contacts (which only profiles show).
MEMBER_DIRECTORY = "member-directory"


def snapshot_version() -> str:
    return data_versions.current(MEMBER_DIRECTORY)


def members_version() -> str:
    """Changes with every committed change to an organisation, its staff or its contacts
    (core.data_versions). The directory's counts are cached under it, so no cached figure
    outlives the data it counts."""
    return data_versions.current(data_versions.ORGANIZATIONS)


def _cache_key(prefix: str, filters: DirectoryFilters, version: str) -> str:
    raw = f"{version}|{filters.q}|{filters.country}|{filters.region}|{filters.area}|{filters.language}"
    return f"members:{prefix}:{hashlib.sha256(raw.encode()).hexdigest()}"


# One object per distinct combination in a snapshot (_read_snapshot), so counted by identity:
# the fields' hash, worked out by a Python function on each count, doubled the time a name
# search matching thousands of members took to count them (2.0 → 1.0 ms for 7,000).
@dataclass(frozen=True, eq=False)
class _Member:
    country: str
    region: str | None
    languages: frozenset[str]
    areas: frozenset[str]


@dataclass
class _Snapshot:
    """The members as the directory filters and orders them, read at one version."""

    members: dict[int, _Member]  # by primary key
    groups: list[tuple[_Member, int]]  # the members sharing all four facets, counted
    rows: list[tuple]  # (pk, sort_name, slug, member_since as ISO text, country)
    orders: dict[str, list[int]] = field(default_factory=dict)  # pks, by sort order
    by_facet: dict[str, dict[tuple[str, str], list[int]]] = field(default_factory=dict)
    positions_in: dict[str, dict[int, int]] = field(default_factory=dict)
    grouped: dict[tuple[str, str], list[tuple[_Member, int]]] | None = None
    unfiltered: dict[str, dict] | None = None

    def ordered(self, sort: str, facet: str = "", value: str = "") -> list[int]:
        """The members' pks in a sort order; with a facet, only those with that value (the
        most selective filter of a page: its pages are read from a shorter list)."""
        if facet:
            if sort not in self.by_facet:
                self.by_facet[sort] = self._index(sort)
            return self.by_facet[sort].get((facet, value), [])
        if sort not in self.orders:
            rows = sorted(self.rows, key=lambda r: (r[1], r[2]))  # by name
            if sort == "newest":  # newest first (dates as ISO text); without a date last
                rows.sort(key=lambda r: r[3], reverse=True)  # stable: by name within a day
            elif sort == "country":
                rows.sort(key=lambda r: r[4])
            self.orders[sort] = [row[0] for row in rows]
        return self.orders[sort]

    def positions(self, sort: str) -> dict[int, int]:
        """Where each member stands in a sort order."""
        if sort not in self.positions_in:
            self.positions_in[sort] = {pk: i for i, pk in enumerate(self.ordered(sort))}
        return self.positions_in[sort]

    def groups_with(self, facet: str, value: str) -> list[tuple[_Member, int]]:
        """The groups of members with this value of a facet (country, region, area or
        language)."""
        if self.grouped is None:
            grouped: dict[tuple[str, str], list[tuple[_Member, int]]] = {}
            for group in self.groups:
                member = group[0]
                keys = [("country", member.country), ("region", member.region)]
                keys += [("area", slug) for slug in member.areas]
                keys += [("language", code) for code in member.languages]
                for key in keys:
                    grouped.setdefault(key, []).append(group)
            self.grouped = grouped
        return self.grouped.get((facet, value), [])

    def unfiltered_counts(self) -> dict[str, dict]:
        """Every facet's counts without any filter."""
        if self.unfiltered is None:
            self.unfiltered = _counted(self.groups, DirectoryFilters())
        return self.unfiltered

    def _index(self, sort: str) -> dict[tuple[str, str], list[int]]:
        """In one pass, the members of each country, region, key area and language, in order."""
        lists: dict[tuple[str, str], list[int]] = {}
        for pk in self.ordered(sort):
            member = self.members[pk]
            keys = [("country", member.country), ("region", member.region)]
            keys += [("area", slug) for slug in member.areas]
            keys += [("language", code) for code in member.languages]
            for key in keys:
                lists.setdefault(key, []).append(pk)
        return lists


def _snapshot(version: str) -> _Snapshot:
    """Every member's country, region, working languages and key areas, and what it is sorted
    by: what the directory's counts are added up from and its pages chosen from, in Python,
    for any combination of filters. Read once per version of the organisations (tens of
    milliseconds at 10,000 members) and kept by each process (core.snapshots)."""
    return snapshots.kept(MEMBER_DIRECTORY, version, _read_snapshot)


def _read_snapshot() -> _Snapshot:
    region_of = {code: country.region_id for code, country in taxonomy().countries.items()}
    # Plain cursors: ten thousand rows, where the ORM's row objects cost more than the reading.
    organizations = Organization._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, country_id, languages_text, sort_name, slug, member_since "  # noqa: S608
            f"FROM {organizations} WHERE status = %s",
            [Organization.Status.MEMBER],
        )
        found = cursor.fetchall()
        cursor.execute(
            f"SELECT organization_id, keyarea_id FROM {Organization.areas.through._meta.db_table}"  # noqa: S608
        )
        links = cursor.fetchall()
    areas_of: dict[int, list[str]] = {}
    for organization_id, slug in links:
        areas_of.setdefault(organization_id, []).append(slug)
    members: dict[int, _Member] = {}
    groups: Counter[_Member] = Counter()
    shared: dict[tuple, _Member] = {}  # one object per distinct combination
    rows = []
    for pk, country, languages_text, sort_name, slug, member_since in found:
        areas = areas_of.get(pk)
        key = (country, languages_text, tuple(sorted(areas)) if areas else ())
        member = shared.get(key)
        if member is None:
            member = shared[key] = _Member(
                country=country,
                region=region_of.get(country),
                languages=frozenset(languages_text.split()),
                areas=frozenset(key[2]),
            )
        members[pk] = member
        groups[member] += 1
        # Dates as ISO text, the same from either database, sort as dates do.
        rows.append((pk, sort_name, slug, str(member_since or ""), country))
    return _Snapshot(
        members=members,
        groups=list(groups.items()),
        rows=rows,
    )


# The filters from the most selective, usually, to the least.
_SELECTIVE_FIRST = ("country", "region", "area", "language")


def _matches(member: _Member, filters: DirectoryFilters) -> bool:
    return (
        (not filters.country or member.country == filters.country)
        and (not filters.region or member.region == filters.region)
        and (not filters.language or filters.language in member.languages)
        and (not filters.area or filters.area in member.areas)
    )


# A name search finding more than one member in this many is walked in the directory's order
# rather than sorted (DirectoryPage.pks).
DENSE_MATCHES = 20


class DirectoryPage(Sequence):
    """The members matching the filters, in their order, for a paginator: a slice picks the
    page's members from the snapshot (and what a name search found) and reads those rows only,
    by primary key, instead of asking the database to filter, sort and skip."""

    def __init__(self, filters: DirectoryFilters, count: int):
        self.filters = filters.cleaned()
        self.snapshot = _snapshot(snapshot_version())
        self.count = count

    def __len__(self) -> int:
        return self.count

    def pks(self, index: slice) -> list[int]:
        """The primary keys of a slice of the members matching the filters, in order."""
        if not isinstance(index, slice):
            raise TypeError("a directory page is read by slices")
        start, stop = index.start or 0, index.stop if index.stop is not None else self.count
        if stop <= start:
            return []
        members, wanted, filters = self.snapshot.members, [], self.filters
        matched = filters.matched_pks()
        if matched is not None and len(matched) * DENSE_MATCHES > len(members):
            # A name search finding much of the directory ("com": 7,000 of 10,000): the page's
            # members are the first found walking the order, where sorting every match took
            # milliseconds for twenty of them.
            candidates = (pk for pk in self.snapshot.ordered(filters.sort) if pk in matched)
        elif matched is not None:  # what the name search found, in the page's order
            position = self.snapshot.positions(filters.sort)
            candidates = sorted((pk for pk in matched if pk in position), key=position.get)
        else:
            facet = next((name for name in _SELECTIVE_FIRST if getattr(filters, name)), "")
            candidates = self.snapshot.ordered(filters.sort, facet, getattr(filters, facet, ""))
        skipped = 0
        for pk in candidates:
            if _matches(members[pk], filters):
                if skipped < start:
                    skipped += 1
                    continue
                wanted.append(pk)
                if len(wanted) >= stop - start:
                    break
        return wanted

    def __getitem__(self, index):
        wanted = self.pks(index)
        # What a row shows, without building model instances.
        found = {
            row[0]: DirectoryRow(*row, areas=self.snapshot.members[row[0]].areas)
            for row in _directory_rows(wanted)
        }
        return [found[pk] for pk in wanted if pk in found]


@prepared
def _directory_rows(pks: list[int]):
    # Prepared (once per page length): every new filter, page or search asks it.
    return (
        Organization.objects.filter(pk__in=pks)
        .order_by()
        .values_list("pk", "slug", "name", "city", "country_id")
    )


class DirectoryList(Sequence):
    """The member organisations matching the filters as model instances, for the API: its
    length is their number, added up from the snapshot; a slice reads the organisations it
    holds with their countries (one query), their key areas (`area_slugs`, in the taxonomy's
    order) from the snapshot."""

    def __init__(self, filters: DirectoryFilters):
        filters = filters.cleaned()
        snapshot = _snapshot(snapshot_version())
        matched = filters.matched_pks()
        if matched is None:
            total = sum(n for member, n in snapshot.groups if _matches(member, filters))
        else:
            members = snapshot.members
            total = sum(1 for pk in matched if pk in members and _matches(members[pk], filters))
        self.page = DirectoryPage(filters, total)

    def __len__(self) -> int:
        return self.page.count

    def __iter__(self):
        return iter(self[0 : len(self)])

    def __getitem__(self, index):
        wanted = self.page.pks(index)
        found = Organization.objects.select_related("country").in_bulk(wanted)
        members = self.page.snapshot.members
        position = {area.slug: area.position for area in taxonomy().areas}
        organizations = []
        for pk in wanted:
            if pk in found:
                organization = found[pk]
                organization.area_slugs = sorted(members[pk].areas, key=position.get)
                organizations.append(organization)
        return organizations


@dataclass(frozen=True)
class DirectoryRow:
    """What the directory shows of an organisation."""

    pk: int
    slug: str
    name: MultilingualText
    city: str
    country_id: str
    areas: frozenset[str]


_FACETS = ("country", "region", "area", "language")


def _counted(groups, filters: DirectoryFilters) -> dict[str, dict]:
    """Each facet counted over these groups of members, under every filter but its own."""
    countries: Counter[str] = Counter()
    regions: Counter[str] = Counter()
    languages = dict.fromkeys(FACET_LANGUAGES, 0)
    areas: Counter[str] = Counter()
    total = 0
    wanted_country, wanted_region = filters.country, filters.region
    wanted_language, wanted_area = filters.language, filters.area
    for member, n in groups:
        in_country = not wanted_country or member.country == wanted_country
        in_region = not wanted_region or member.region == wanted_region
        in_language = not wanted_language or wanted_language in member.languages
        in_area = not wanted_area or wanted_area in member.areas
        if in_region and in_language and in_area:
            countries[member.country] += n
        if in_country and in_language and in_area and member.region:
            regions[member.region] += n
        if in_country and in_region and in_area:
            for code in member.languages:
                if code in languages:
                    languages[code] += n
        if in_country and in_region and in_language:
            for slug in member.areas:
                areas[slug] += n
            if in_area:
                total += n
    return {
        "country": dict(countries),
        "region": dict(regions),
        "area": dict(areas),
        "language": languages,
        "total": total,
    }


def _facet_counts(filters: DirectoryFilters) -> dict[str, dict]:
    """Each facet counts the members matching every filter but its own, added up in Python
    from the members' facets (no query once they are read for this version). A name search
    narrows them to the members it finds (one query).

    Without a name search, each facet is counted over the members with the most selective of
    the *other* filters' values only (the snapshot lists the groups of members having each
    value), and a facet with no other filter is the whole directory's count, added up once per
    snapshot: a country filter then reads a few dozen groups, not all three thousand."""
    snapshot = _snapshot(snapshot_version())
    matched = filters.matched_pks()
    if matched is not None:
        members = snapshot.members
        found: dict[_Member, int] = {}
        for pk in matched:
            member = members.get(pk)
            if member is not None:
                found[member] = found.get(member, 0) + 1
        return _counted(found.items(), filters)
    chosen = [(name, getattr(filters, name)) for name in _FACETS if getattr(filters, name)]
    if not chosen:
        return snapshot.unfiltered_counts()

    def narrowest(choices):
        return min(choices, key=lambda c: len(snapshot.groups_with(*c)), default=None)

    counted: dict = {}

    def over(choice) -> dict[str, dict]:
        if choice is None:
            return snapshot.unfiltered_counts()
        if choice not in counted:
            counted[choice] = _counted(snapshot.groups_with(*choice), filters)
        return counted[choice]

    counts = {
        facet: over(narrowest([c for c in chosen if c[0] != facet]))[facet] for facet in _FACETS
    }
    counts["total"] = over(narrowest(chosen))["total"]
    return counts


def directory_counts(filters: DirectoryFilters) -> dict[str, dict]:
    """The number of matches and the facet counts for these filters, cached until the
    organisations change."""
    filters = filters.cleaned()
    key = _cache_key("counts", filters, members_version())
    counts = cache.get(key)
    if counts is None:
        counts = _facet_counts(filters)
        store_after_response(key, counts, COUNTS_CACHE_SECONDS)
    return counts


def directory_facets(filters: DirectoryFilters, *, counts: dict | None = None) -> Facets:
    """How many members each filter value would show, given the other filters. Pass the
    `directory_counts` already read for this request to avoid reading them twice."""
    counts = counts if counts is not None else directory_counts(filters)
    country_counts, region_counts = counts["country"], counts["region"]
    area_counts, language_counts = counts["area"], counts["language"]
    known = taxonomy()
    countries, regions, areas = known.countries, known.regions, known.areas
    language = get_language()
    return Facets(
        countries=sorted(
            (
                (countries[code], count)
                for code, count in country_counts.items()
                if code in countries
            ),
            key=lambda item: country_name(item[0].code, language),
        ),
        regions=[
            (region, region_counts[code])
            for code, region in regions.items()
            if code in region_counts
        ],
        areas=[(area, area_counts.get(area.slug, 0)) for area in areas],
        languages=[(code, language_counts[code]) for code in FACET_LANGUAGES],
    )


def organization_profile(slug: str) -> Organization:
    """One organisation with everything its public profile shows (a fixed number of queries)."""
    public_staff = OrganizationStaff.objects.filter(shown_publicly=True).select_related("user")
    return (
        Organization.objects.select_related("country__region", "contact")
        .prefetch_related(
            "areas",
            "countries_of_activity",
            Prefetch("staff", queryset=public_staff, to_attr="public_staff"),
        )
        .get(slug=slug)
    )


@dataclass(frozen=True)
class ProfileFacts:
    areas: list[KeyArea]
    countries: list[str]  # codes of the countries of activity
    staff: list[dict]  # those shown publicly: name, title, is_representative


@prepared
def _public_staff(organization_id: int):
    # Asked by every profile: prepared (building it cost the ORM more than the answer).
    return OrganizationStaff.objects.filter(
        organization_id=organization_id, shown_publicly=True
    ).values_list("user__full_name", "title", "is_representative")


def profile_facts(organization: Organization) -> ProfileFacts:
    """What a profile lists beside the organisation's own row, in two light queries: its key
    areas and countries of activity (read as codes, named from the taxonomy), and its staff
    shown publicly, the representative first."""
    areas_table = Organization.areas.through._meta.db_table
    countries_table = Organization.countries_of_activity.through._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT 'area', keyarea_id FROM {areas_table} WHERE organization_id = %s "  # noqa: S608
            f"UNION ALL SELECT 'country', country_id FROM {countries_table} "
            "WHERE organization_id = %s",
            [organization.pk, organization.pk],
        )
        codes = cursor.fetchall()
    area_slugs = {code for what, code in codes if what == "area"}
    staff = [
        {"name": name, "title": title, "is_representative": representative}
        for name, title, representative in _public_staff(organization.pk)
    ]
    return ProfileFacts(
        areas=[area for area in taxonomy().areas if area.slug in area_slugs],
        countries=[code for what, code in codes if what == "country"],
        staff=sorted(staff, key=lambda row: (not row["is_representative"], row["name"].casefold())),
    )


def organization_staff(organization: Organization) -> QuerySet[OrganizationStaff]:
    return organization.staff.select_related("user").order_by("-role", "user__email")


def organizations_of(user: User) -> QuerySet[Organization]:
    """The organisations a person works for."""
    if not user.is_authenticated:
        return Organization.objects.none()
    return Organization.objects.filter(staff__user=user).select_related("country")


def applications_of(user: User) -> QuerySet[MembershipApplication]:
    if not user.is_authenticated:
        return MembershipApplication.objects.none()
    return MembershipApplication.objects.filter(applicant=user).select_related("organization")


def application_detail(application_id: int) -> MembershipApplication:
    return (
        MembershipApplication.objects.select_related(
            "organization__country",
            "organization__contact",
            "constitution_version__document",
            "endorsed_by",
            "applicant",
        )
        .prefetch_related(
            "documents",
            "messages__author",
            "organization__areas",
            "organization__countries_of_activity",
        )
        .get(pk=application_id)
    )


REVIEW_ORDER = [
    MembershipApplication.Status.SUBMITTED,
    MembershipApplication.Status.AWAITING_ENDORSEMENT,
    MembershipApplication.Status.RETURNED,
    MembershipApplication.Status.FORWARDED,
]


def review_queue() -> QuerySet[MembershipApplication]:
    """What the Secretariat has to look at: submitted first, oldest first."""
    return (
        MembershipApplication.objects.filter(
            status__in=[
                MembershipApplication.Status.SUBMITTED,
                MembershipApplication.Status.AWAITING_ENDORSEMENT,
                MembershipApplication.Status.RETURNED,
                MembershipApplication.Status.FORWARDED,
            ]
        )
        .select_related("organization__country", "applicant")
        .order_by(
            Case(
                *[When(status=status, then=rank) for rank, status in enumerate(REVIEW_ORDER)],
                default=len(REVIEW_ORDER),
            ),
            "submitted_at",
        )
    )


def committee_queue(user: User) -> QuerySet[MembershipApplication]:
    """Applications before the committee, each marked with this member's vote if any."""
    return (
        MembershipApplication.objects.filter(status=MembershipApplication.Status.FORWARDED)
        .select_related("organization__country")
        .prefetch_related(
            Prefetch(
                "votes", queryset=ApplicationVote.objects.filter(voter=user), to_attr="my_votes"
            )
        )
        .order_by("forwarded_at")
    )


def pending_identity_changes() -> QuerySet[IdentityChange]:
    return IdentityChange.objects.filter(status=IdentityChange.Status.PENDING).select_related(
        "organization__country", "requested_by"
    )


def member_export_rows() -> QuerySet[Organization]:
    """Every organisation that is or was a member, as the CSV export writes them."""
    return export_rows_of(Organization.objects.exclude(status=Organization.Status.APPLICANT))


def member_organizations_administered_by(user: User) -> QuerySet[Organization]:
    """The member organisations this person administers: those that may endorse an applicant."""
    if not user.is_authenticated:
        return Organization.objects.none()
    return Organization.objects.members().filter(
        staff__user=user, staff__role=OrganizationStaff.Role.ADMIN
    )


@dataclass
class PossibleDuplicate:
    """An organisation that may be the applicant already, and why it was found."""

    organization: Organization
    same_registration_number: bool = False
    similar_name: bool = False


def _long_words(names: set[str]) -> list[str]:
    words = {word for name in names for word in name.split() if len(word) >= 4} or names
    return [word[:20] for word in sorted(words, key=len, reverse=True)[:6]]


def possible_duplicates_of(
    applications: list[MembershipApplication], *, threshold: float = 0.85
) -> dict[int, list[PossibleDuplicate]]:
    """For each application, the organisations that may be the applicant already, and why: the
    same registration number, or a very similar name (in any of its languages) in the same
    country. Two queries for any number of applications; only organisations in the same country
    sharing a long word with one of the names are compared, so the check stays cheap however
    many organisations a country has."""
    wanted = {application.pk: application.organization for application in applications}
    found: dict[int, dict[int, PossibleDuplicate]] = {pk: {} for pk in wanted}
    numbers: dict[str, list[int]] = {}
    for pk, org in wanted.items():
        number = org.registration_number.strip().casefold()
        if number:
            numbers.setdefault(number, []).append(pk)
    if numbers:
        same_number = (
            Organization.objects.annotate(number=Lower(Trim("registration_number")))
            .filter(number__in=list(numbers))
            .select_related("country")
        )
        for other in same_number:
            for pk in numbers[other.number]:
                if other.pk != wanted[pk].pk:
                    found[pk][other.pk] = PossibleDuplicate(other, same_registration_number=True)
    names = {pk: {text.casefold() for text in org.name.text.values()} for pk, org in wanted.items()}
    shares_a_word = Q()
    for pk, org in wanted.items():
        words = Q()
        for word in _long_words(names[pk]):
            words |= Q(search_text__contains=word)
        shares_a_word |= Q(words, country_id=org.country_id)
    if wanted:
        candidates = Organization.objects.filter(shares_a_word).select_related("country")
        for other in candidates[: 200 * len(wanted)]:
            other_names = {text.casefold() for text in other.name.text.values()}
            for pk, org in wanted.items():
                if other.pk == org.pk or other.country_id != org.country_id:
                    continue
                if any(
                    SequenceMatcher(None, a, b).ratio() >= threshold
                    for a in names[pk]
                    for b in other_names
                ):
                    found[pk].setdefault(other.pk, PossibleDuplicate(other)).similar_name = True
    return {pk: list(matches.values()) for pk, matches in found.items()}


def possible_duplicates_explained(application: MembershipApplication) -> list[PossibleDuplicate]:
    return possible_duplicates_of([application])[application.pk]


def possible_duplicates(application: MembershipApplication) -> list[Organization]:
    return [match.organization for match in possible_duplicates_explained(application)]


def export_rows_of(organizations: QuerySet[Organization]) -> QuerySet[Organization]:
    """Chosen organisations with what a CSV export row shows (the admin's "export selected")."""
    return (
        organizations.select_related("country__region", "contact")
        .prefetch_related("areas", "countries_of_activity")
        .order_by("sort_name")
    )


def open_invitations(organization: Organization) -> QuerySet:
    """The organisation's staff invitations not yet accepted, cancelled or expired."""
    from django.utils import timezone

    return organization.invitations.filter(
        accepted_at__isnull=True, cancelled_at__isnull=True, expires_at__gt=timezone.now()
    ).select_related("invited_by")


def pending_identity_changes_of(organization: Organization) -> QuerySet[IdentityChange]:
    """Changes to this organisation's legal identity still waiting for the Secretariat."""
    return organization.identity_changes.filter(status=IdentityChange.Status.PENDING).order_by(
        "created_at"
    )


def status_history_of(organization: Organization) -> QuerySet:
    """The organisation's membership history, newest first, with who made each change."""
    return organization.status_history.select_related("actor")


def application_list(*, actor: User, status: str = "") -> QuerySet[MembershipApplication]:
    """The applications a person may see (members.view_application): their own; the
    Secretariat's and site admins' all. Newest first, optionally of one status (one query)."""
    from members.rules import is_back_office

    if not actor.is_authenticated:
        return MembershipApplication.objects.none()
    applications = MembershipApplication.objects.all()
    if not is_back_office(actor):
        applications = applications.filter(applicant=actor)
    if status:
        applications = applications.filter(status=status)
    return applications.select_related("organization").order_by("-created_at", "-pk")


# --- search (registered in members/apps.py) ---------------------------------------------------

SEARCH_BODY_CHARACTERS = 2000


def organizations_for_search() -> QuerySet[Organization]:
    return Organization.objects.prefetch_related("areas")


def organization_search_document(organization: Organization) -> Document:
    """What the search index holds of an organisation: its names, its description, its city
    and slug. Applicants are found only by the Secretariat."""
    description = organization.description
    bodies = (
        {
            language: plain_text(text)[:SEARCH_BODY_CHARACTERS]
            for language, text in description.text.items()
        }
        if description
        else {}
    )
    return Document(
        titles=dict(organization.name.text),
        original_language=organization.name.original,
        url_kwargs={"slug": organization.slug},
        bodies=bodies,
        keywords=f"{organization.slug} {organization.city}",
        visibility=(STAFF if organization.status == Organization.Status.APPLICANT else PUBLIC),
        countries=[organization.country_id],
        areas=[area.slug for area in organization.areas.all()],
        status=organization.status,
    )


def search_levels_of(user: User) -> set[str]:
    """People working for a member organisation also find what is shown to members."""
    return {MEMBERS} if works_for_a_member(user.pk) else set()


# Kept until the organisations' count moves, which staff changes and statuses move too.
@data_versions.kept_while_unchanged(data_versions.ORGANIZATIONS)
def works_for_a_member(user_id: int) -> bool:
    """Whether this person is on the staff of a member organisation: asked by every search
    a signed-in reader makes, and before listing the organisations they work for."""
    return bool(_member_staff_rows(user_id))


@prepared
def _member_staff_rows(user_id: int):
    return OrganizationStaff.objects.filter(
        user_id=user_id, organization__status=Organization.Status.MEMBER
    ).values_list("pk", flat=True)[:1]
