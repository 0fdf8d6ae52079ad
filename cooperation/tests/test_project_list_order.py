"""The projects' list is chosen and put in order from a table each process keeps
(cooperation.selectors._project_table): it must choose what the filters choose in the database
and list it in the database's own order, and follow every change at once."""

import re
from datetime import date

import pytest
from django.urls import reverse

from cooperation import selectors
from cooperation.models import Project
from core.multilingual import MultilingualText

pytestmark = pytest.mark.django_db


@pytest.fixture
def projects(org_a, org_b):
    starts = [date(2024, 5, 1), None, date(2025, 1, 1), date(2024, 5, 1), None, date(2023, 2, 2)]
    made = []
    for n, starts_on in enumerate(starts):
        project = Project.objects.create(
            title=MultilingualText.create(f"Project {n} {'water' if n % 3 else 'school'}", "en"),
            summary=MultilingualText.create("A project.", "en"),
            lead=org_a if n < 4 else org_b,
            area_id="education" if n % 2 else "health",
            status=Project.Status.ACTIVE if n < 3 else Project.Status.COMPLETED,
            starts_on=starts_on,
        )
        project.countries.set(["KZ"] if n % 2 else ["KZ", "CN"])
        if n == 2:
            project.sdg_goals.set([13])
            project.partners.set([org_b])
        made.append(project)
    return made


def in_the_database(filters: selectors.ProjectFilters) -> list[int]:
    chosen = filters.apply(Project.objects.all()).order_by("-starts_on", "-pk")
    return list(chosen.values_list("pk", flat=True))


CHOSEN = [
    {},
    {"country": "KZ"},
    {"country": "cn"},
    {"country": "KZ", "status": "completed"},
    {"region": "143"},  # Central Asia: Kazakhstan
    {"region": "030", "area": "health"},  # Eastern Asia: China
    {"area": "education"},
    {"status": "active"},
    {"sdg": "4"},  # quality education: the education projects
    {"sdg": "13"},  # climate: one project's own goal
    {"sdg": "13", "country": "CN"},
    {"sdg": "18"},  # no such goal: nothing
    {"sdg": "two"},
    {"organization": "org-b"},  # lead or partner
    {"organization": "org-b", "status": "active"},
    {"q": "water"},
    {"q": "water", "country": "CN"},
    {"q": "nothing-holds-this"},
    {"country": "FR"},
]


@pytest.mark.parametrize("chosen", CHOSEN)
def test_the_list_chooses_and_orders_as_the_database(projects, chosen):
    filters = selectors.ProjectFilters(**chosen)
    expected = in_the_database(filters)
    assert list(selectors.project_ids(filters)) == expected
    total = selectors.project_counts(filters)["total"]
    assert total == len(expected)
    ids = selectors.project_ids(filters, total)
    assert len(ids) == total
    assert [ids[k] for k in range(total)] == expected
    assert ids[1:3] == expected[1:3]  # a page read first, before the rest is walked
    assert list(ids) == expected


def test_a_new_project_or_a_changed_country_is_listed_at_once(
    projects, org_a, django_capture_on_commit_callbacks
):
    filters = selectors.ProjectFilters(country="CN")
    before = list(selectors.project_ids(filters))
    with django_capture_on_commit_callbacks(execute=True):  # the data version moves on commit
        newest = Project.objects.create(
            title=MultilingualText.create("A new project", "en"),
            summary=MultilingualText.create("New.", "en"),
            lead=org_a,
            area_id="education",
            starts_on=date(2030, 1, 1),
        )
        newest.countries.set(["CN"])
    listed = list(selectors.project_ids(filters))
    assert listed == in_the_database(filters)
    assert sorted(listed) == sorted([newest.pk, *before])
    with django_capture_on_commit_callbacks(execute=True):
        projects[1].countries.add("CN")
    assert list(selectors.project_ids(filters)) == in_the_database(filters)
    assert projects[1].pk in selectors.project_ids(filters)


def test_the_page_and_the_api_list_a_country_in_order(client, projects):
    expected = in_the_database(selectors.ProjectFilters(country="KZ"))
    api = client.get("/api/v1/projects", {"country": "KZ"}).json()
    assert [item["id"] for item in api["items"]] == expected
    page = client.get(reverse("cooperation:projects"), {"country": "KZ"}).content.decode()
    linked = [int(pk) for pk in re.findall(r'href="/en/projects/(\d+)/"', page)]
    assert list(dict.fromkeys(linked)) == expected
