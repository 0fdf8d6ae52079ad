"""The demands and projects lists: the facet counts summed from one grouped query are those each
filter would show, and the filter forms' selects read as Django writes them."""

import itertools

import pytest
from django.db.models import Count
from django.forms.renderers import DjangoTemplates

from cooperation import selectors, services
from cooperation.forms import DemandFilterForm
from cooperation.models import Demand
from cooperation.rendering import LIST_FORMS

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


def test_the_lists_selects_read_as_djangos_templates_write_them(demand):
    counts = selectors.demand_counts(selectors.DemandFilters())
    data = {"country": "CN", "area": "education", "status": "open", "q": "<b>"}
    fast = DemandFilterForm(data, counts=counts, renderer=LIST_FORMS)
    usual = DemandFilterForm(data, counts=counts, renderer=DjangoTemplates())
    for name in fast.fields:
        assert str(fast[name]) == str(usual[name])
    assert 'value="CN" selected' in str(fast["country"])


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
