"""Every main page and API list reads the database a number of times that does not grow with the
data (DESIGN.md §5: performance budgets; tests assert counts, never times).

The bulk data set is generated at two sizes with `seed_bulk --scale small --factor F`; each page
is requested once to warm what a process reads once (taxonomy rows, country names), then, with
the cache cleared (the directory's counts are cached: a cold request is the worst case), once
more while its queries are counted. The counts must be equal at both sizes.

The sizes: the smaller one must already hold a row of everything a page lists (an empty list
skips its prefetch queries, which would make the counts differ for the wrong reason), so it has
150 organisations (a forwarded application first appears there); the larger one has about three
times as many of everything. Each organisation's rows are the same at every size (seed_bulk
seeds them by the organisation's number), so detail pages are compared on the same organisation.
"""

import json
import re
from collections import Counter
from dataclasses import dataclass
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Count
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import NetworkRole, User
from accounts.services import api_token_create, network_role_grant
from core import data_versions
from core.models import Country
from governance.models import Consultation
from members.models import MembershipApplication, Organization, OrganizationStaff

FACTORS = ("1.5", "5")
SMALLER, LARGER = FACTORS
BULK = "bulk-"


@dataclass
class DataSet:
    """What the pages are asked about in one generated data set."""

    secretariat: User
    token: str
    committee_member: User
    org_admin: User
    staff_slug: str
    profile_slug: str
    applicant: User
    application_id: int
    forwarded_id: int
    q_chinese: str
    q_arabic: str
    q_cyrillic: str
    region: str
    closed_consultation_id: int = 0
    open_consultation_id: int = 0


@dataclass(frozen=True)
class Case:
    """A page or API list: its address, with {fields} of the DataSet where it depends on the
    data; who asks; how many rows it must list at the smaller size (see the docstring)."""

    url: str
    # anonymous, secretariat, secretariat-token (its bearer token), committee, org_admin, applicant
    who: str = "anonymous"
    min_rows: int = 0

    @property
    def id(self) -> str:
        return self.url if self.who == "anonymous" else f"{self.url} as {self.who}"

    def path(self, data: DataSet) -> str:
        return self.url.format(**vars(data))


def listing(url: str, who: str = "anonymous", min_rows: int = 1) -> Case:
    return Case(url, who, min_rows)


DIRECTORY_FILTERS = "region={region}&area=education&language=en&sort=newest"

CASES = [
    # Public pages
    Case("/en/"),
    Case("/zh-hans/"),
    Case("/en/about/"),
    listing("/en/members/"),
    listing("/en/members/?q={q_chinese}"),
    listing("/ar/members/?q={q_arabic}"),
    listing("/en/members/?country=CN"),
    listing("/en/members/?region={region}"),
    listing("/en/members/?area=education"),
    listing("/en/members/?language=ru"),
    listing("/en/members/?sort=newest"),
    listing("/en/members/?sort=country"),
    listing("/en/members/?page=2"),
    listing("/en/members/?" + DIRECTORY_FILTERS),
    Case("/en/members/{profile_slug}/"),
    # The public API
    listing("/api/v1/organizations"),
    listing("/api/v1/organizations?country=CN&area=education"),
    listing("/api/v1/organizations?q={q_cyrillic}"),
    listing("/api/v1/organizations?q={q_chinese}"),
    # Search: the page and the API, words in several scripts, a filter, a second page
    Case("/en/search/"),
    listing("/en/search/?q={q_cyrillic}"),
    listing("/zh-hans/search/?q={q_chinese}"),
    listing("/ar/search/?q={q_arabic}&kind=organization"),
    listing("/en/search/?q=de&page=2"),
    listing("/api/v1/search?q={q_cyrillic}"),
    listing("/api/v1/search?q=de&offset=20"),
    listing("/api/v1/organizations?region={region}&language=en"),
    listing("/api/v1/organizations?sort=newest&offset=20"),
    Case("/api/v1/organizations/{profile_slug}"),
    listing("/api/v1/countries?limit=100"),
    listing("/api/v1/countries?region={region}"),
    listing("/api/v1/regions"),
    listing("/api/v1/areas"),
    # Events (exchanges)
    Case("/en/events/"),
    Case("/zh-hans/events/?kind=forum&when=past"),
    Case("/en/events/?view=month&month=2027-03"),
    listing("/api/v1/events"),
    listing("/api/v1/events?kind=training&when=upcoming"),
    # Signed in
    listing("/en/members/review/", "secretariat", min_rows=3),
    Case("/en/members/review/{forwarded_id}/", "secretariat"),
    Case("/en/members/{profile_slug}/", "secretariat"),
    listing("/en/members/committee/", "committee"),
    Case("/en/members/committee/{forwarded_id}/", "committee"),
    Case("/en/members/{staff_slug}/staff/", "org_admin"),
    Case("/en/members/{staff_slug}/", "org_admin"),
    Case("/en/members/applications/{application_id}/", "applicant"),
    listing("/api/v1/applications", "secretariat-token"),
    listing("/api/v1/applications?status=submitted", "secretariat-token"),
    listing("/api/v1/applications?status=approved&offset=20", "secretariat-token"),
    Case("/api/v1/applications/{forwarded_id}", "secretariat-token"),
    listing("/api/v1/tokens", "secretariat-token"),
    # Cooperation: demands and projects
    listing("/en/demands/"),
    listing("/en/demands/?area=education&status=open&page=2"),
    listing("/en/demands/?region={region}&urgency=high"),
    listing("/en/projects/"),
    listing("/en/projects/?status=completed&sdg=4"),
    listing("/api/v1/demands?country=CN"),
    listing("/api/v1/projects?area=health&offset=20"),
    # Consultations and governance
    Case("/en/consultations/"),
    Case("/en/consultations/{closed_consultation_id}/"),
    Case("/en/consultations/{closed_consultation_id}/results/"),
    Case("/en/consultations/{closed_consultation_id}/results/?page=2"),
    Case("/fr/consultations/{open_consultation_id}/?page=2"),
    Case("/en/consultations/{open_consultation_id}/", "org_admin"),
    listing("/api/v1/consultations"),
    Case("/api/v1/consultations/{closed_consultation_id}"),
    listing("/api/v1/consultations/{open_consultation_id}/comments?offset=40"),
    Case("/en/governance/"),
    Case("/en/governance/decisions/"),
    Case("/api/v1/decisions"),
    Case("/api/v1/documents"),
]

# Where the query count grows with the data, as found; the app code is not changed here.
# Pages whose query count is known to grow with the data (none now); each is marked xfail.
GROWS: dict[str, str] = {}


def first(queryset):
    row = queryset.first()
    assert row is not None, f"the smaller data set has none of: {queryset.query}"
    return row


def word_in(organization: Organization, language: str) -> str:
    return organization.name.text[language].split()[0]


def choose(factor: str) -> DataSet:
    """Seed one size and choose what to ask about; every choice is the first by slug, so the
    same organisation is chosen at both sizes."""
    call_command("seed_bulk", "--scale", "small", "--factor", factor, stdout=StringIO())
    bulk = Organization.objects.filter(slug__startswith=BULK).order_by("slug")
    members = bulk.filter(status=Organization.Status.MEMBER)

    secretariat = User.objects.create_user("secretariat@example.org", full_name="Sara Secretariat")
    EmailAddress.objects.create(user=secretariat, email=secretariat.email, verified=True)
    network_role_grant(actor=None, user=secretariat, role=NetworkRole.Role.SECRETARIAT)
    _token, raw = api_token_create(actor=secretariat, name="query counts")

    profile = first(
        members.filter(
            contact__public=True,
            staff__shown_publicly=True,
            application__status=MembershipApplication.Status.APPROVED,
        ).distinct()
    )
    staffed = first(members.alias(people=Count("staff")).filter(people__gte=4))
    application = first(
        MembershipApplication.objects.filter(
            organization__slug__startswith=BULK, status=MembershipApplication.Status.RETURNED
        ).order_by("organization__slug")
    )
    forwarded = first(
        MembershipApplication.objects.filter(
            organization__slug__startswith=BULK, status=MembershipApplication.Status.FORWARDED
        ).order_by("organization__slug")
    )
    return DataSet(
        secretariat=secretariat,
        token=raw,
        committee_member=first(
            User.objects.filter(network_roles__role=NetworkRole.Role.COMMITTEE).order_by("email")
        ),
        org_admin=OrganizationStaff.objects.get(organization=staffed, role="admin").user,
        staff_slug=staffed.slug,
        profile_slug=profile.slug,
        applicant=application.applicant,
        application_id=application.pk,
        forwarded_id=forwarded.pk,
        q_chinese=first(members.filter(name__text__has_key="zh-hans")).name.text["zh-hans"][:2],
        q_arabic=word_in(first(members.filter(name__text__has_key="ar")), "ar"),
        q_cyrillic=word_in(first(members.filter(name__text__has_key="ru")), "ru"),
        region=Country.objects.get(code="CN").region_id,
        closed_consultation_id=first(Consultation.objects.filter(secret=True).order_by("pk")).pk,
        open_consultation_id=first(
            Consultation.objects.filter(voting_closes__gt=timezone.now()).order_by("pk")
        ).pk,
    )


def client_for(data: DataSet, who: str) -> tuple[Client, dict[str, str]]:
    client = Client()
    headers: dict[str, str] = {}
    if who == "secretariat-token":
        headers["Authorization"] = f"Bearer {data.token}"
    elif who != "anonymous":
        user = {
            "secretariat": data.secretariat,
            "committee": data.committee_member,
            "org_admin": data.org_admin,
            "applicant": data.applicant,
        }[who]
        client.force_login(user)
    return client, headers


LINKED_ROWS = re.compile(
    r'href="/[a-z-]+/(members/(?:bulk-[^/"]+|review/\d+|committee/\d+)'
    r"|demands/\d+|projects/\d+"
    r'|consultations/(?:comments/|proposals/)?\d+)/"'
)


def rows_in(body: str) -> int:
    """How many rows a list shows: its API items, or the organisations and applications a page
    links to."""
    if body.startswith("{"):
        return len(json.loads(body).get("items", []))
    return len(set(LINKED_ROWS.findall(body)))  # distinct links to rows


def measure(data: DataSet, case: Case) -> tuple[list[str], str]:
    client, headers = client_for(data, case.who)
    url = case.path(data)
    client.get(url, headers=headers)  # warm what a process reads once
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    assert response.status_code == 200, f"{url}: {response.status_code}"
    body = response.content.decode()
    return [query["sql"] for query in queries.captured_queries], body


@pytest.fixture(scope="module")
def measured(django_db_setup, django_db_blocker) -> dict[str, dict[str, tuple[list[str], str]]]:
    """{factor: {case id: (queries, body)}}, each size generated and rolled back in turn."""
    results: dict[str, dict[str, tuple[list[str], str]]] = {}
    test_settings = override_settings(
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
        PASSWORD_HASHERS=["conftest.FastArgon2PasswordHasher"],
        TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
        # Clearing the cache before each request must not sign anybody out.
        SESSION_ENGINE="django.contrib.sessions.backends.db",
    )
    with django_db_blocker.unblock(), test_settings:
        for factor in FACTORS:
            with transaction.atomic():
                cache.clear()
                data_versions.forget_kept()  # from earlier tests' rows, rolled back
                data = choose(factor)
                results[factor] = {case.id: measure(data, case) for case in CASES}
                transaction.set_rollback(True)
            cache.clear()
            data_versions.forget_kept()  # the rows rolled back, their counts never moved
    return results


def shape(sql: str) -> str:
    """A query without its literal values, to count the ones that repeat."""
    sql = re.sub(r"'(?:[^']|'')*'", "?", sql)
    sql = re.sub(r"\b\d+(\.\d+)?\b", "?", sql)
    return re.sub(r"\(\?(, \?)*\)", "(…)", sql)


def abridged(sql: str) -> str:
    """The start of a query and its FROM … WHERE part, without the long column list."""
    start = sql.find(" FROM ")
    return sql[:40] + " …" + sql[start : start + 400] if start > 40 else sql[:440]


def explain(smaller: list[str], larger: list[str]) -> str:
    grown = Counter(map(shape, larger)) - Counter(map(shape, smaller))
    lines = [f"{len(smaller)} queries at factor {SMALLER}, {len(larger)} at {LARGER}; extra:"]
    lines += [f"  {n}× {abridged(sql)}" for sql, n in grown.most_common(5)]
    return "\n".join(lines)


def cases() -> list:
    return [
        pytest.param(
            case,
            id=case.id,
            marks=[pytest.mark.xfail(strict=True, reason=GROWS[case.id])]
            if case.id in GROWS
            else [],
        )
        for case in CASES
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("case", cases())
def test_query_count_does_not_grow_with_the_data(measured, case):
    smaller, smaller_body = measured[SMALLER][case.id]
    larger, _larger_body = measured[LARGER][case.id]

    assert rows_in(smaller_body) >= case.min_rows, "the smaller data set lists too few rows"
    assert len(larger) == len(smaller), explain(smaller, larger)
