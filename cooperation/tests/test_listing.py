"""The lists' filters and rows, written in Python (cooperation.listing), read as the templates
they replaced wrote them."""

import pytest
from django.template import engines
from django.utils import translation

from cooperation import listing, selectors
from cooperation.forms import DemandFilterForm, ProjectFilterForm
from cooperation.models import Project
from core.multilingual import MultilingualText
from core.widgets import fields_html

pytestmark = pytest.mark.django_db

# The rows of project_list.html and demand_list.html before they were written in Python.
PROJECT_ROWS_TEMPLATE = """{% for row in rows %}
      <li class="directory-row">
        <h3><a href="{% url 'cooperation:project' row.project.pk %}"><bdi lang="{{ row.title.language }}">{{ row.title.text }}</bdi></a></h3>
        <p class="muted"><bdi>{{ row.lead.text }}</bdi> · {{ row.countries|join:", " }} · {{ row.project.get_status_display }}{% if row.project.starts_on %} · {{ row.project.starts_on|date:"SHORT_DATE_FORMAT" }}{% endif %}</p>
      </li>
      {% endfor %}"""

DEMAND_ROWS_TEMPLATE = """{% for row in rows %}
      <li class="directory-row">
        <h3><a href="{% url 'cooperation:demand' row.demand.pk %}"><bdi lang="{{ row.title.language }}">{{ row.title.text }}</bdi></a></h3>
        <p class="muted">{{ row.demand.country.name }}{% if row.demand.locality %}, <bdi>{{ row.demand.locality }}</bdi>{% endif %} · {{ row.demand.area.name }} · {{ row.demand.get_status_display }} · {{ row.demand.get_urgency_display }}</p>
      </li>
      {% endfor %}"""


def _text(rendering):
    return {"text": rendering.text, "language": rendering.language}


@pytest.mark.parametrize("language", ["en", "ar", "zh-hans"])
@pytest.mark.parametrize(
    "data",
    [
        None,
        {"page": "2"},
        {"q": "water <& \"'", "country": "KZ", "region": "143", "status": "active", "sdg": "3"},
        {"country": "CI", "area": "health", "organization": "org-a"},
        {"country": "XX", "status": "bogus"},  # not among the choices: left to fields_html
    ],
)
def test_the_filters_are_written_as_the_field_template_writes_them(language, data):
    counts = {"total": 3, "status": {"active": 2, "open": 1}, "area": {"health": 3}}
    with translation.override(language):
        for form_class in (ProjectFilterForm, DemandFilterForm):
            form = form_class(data, counts=counts)
            assert listing.filters_html(form) == fields_html(form_class(data, counts=counts))


@pytest.mark.parametrize("language", ["en", "ru", "ar"])
def test_the_project_rows_are_written_as_the_template_wrote_them(language, project, org_b):
    project.title = MultilingualText.create("Reading <corners> & 'more'", "en")
    project.save()
    Project.objects.create(
        title=MultilingualText.create("Без даты", "ru"), lead=org_b, area_id="health"
    )
    with translation.override(language):
        projects = list(selectors.project_list(selectors.ProjectFilters()))
        rows = selectors.project_rows([p.pk for p in projects])
        expected = (
            engines["django"]
            .from_string(PROJECT_ROWS_TEMPLATE)
            .render(
                {
                    "rows": [
                        {
                            "project": p,
                            "title": _text(p.title.render(language)),
                            "lead": _text(p.lead.name.render(language)),
                            "countries": [c.name for c in p.countries.all()],
                        }
                        for p in projects
                    ]
                }
            )
        )
        assert [row.pk for row in rows] == [p.pk for p in projects]
        assert listing.project_rows_html(rows, language) == expected


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_the_demand_rows_are_written_as_the_template_wrote_them(language, demand, org_b):
    from cooperation.models import Demand

    Demand.objects.filter(pk=demand.pk).update(locality="Lao<mu>deng & 'co'")
    with translation.override(language):
        demands = list(selectors.demand_list(selectors.DemandFilters()))
        rows = list(selectors.demand_rows(selectors.DemandFilters()))
        expected = (
            engines["django"]
            .from_string(DEMAND_ROWS_TEMPLATE)
            .render(
                {"rows": [{"demand": d, "title": _text(d.title.render(language))} for d in demands]}
            )
        )
        assert [row["pk"] for row in rows] == [d.pk for d in demands]
        assert listing.demand_rows_html(rows, language) == expected


def test_the_api_lists_each_project_as_its_own_page_gives_it(
    client, project, demand, pending_demand, org_a
):
    project.demands.set([demand, pending_demand])
    Project.objects.create(
        title=MultilingualText.create("Alone", "fr"), lead=org_a, area_id="health"
    )
    items = client.get("/api/v1/projects").json()["items"]
    assert [item["id"] for item in items] == [
        p.pk for p in Project.objects.order_by("-starts_on", "-pk")
    ]
    for item in items:
        detail = client.get(f"/api/v1/projects/{item['id']}").json()
        assert item == {name: detail[name] for name in item}
    [item] = [item for item in items if item["id"] == project.pk]
    assert item["demands"] == [demand.pk] and item["countries"] == ["CN", "KZ"]


MATCHES_TEMPLATE = """{% for match in matches %}
    <li><a href="{% url 'members:profile' match.organization.slug %}">{{ match.organization.name }}</a> — {% blocktranslate with score=match.score %}score {{ score }} of 100{% endblocktranslate %}
      <ul>{% for reason in match.reasons %}<li>{{ reason.text }}</li>{% endfor %}</ul>
    </li>
    {% endfor %}"""


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_the_matches_are_written_as_the_template_wrote_them(language, secretariat):
    from cooperation.tests.conftest import make_org
    from cooperation.tests.test_stored_matches import post

    water = make_org("water-friends", "KZ", areas=["health"], languages=["ru"], activity=["KZ"])
    water.name = MultilingualText.create("Water <&> 'Friends'", "en")
    water.save()
    make_org("clinics-kz", "KZ", areas=["health"], description="Clean water and clinics.")
    demand = post(secretariat, "Clean water for the clinic", "KZ", "health", "ru")
    with translation.override(language):
        matches = selectors.demand_matches(demand)
        expected = (
            engines["django"]
            .from_string("{% load i18n %}" + MATCHES_TEMPLATE)
            .render({"matches": matches})
        )
        assert len(matches) == 2 and listing.matches_html(matches) == expected
