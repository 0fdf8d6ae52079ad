"""Open data: the IATI file validates against the official 2.03 schema and uses only codes on
the official codelists; CSV and JSON exports are streamed and hold no contact."""

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from cooperation import services
from cooperation.models import Indicator

pytestmark = pytest.mark.django_db

# The official schema and codelists, kept beside the tests (see its README).
REFERENCE = Path(__file__).parent / "iati_reference"


def body(response) -> bytes:
    assert response.streaming
    return b"".join(response.streaming_content)


@pytest.fixture(scope="module")
def schema():
    return etree.XMLSchema(
        etree.parse(str(REFERENCE / "schema-2.03" / "iati-activities-schema.xsd"))
    )


@pytest.fixture(scope="module")
def codelists():
    return json.loads((REFERENCE / "codelists.json").read_text())


def codes(codelists, name):
    return {code for code, info in codelists[name]["codes"].items() if info["status"] == "active"}


def test_the_iati_file_of_the_demo_is_valid_and_uses_official_codes(
    client, demo, schema, codelists
):
    document = etree.fromstring(body(client.get("/open-data/iati/activities.xml")))
    schema.assertValid(document)
    activities = document.findall("iati-activity")
    assert len(activities) >= 16
    checks = {
        "activity-status/@code": "ActivityStatus",
        "activity-date/@type": "ActivityDateType",
        "participating-org/@role": "OrganisationRole",
        "participating-org/@type": "OrganisationType",
        "reporting-org/@type": "OrganisationType",
        "recipient-country/@code": "Country",
        "sector/@vocabulary": "SectorVocabulary",
        "sector/@code": "Sector",
        "tag/@vocabulary": "TagVocabulary",
        "tag/@code": "UNSDG-Goals",
        "budget/@type": "BudgetType",
        "budget/@status": "BudgetStatus",
        "budget/value/@currency": "Currency",
        "@default-currency": "Currency",
        "result/@type": "ResultType",
        "result/indicator/@measure": "IndicatorMeasure",
        "location/administrative/@vocabulary": "GeographicVocabulary",
        "location/location-class/@code": "GeographicLocationClass",
    }
    for path, codelist in checks.items():
        used = set(document.xpath(f"//iati-activity/{path}"))
        assert used, path
        assert used <= codes(codelists, codelist), (path, used - codes(codelists, codelist))
    languages = set(
        document.xpath(
            "//narrative/@xml:lang", namespaces={"xml": "http://www.w3.org/XML/1998/namespace"}
        )
    )
    assert languages <= {c.lower() for c in codes(codelists, "Language")}
    identifiers = document.xpath("//iati-identifier/text()")
    assert len(set(identifiers)) == len(identifiers)
    assert all(i.startswith("XI-IATI-SIRONET-P") for i in identifiers)
    statuses = set(document.xpath("//activity-status/@code"))
    assert statuses == {"1", "2", "4", "5"}  # planned, active, completed, cancelled


def test_a_project_with_results_and_budget_is_valid(client, project, admin_a, schema):
    services.project_add_budget_line(
        actor=admin_a,
        project=project,
        kind="budget",
        label="Books",
        amount="1250.50",
        currency="EUR",
    )
    Indicator.objects.create(
        project=project,
        name="Schools",
        unit="schools",
        target=Decimal(40),
        actual=Decimal(12),
        period_start=project.starts_on,
        period_end=project.ends_on,
    )
    document = etree.fromstring(body(client.get("/open-data/iati/activities.xml")))
    schema.assertValid(document)
    assert document.xpath("//budget/value/text()") == ["1250.50"]
    assert document.xpath("//participating-org/@ref") == [
        "XI-IATI-SIRONET-org-a",
        "XI-IATI-SIRONET-org-a",
        "XI-IATI-SIRONET-org-b",
    ]


def test_csv_and_json_exports(client, project, demand):
    rows = list(csv.DictReader(io.StringIO(body(client.get("/open-data/projects.csv")).decode())))
    assert [row["id"] for row in rows] == [str(project.pk)]
    assert rows[0]["countries"] == "CN KZ"
    data = json.loads(body(client.get("/open-data/demands.json")))
    assert [item["id"] for item in data["items"]] == [demand.pk]
    assert "contact_email" not in data["items"][0]
    assert data["licence"] == "CC BY 4.0"


def test_the_open_data_page_lists_every_dataset(client):
    page = client.get("/fr/open-data/").content.decode()
    for path in [
        "/open-data/iati/activities.xml",
        "/open-data/projects.csv",
        "/open-data/projects.json",
        "/open-data/demands.csv",
        "/open-data/demands.json",
    ]:
        assert path in page
    assert "CC BY 4.0" in page


def test_the_project_exports_give_its_demands_goals_and_places(
    client, project, demand, pending_demand, secretariat
):
    project.demands.set([demand, pending_demand])  # the waiting one is not published
    project.sdg_goals.set([7])
    services.project_save_rows(
        actor=secretariat,
        project=project,
        kind="locations",
        rows=[
            {"country": "CN", "place": "Laomudeng", "latitude": "26.5", "longitude": "99.12345"},
            {"country": "KZ"},
        ],
    )
    [row] = csv.DictReader(io.StringIO(body(client.get("/open-data/projects.csv")).decode()))
    assert row["demands"] == str(demand.pk)
    assert row["sdg_goals"] == "4 7"  # education's goal, and its own
    assert row["places"] == "Laomudeng, CN (26.50000 99.12345); KZ"
    [item] = json.loads(body(client.get("/open-data/projects.json")))["items"]
    assert item["demands"] == [demand.pk] and item["sdg_goals"] == [4, 7]
    assert item["places"] == [
        {"country": "CN", "place": "Laomudeng", "latitude": "26.50000", "longitude": "99.12345"},
        {"country": "KZ", "place": "", "latitude": None, "longitude": None},
    ]
