"""The projects' list in the same order whichever way its page of ids is read: in order by the
database (a large selection), or whole and put in order here (a small one)."""

import re
from datetime import date

import pytest
from django.urls import reverse

from cooperation import selectors
from cooperation.models import Project
from core.multilingual import MultilingualText

pytestmark = pytest.mark.django_db


@pytest.fixture
def projects(org_a):
    starts = [date(2024, 5, 1), None, date(2025, 1, 1), date(2024, 5, 1), None, date(2023, 2, 2)]
    made = []
    for n, starts_on in enumerate(starts):
        project = Project.objects.create(
            title=MultilingualText.create(f"Project {n}", "en"),
            summary=MultilingualText.create("A project.", "en"),
            lead=org_a,
            area_id="education",
            status=Project.Status.ACTIVE,
            starts_on=starts_on,
        )
        project.countries.set(["KZ"] if n % 2 else ["KZ", "CN"])
        made.append(project)
    return made


@pytest.mark.parametrize("chosen", [{"country": "KZ"}, {"country": "CN"}, {}])
def test_a_small_selection_is_put_in_the_databases_order(projects, chosen):
    filters = selectors.ProjectFilters(**chosen)
    in_the_database = list(selectors.project_ids(filters))
    total = selectors.project_counts(filters)["total"]
    assert total == len(in_the_database) > 0
    read_whole = selectors.project_ids(filters, total)
    assert isinstance(read_whole, list)
    assert read_whole == in_the_database


def test_the_page_and_the_api_list_a_country_in_order(client, projects):
    expected = list(selectors.project_ids(selectors.ProjectFilters(country="KZ")))
    api = client.get("/api/v1/projects", {"country": "KZ"}).json()
    assert [item["id"] for item in api["items"]] == expected
    page = client.get(reverse("cooperation:projects"), {"country": "KZ"}).content.decode()
    linked = [int(pk) for pk in re.findall(r'href="/en/projects/(\d+)/"', page)]
    assert list(dict.fromkeys(linked)) == expected
