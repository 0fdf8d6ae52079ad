"""The demands and projects lists: the facet counts summed from one grouped query are those each
filter would show, and the filter forms' fields read as Django's templates write them."""

import itertools

import pytest
from django.db.models import Count
from django.template.loader import render_to_string
from django.test.html import parse_html

from cooperation import selectors, services
from cooperation.forms import DemandFilterForm, ProjectFilterForm
from cooperation.models import Demand, Project
from core.multilingual import MultilingualText
from core.widgets import fields_html

pytestmark = pytest.mark.django_db


def naive(filters: selectors.DemandFilters) -> dict:
    def grouped(without, field):
        rows = selectors.DemandFilters(**{**filters.__dict__, without: ""}).apply(
            selectors.public_demands()
        )
        return dict(rows.order_by().values_list(field).annotate(n=Count("pk")))

    return {
        "total": filters.apply(selectors.public_demands()).count(),
        "status": grouped("status", "status"),
        "urgency": grouped("urgency", "urgency"),
        "area": grouped("area", "area_id"),
    }


def test_demand_counts_are_those_of_each_filter(staff_a, org_a):
    for country, area, urgency in itertools.product(
        ["CN", "KZ"], ["education", "health"], ["low", "high"]
    ):
        services.demand_submit(
            actor=staff_a,
            organization=org_a,
            title=f"{country} {area} {urgency}",
            description="A need.",
            country=country,
            area=area,
            language="en",
            urgency=urgency,
        )
    Demand.objects.filter(urgency="low", country_id="KZ").update(status="matched")
    for country, area, status, urgency in itertools.product(
        ["", "CN", "KZ"], ["", "education", "water"], ["", "open", "matched"], ["", "high"]
    ):
        filters = selectors.DemandFilters(
            country=country, area=area, status=status, urgency=urgency
        )
        assert selectors.demand_counts(filters) == naive(filters), filters


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"country": "CN", "area": "education", "status": "open", "q": "<b>"},
        {"country": "XX", "area": "<script>", "sdg": "99"},  # invalid: errors shown
    ],
)
def test_the_lists_filters_read_as_djangos_templates_write_them(demand, data):
    counts = selectors.demand_counts(selectors.DemandFilters())
    for form_class in (DemandFilterForm, ProjectFilterForm):
        form = form_class(data, counts=counts)
        usual = "".join(render_to_string("includes/field.html", {"field": f}) for f in form)

        assert parse_html(fields_html(form)) == parse_html(usual)
    if data and data["country"] == "CN":
        assert 'value="CN" selected' in fields_html(DemandFilterForm(data, counts=counts))


def test_the_demands_api_pages_as_one_read_of_the_whole_list(client, staff_a, org_a):
    """The API's pages take their count from the cached facet counts and read ids first: the
    same count, items and order as the whole list."""
    for n in range(7):
        services.demand_submit(
            actor=staff_a,
            organization=org_a,
            title=f"Need {n}",
            description="A need.",
            country="CN" if n % 2 else "KZ",
            area="education",
            language="en",
            urgency="high",
        )
    whole = client.get("/api/v1/demands?limit=100&country=CN").json()
    paged = []
    for offset in (0, 2):
        page = client.get(f"/api/v1/demands?limit=2&offset={offset}&country=CN").json()
        assert page["count"] == whole["count"] == 3
        paged += page["items"]
    assert paged == whole["items"][:4]
    assert client.get("/api/v1/demands?urgency=critical").json() == {"count": 0, "items": []}


def naive_projects(filters: selectors.ProjectFilters) -> dict:
    def grouped(without, field):
        rows = selectors.ProjectFilters(**{**filters.__dict__, without: ""}).apply(
            Project.objects.all()
        )
        return dict(rows.order_by().values_list(field).annotate(n=Count("pk")))

    return {
        "total": filters.apply(Project.objects.all()).count(),
        "status": grouped("status", "status"),
        "area": grouped("area", "area_id"),
    }


def test_project_counts_are_those_of_each_filter(org_a, org_b):
    """A country's counts come from every country's, a goal's from its key areas' and its own:
    the same as counting each filter."""
    for number, (area, status, countries, goals) in enumerate(
        [
            ("education", "active", ["CN", "KZ"], []),
            ("health", "planned", ["KZ"], [4]),  # health's goal is 3; 4 is education's
            ("health", "active", ["CN"], [3, 7]),
            ("cultural-exchange", "completed", [], [7]),
            ("education", "active", ["FR"], []),
        ]
    ):
        project = Project.objects.create(
            title=MultilingualText.create(f"P{number}", "en"),
            lead=org_a if number % 2 else org_b,
            area_id=area,
            status=status,
        )
        project.countries.set(countries)
        project.sdg_goals.set(goals)
    for country, sdg, status, area, organization in itertools.product(
        ["", "CN", "KZ", "kz", "MN", "XX"],
        ["", "3", "4", "7", "99", "x"],
        ["", "active"],
        ["", "health"],
        ["", "org-a"],
    ):
        filters = selectors.ProjectFilters(
            country=country, sdg=sdg, status=status, area=area, organization=organization
        )
        assert selectors.project_counts(filters) == naive_projects(filters), filters


def test_a_countrys_demand_counts_can_be_read_from_the_index_alone():
    """On PostgreSQL the counts by status, urgency and key area are counted from
    demand_counts_idx without reading the demands (COUNT(*); counting the ids needed the
    table: China's 20,000 demands took 32 ms, 7 from the index)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the plan asked about is PostgreSQL's (SQLite's indexes hold the id)")
    rows = selectors.demand_count_rows(selectors.DemandFilters(country="CN"))
    sql, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        # Only the plans' shapes are compared: the table scan is ruled out for the tiny table.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())

    assert "Index Only Scan using demand_counts_idx" in plan, plan
