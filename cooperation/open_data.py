"""Open data: the IATI 2.03 activity file, CSV and JSON exports of demands and projects, and the
page that lists them. Files are streamed: rows are read in chunks and written as they come, so
memory stays flat however many there are. Contacts of posters are never in any of them."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal

from django.conf import settings
from django.db.models import Prefetch
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from lxml import etree

from cooperation.models import BudgetLine, Demand, Project
from members.models import Organization

CHUNK = 500
LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
# The network's organisation identifier: the prefix of every activity's identifier.
PUBLISHER_REF = getattr(settings, "IATI_PUBLISHER_REF", "XI-IATI-SIRONET")
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# IATI codes (official codelists: cooperation/tests/iati_reference/)
ACTIVITY_STATUS = {
    Project.Status.PLANNED: "1",  # Pipeline/identification
    Project.Status.ACTIVE: "2",  # Implementation
    Project.Status.COMPLETED: "4",  # Closed
    Project.Status.CANCELLED: "5",  # Cancelled
}
ORGANISATION_TYPE = {  # members' kinds -> OrganisationType
    "ngo": "22",
    "association": "22",
    "foundation": "60",
    "network": "21",
    "think_tank": "80",
    "social_enterprise": "90",
}
ROLE_ACCOUNTABLE, ROLE_IMPLEMENTING = "2", "4"
SECTOR_VOCABULARY_DAC5 = "1"
TAG_VOCABULARY_SDG_GOALS = "2"
BUDGET_TYPE_ORIGINAL, BUDGET_STATUS_INDICATIVE = "1", "1"
RESULT_TYPE_OUTPUT, INDICATOR_MEASURE_UNIT = "1", "1"
ISO_LANGUAGE = {"zh-hans": "zh"}
GEOGRAPHIC_VOCABULARY_ISO_COUNTRY, LOCATION_CLASS_POPULATED_PLACE = "A4", "2"
SRS_WGS84 = "http://www.opengis.net/def/crs/EPSG/0/4326"


def _iati_language(code: str) -> str:
    return ISO_LANGUAGE.get(code, code.split("-")[0])


def organization_ref(organization: Organization) -> str:
    return f"{PUBLISHER_REF}-{organization.slug}"[:200]


def activity_identifier(project: Project) -> str:
    return f"{PUBLISHER_REF}-P{project.pk}"


def _narratives(parent, text) -> None:
    """One narrative per language of a text people wrote, the original first."""
    if text is None:
        return
    languages = [text.original] + [code for code in text.text if code != text.original]
    for code in languages:
        value = (text.text.get(code) or "").strip()
        if value:
            narrative = etree.SubElement(parent, "narrative")
            narrative.set(XML_LANG, _iati_language(code))
            narrative.text = value


def _sub(parent, tag: str, **attributes) -> etree._Element:
    element = etree.SubElement(parent, tag)
    for name, value in attributes.items():
        element.set(name.replace("_", "-"), str(value))
    return element


def _decimal(value: Decimal) -> str:
    return f"{value:.2f}"


def activity_element(project: Project) -> etree._Element:
    language = _iati_language(project.title.original)
    activity = etree.Element("iati-activity")
    activity.set(
        "last-updated-datetime", project.updated_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    )
    activity.set(XML_LANG, language)
    currencies = {line.currency for line in project.budget_lines.all()}
    activity.set("default-currency", sorted(currencies)[0] if currencies else "USD")
    _sub(activity, "iati-identifier").text = activity_identifier(project)
    reporting = _sub(activity, "reporting-org", ref=PUBLISHER_REF, type="21")
    narrative = _sub(reporting, "narrative")
    narrative.text = "Silk Road NGO Cooperation Network"
    _narratives(_sub(activity, "title"), project.title)
    if project.summary is not None and project.summary.original_text.strip():
        _narratives(_sub(activity, "description", type="1"), project.summary)
    organizations = [(project.lead, ROLE_ACCOUNTABLE), (project.lead, ROLE_IMPLEMENTING)]
    organizations += [(partner, ROLE_IMPLEMENTING) for partner in project.partners.all()]
    for organization, role in organizations:
        element = _sub(
            activity,
            "participating-org",
            ref=organization_ref(organization),
            type=ORGANISATION_TYPE.get(organization.kind, "90"),
            role=role,
        )
        _narratives(element, organization.name)
    _sub(activity, "activity-status", code=ACTIVITY_STATUS[project.status])
    started = project.status in (Project.Status.ACTIVE, Project.Status.COMPLETED)
    if project.starts_on:
        _sub(
            activity,
            "activity-date",
            type="2" if started else "1",
            iso_date=project.starts_on.isoformat(),
        )
    else:
        _sub(activity, "activity-date", type="1", iso_date=project.created_at.date().isoformat())
    if project.ends_on:
        ended = project.status == Project.Status.COMPLETED
        _sub(
            activity,
            "activity-date",
            type="4" if ended else "3",
            iso_date=project.ends_on.isoformat(),
        )
    countries = sorted(country.pk for country in project.countries.all())
    for index, code in enumerate(countries):
        share = 100 // len(countries) + (1 if index < 100 % len(countries) else 0)
        _sub(activity, "recipient-country", code=code, percentage=share)
    for place in project.locations.all():
        if not place.place and place.latitude is None:
            continue  # the country alone is already a recipient country
        location = _sub(activity, "location")
        if place.place:
            _sub(_sub(location, "name"), "narrative").text = place.place
        _sub(
            location,
            "administrative",
            vocabulary=GEOGRAPHIC_VOCABULARY_ISO_COUNTRY,
            level=0,
            code=place.country_id,
        )
        if place.latitude is not None and place.longitude is not None:
            point = _sub(location, "point", srsName=SRS_WGS84)
            _sub(point, "pos").text = f"{place.latitude} {place.longitude}"
        _sub(location, "location-class", code=LOCATION_CLASS_POPULATED_PLACE)
    sectors = [sector.code for sector in project.all_dac_sectors()]
    for index, code in enumerate(sectors):
        share = 100 // len(sectors) + (1 if index < 100 % len(sectors) else 0)
        _sub(activity, "sector", vocabulary=SECTOR_VOCABULARY_DAC5, code=code, percentage=share)
    for goal in project.all_sdg_goals():
        _sub(activity, "tag", vocabulary=TAG_VOCABULARY_SDG_GOALS, code=goal.number)
    budgets = [line for line in project.budget_lines.all() if line.kind == BudgetLine.Kind.BUDGET]
    if budgets and project.starts_on and project.ends_on:
        start, end = project.starts_on, project.ends_on
        if (end - start).days > 365:  # IATI budgets cover a year at most: the first year
            end = date(start.year + 1, start.month, min(start.day, 28))
        for line in budgets:
            budget = _sub(
                activity, "budget", type=BUDGET_TYPE_ORIGINAL, status=BUDGET_STATUS_INDICATIVE
            )
            _sub(budget, "period-start", iso_date=start.isoformat())
            _sub(budget, "period-end", iso_date=end.isoformat())
            value = _sub(budget, "value", currency=line.currency, value_date=start.isoformat())
            value.text = _decimal(line.amount)
    indicators = list(project.indicators.all())
    if indicators:
        result = _sub(activity, "result", type=RESULT_TYPE_OUTPUT, aggregation_status="false")
        _sub(_sub(result, "title"), "narrative").text = "Results"
        for item in indicators:
            indicator = _sub(result, "indicator", measure=INDICATOR_MEASURE_UNIT, ascending="true")
            _sub(_sub(indicator, "title"), "narrative").text = (
                f"{item.name} ({item.unit})" if item.unit else item.name
            )
            year = (item.period_start or project.starts_on or project.created_at.date()).year
            _sub(indicator, "baseline", year=year, value=_decimal(item.baseline))
            if item.period_start and item.period_end:
                period = _sub(indicator, "period")
                _sub(period, "period-start", iso_date=item.period_start.isoformat())
                _sub(period, "period-end", iso_date=item.period_end.isoformat())
                _sub(period, "target", value=_decimal(item.target))
                if item.actual is not None:
                    _sub(period, "actual", value=_decimal(item.actual))
    return activity


def public_projects():
    return (
        Project.objects.select_related("lead", "area")
        .prefetch_related(
            "partners",
            "countries",
            "area__dac_sectors",
            "area__sdg_goals",
            "dac_sectors",
            "sdg_goals",
            "locations",
            Prefetch("budget_lines", queryset=BudgetLine.objects.order_by("id")),
            "indicators",
        )
        .order_by("pk")
    )


def iati_chunks(projects=None) -> Iterator[bytes]:
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    yield (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<iati-activities version="2.03" generated-datetime="{now}">\n'
    ).encode()
    for project in (projects if projects is not None else public_projects()).iterator(
        chunk_size=CHUNK
    ):
        yield etree.tostring(activity_element(project), encoding="utf-8") + b"\n"
    yield b"</iati-activities>\n"


def iati_activities(request):
    response = StreamingHttpResponse(iati_chunks(), content_type="application/xml; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="activities.xml"'
    return response


# --- CSV and JSON --------------------------------------------------------------------------------

DEMAND_COLUMNS = [
    "id",
    "title",
    "language",
    "description",
    "country",
    "locality",
    "area",
    "status",
    "urgency",
    "people_concerned",
    "created_at",
    "url",
]
PROJECT_COLUMNS = [
    "id",
    "title",
    "language",
    "summary",
    "lead",
    "partners",
    "countries",
    "area",
    "status",
    "starts_on",
    "ends_on",
    "people_reached",
    "budget",
    "demands",
    "sdg_goals",
    "places",
    "url",
    "iati_identifier",
]


def demand_record(demand: Demand) -> dict:
    """A demand as published: never its poster or contact."""
    return {
        "id": demand.pk,
        "title": demand.title.original_text,
        "language": demand.title.original,
        "description": demand.description.original_text,
        "country": demand.country_id,
        "locality": demand.locality,
        "area": demand.area_id,
        "status": demand.status,
        "urgency": demand.urgency,
        "people_concerned": demand.people_concerned,
        "created_at": demand.created_at.isoformat(),
        "url": settings.SITE_URL + reverse("cooperation:demand", kwargs={"demand_id": demand.pk}),
    }


def project_record(project: Project) -> dict:
    budget: dict[str, Decimal] = {}
    for line in project.budget_lines.all():
        if line.kind == BudgetLine.Kind.BUDGET:
            budget[line.currency] = budget.get(line.currency, Decimal(0)) + line.amount
    return {
        "id": project.pk,
        "title": project.title.original_text,
        "language": project.title.original,
        "summary": project.summary.original_text if project.summary else "",
        "lead": project.lead.slug,
        "partners": " ".join(sorted(p.slug for p in project.partners.all())),
        "countries": " ".join(sorted(c.pk for c in project.countries.all())),
        "area": project.area_id,
        "status": project.status,
        "starts_on": project.starts_on.isoformat() if project.starts_on else "",
        "ends_on": project.ends_on.isoformat() if project.ends_on else "",
        "people_reached": project.people_reached,
        "budget": " ".join(f"{_decimal(v)} {c}" for c, v in sorted(budget.items())),
        # The published demands it answers, its goals (its key area's and its own), where it works.
        "demands": sorted(d.pk for d in project.public_demands),
        "sdg_goals": [goal.number for goal in project.all_sdg_goals()],
        "places": [
            {
                "country": location.country_id,
                "place": location.place,
                "latitude": _coordinate(location.latitude),
                "longitude": _coordinate(location.longitude),
            }
            for location in project.locations.all()
        ],
        "url": settings.SITE_URL
        + reverse("cooperation:project", kwargs={"project_id": project.pk}),
        "iati_identifier": activity_identifier(project),
    }


def _coordinate(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


def _csv_value(value):
    """A list in one CSV cell: numbers separated by spaces; places by "; ", each "place, CC"
    and its coordinates in brackets when known."""
    if not isinstance(value, list):
        return value
    if value and isinstance(value[0], dict):
        return "; ".join(
            ", ".join(part for part in (place["place"], place["country"]) if part)
            + (f" ({place['latitude']} {place['longitude']})" if place["latitude"] else "")
            for place in value
        )
    return " ".join(str(item) for item in value)


def _public_demands():
    return Demand.objects.filter(moderation=Demand.Moderation.APPROVED).order_by("pk")


def _export_projects():
    return (
        Project.objects.select_related("lead", "area")
        .prefetch_related(
            "partners",
            "countries",
            "budget_lines",
            "area__sdg_goals",
            "sdg_goals",
            "locations",
            Prefetch(
                "demands",
                queryset=Demand.objects.filter(moderation=Demand.Moderation.APPROVED).only("pk"),
                to_attr="public_demands",
            ),
        )
        .order_by("pk")
    )


class _Echo:
    def write(self, value):
        return value


def _csv_stream(rows, columns, to_record) -> Iterator[str]:
    writer = csv.DictWriter(_Echo(), fieldnames=columns)
    yield writer.writerow(dict(zip(columns, columns, strict=True)))
    for row in rows.iterator(chunk_size=CHUNK):
        yield writer.writerow({k: _csv_value(v) for k, v in to_record(row).items()})


def _json_stream(rows, to_record) -> Iterator[str]:
    yield '{"licence": "' + LICENCE + '", "items": ['
    first = True
    for row in rows.iterator(chunk_size=CHUNK):
        yield ("" if first else ",\n") + json.dumps(to_record(row), ensure_ascii=False, default=str)
        first = False
    yield "]}\n"


def _streamed(chunks, content_type: str, filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(chunks, content_type=content_type)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def demands_csv(request):
    return _streamed(
        _csv_stream(_public_demands(), DEMAND_COLUMNS, demand_record),
        "text/csv; charset=utf-8",
        "demands.csv",
    )


def demands_json(request):
    return _streamed(
        _json_stream(_public_demands(), demand_record), "application/json", "demands.json"
    )


def projects_csv(request):
    return _streamed(
        _csv_stream(_export_projects(), PROJECT_COLUMNS, project_record),
        "text/csv; charset=utf-8",
        "projects.csv",
    )


def projects_json(request):
    return _streamed(
        _json_stream(_export_projects(), project_record), "application/json", "projects.json"
    )


def open_data_page(request):
    datasets = [
        ("iati", "IATI 2.03 XML", reverse("open_data:iati")),
        ("projects_csv", "CSV", reverse("open_data:projects_csv")),
        ("projects_json", "JSON", reverse("open_data:projects_json")),
        ("demands_csv", "CSV", reverse("open_data:demands_csv")),
        ("demands_json", "JSON", reverse("open_data:demands_json")),
    ]
    return render(
        request,
        "cooperation/open_data.html",
        {"datasets": datasets, "licence": LICENCE, "licence_url": LICENCE_URL},
    )
