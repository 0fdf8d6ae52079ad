"""A project's details kept by its admins: progress photos, indicators, milestones, budget,
report period, demands answered, SDG goals and sectors, locations."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from cooperation import services
from cooperation.models import ProgressPhoto, ProgressUpdate

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def photo(name="well.jpg", kind="JPEG", size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 120, 200)).save(buffer, format=kind)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


# --- progress photos -----------------------------------------------------------------------------


def test_an_update_with_photos_shows_them_on_the_page_and_in_the_api(client, project, admin_a):
    client.force_login(admin_a)
    response = client.post(
        f"/en/projects/{project.pk}/updates/",
        {
            "text": "The well is dug.",
            "photos": [photo("a.jpg"), photo("b.png", "PNG")],
            "caption": "Villagers at the new well",
        },
    )
    assert response.status_code == 302
    update = ProgressUpdate.objects.get(project=project)
    photos = list(update.photos.all())
    assert len(photos) == 2
    assert [p.image.name.rsplit(".", 1)[1] for p in photos] == ["jpg", "png"]
    assert (photos[0].width, photos[0].height) == (40, 30)
    page = client.get(f"/en/projects/{project.pk}/").content.decode()
    assert photos[0].image.url in page and 'alt="Villagers at the new well"' in page
    served = client.get(photos[0].image.url)
    assert served.status_code == 200
    api = client.get(f"/api/v1/projects/{project.pk}").json()
    urls = [p["url"] for p in api["updates"][0]["photos"]]
    assert len(urls) == 2 and urls[0].endswith(photos[0].image.url)


@pytest.mark.parametrize(
    ("upload", "words"),
    [
        (SimpleUploadedFile("x.jpg", b"%PDF-1.4 not a photo"), "not a JPEG, PNG or WebP photo"),
        (photo("x.gif", "GIF"), "not a JPEG, PNG or WebP photo"),
    ],
)
def test_a_file_that_is_not_a_photo_is_refused_with_a_clear_error(
    client, project, admin_a, upload, words
):
    client.force_login(admin_a)
    response = client.post(
        f"/en/projects/{project.pk}/updates/", {"text": "Hello", "photos": [upload]}, follow=True
    )
    assert words in response.content.decode()
    assert not ProgressUpdate.objects.exists() and not ProgressPhoto.objects.exists()


def test_a_photo_too_large_is_refused(project, admin_a, monkeypatch):
    monkeypatch.setattr(services, "PHOTO_MAX_BYTES", 100)
    with pytest.raises(ValidationError, match="too large"):
        services.project_add_update(
            actor=admin_a, project=project, text="Hi", photos=[photo(size=(300, 300))]
        )
    assert not ProgressUpdate.objects.exists()


def test_at_most_four_photos(project, admin_a):
    with pytest.raises(ValidationError, match="at most 4"):
        services.project_add_update(
            actor=admin_a, project=project, text="Hi", photos=[photo() for _ in range(5)]
        )


def test_others_cannot_add_photos(project, staff_a, media):
    with pytest.raises(PermissionDenied):
        services.project_add_update(actor=staff_a, project=project, text="Hi", photos=[photo()])
    assert not ProgressPhoto.objects.exists() and not list(media.rglob("*.jpg"))


def test_private_media_are_not_served(client, media):
    (media / "applications").mkdir()
    (media / "applications" / "secret.pdf").write_bytes(b"%PDF")
    assert client.get("/media/applications/secret.pdf").status_code == 404


# --- indicators, milestones and budget lines as tables ----------------------------------------


def test_admins_edit_add_and_delete_indicators_on_one_page(client, project, admin_b):
    from datetime import date
    from decimal import Decimal

    from cooperation.models import Indicator

    kept = Indicator.objects.create(project=project, name="Pupils", target=100)
    gone = Indicator.objects.create(project=project, name="Teachers", target=10)
    client.force_login(admin_b)  # a partner's admin
    page = client.get(f"/en/projects/{project.pk}/plan/indicators/")
    assert page.status_code == 200 and 'value="Pupils"' in page.content.decode()
    data = {
        "indicators-TOTAL_FORMS": "3",
        "indicators-INITIAL_FORMS": "2",
        "indicators-MIN_NUM_FORMS": "0",
        "indicators-MAX_NUM_FORMS": "100",
        "indicators-0-id": kept.pk,
        "indicators-0-name": "Pupils reading",
        "indicators-0-unit": "pupils",
        "indicators-0-baseline": "20",
        "indicators-0-target": "150.5",
        "indicators-0-actual": "90",
        "indicators-0-period_start": "2025-01-01",
        "indicators-0-period_end": "2025-12-31",
        "indicators-1-id": gone.pk,
        "indicators-1-name": "Teachers",
        "indicators-1-target": "10",
        "indicators-1-DELETE": "on",
        "indicators-2-name": "Libraries",
        "indicators-2-target": "4",
    }
    response = client.post(f"/en/projects/{project.pk}/plan/indicators/", data)
    assert response.status_code == 302
    rows = {i.name: i for i in Indicator.objects.filter(project=project)}
    assert sorted(rows) == ["Libraries", "Pupils reading"]
    pupils = rows["Pupils reading"]
    assert (pupils.baseline, pupils.target, pupils.actual) == (20, Decimal("150.50"), 90)
    assert (pupils.unit, pupils.period_start) == ("pupils", date(2025, 1, 1))
    shown = client.get(f"/en/projects/{project.pk}/").content.decode()
    assert "Pupils reading (pupils)" in shown and "150.50" in shown


def test_a_bad_row_changes_nothing_and_says_why(client, project, admin_a):
    from cooperation.models import Milestone

    client.force_login(admin_a)
    data = {
        "milestones-TOTAL_FORMS": "2",
        "milestones-INITIAL_FORMS": "0",
        "milestones-MIN_NUM_FORMS": "0",
        "milestones-MAX_NUM_FORMS": "100",
        "milestones-0-title": "Books bought",
        "milestones-0-due_on": "2025-03-01",
        "milestones-1-title": "Books delivered",
        "milestones-1-due_on": "not a date",
    }
    response = client.post(f"/en/projects/{project.pk}/plan/milestones/", data)
    assert response.status_code == 200 and "Enter a valid date" in response.content.decode()
    assert not Milestone.objects.exists()


def test_budget_lines_keep_decimals_and_currencies(project, admin_a):
    from decimal import Decimal

    from cooperation.models import BudgetLine

    services.project_save_rows(
        actor=admin_a,
        project=project,
        kind="budget",
        rows=[
            {"id": None, "kind": "budget", "label": "Books", "amount": "0.1", "currency": "CNY"},
            {"id": None, "kind": "funding", "label": "Grant", "amount": "99", "currency": "EUR"},
        ],
    )
    lines = list(BudgetLine.objects.order_by("kind").values_list("kind", "amount", "currency"))
    assert lines == [("budget", Decimal("0.10"), "CNY"), ("funding", Decimal("99.00"), "EUR")]
    with pytest.raises(ValidationError, match="Row 1"):
        services.project_save_rows(
            actor=admin_a,
            project=project,
            kind="budget",
            rows=[{"id": None, "kind": "budget", "label": "X", "amount": "1", "currency": "XXX"}],
        )


def test_a_row_of_another_project_is_refused(project, admin_a, org_a):
    from cooperation.models import Milestone, Project

    other = Project.objects.create(title=project.title, lead=org_a, area_id="education")
    theirs = Milestone.objects.create(project=other, title="Theirs", due_on="2025-01-01")
    with pytest.raises(ValidationError):
        services.project_save_rows(
            actor=admin_a,
            project=project,
            kind="milestones",
            rows=[{"id": theirs.pk, "title": "Mine now", "due_on": "2025-01-01"}],
        )
    theirs.refresh_from_db()
    assert theirs.title == "Theirs" and theirs.project == other


# --- the reporting period ------------------------------------------------------------------------


def test_the_lead_admin_sets_the_reporting_period_and_the_flag_follows_it(client, project, admin_a):
    from datetime import date

    from cooperation import selectors

    assert project.report_every_months == 6
    assert selectors.report_lateness(project, today=date(2025, 4, 15)) == ""
    client.force_login(admin_a)
    form = client.get(f"/en/projects/{project.pk}/edit/").context["form"]
    assert "report_every_months" in form.fields
    data = {
        "title": "Reading corners",
        "area": "education",
        "status": "active",
        "countries": ["CN", "KZ"],
        "partners": "org-b",
        "starts_on": "2025-01-01",
        "report_every_months": "2",
    }
    assert client.post(f"/en/projects/{project.pk}/edit/", data).status_code == 302
    project.refresh_from_db()
    assert project.report_every_months == 2
    assert selectors.report_lateness(project, today=date(2025, 4, 15)) == "amber"
    assert selectors.report_lateness(project, today=date(2025, 6, 15)) == "red"
    assert [p for p, _level in selectors.overdue_projects(today=date(2025, 4, 15))] == [project]
    page = client.get(f"/en/projects/{project.pk}/").content.decode()
    assert "Every 2 months" in page


def test_a_partner_admin_cannot_change_the_reporting_period(client, project, admin_b):
    with pytest.raises(PermissionDenied):
        services.project_update(actor=admin_b, project=project, report_every_months=1)
    project.refresh_from_db()
    assert project.report_every_months == 6
    client.force_login(admin_b)
    form = client.get(f"/en/projects/{project.pk}/edit/").context["form"]
    assert "report_every_months" not in form.fields


def test_the_secretariat_changes_the_reporting_period_within_bounds(project, secretariat):
    services.project_update(actor=secretariat, project=project, report_every_months=12)
    project.refresh_from_db()
    assert project.report_every_months == 12
    with pytest.raises(ValidationError):
        services.project_update(actor=secretariat, project=project, report_every_months=0)


def test_the_queue_uses_each_projects_own_period(project, org_a):
    from datetime import date

    from cooperation import selectors
    from cooperation.models import Project

    monthly = Project.objects.create(
        title=project.title,
        lead=org_a,
        area_id="education",
        status="active",
        starts_on=date(2025, 1, 1),
        report_every_months=1,
    )
    flagged = dict(selectors.overdue_projects(today=date(2025, 3, 15)))
    assert flagged == {monthly: "red"}  # the six-monthly one is not yet late


def test_the_api_gives_and_changes_the_period(client, project, admin_a, admin_b):
    from accounts.services import api_token_create

    def bearer(user):
        return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=user, name='t')[1]}"}

    url = f"/api/v1/projects/{project.pk}"
    assert client.get(url).json()["report_every_months"] == 6
    denied = client.patch(
        url, {"report_every_months": 3}, content_type="application/json", **bearer(admin_b)
    )
    assert denied.status_code == 403
    changed = client.patch(
        url, {"report_every_months": 3}, content_type="application/json", **bearer(admin_a)
    )
    assert changed.status_code == 200 and changed.json()["report_every_months"] == 3
    assert changed.json()["report_overdue"] in ("", "amber", "red")


# --- demands answered, goals and sectors ---------------------------------------------------------


@pytest.fixture
def second_demand(staff_a, org_a):
    return services.demand_submit(
        actor=staff_a,
        organization=org_a,
        title="Reading lamps for the evening class",
        description="Forty pupils study after dark.",
        country="CN",
        area="education",
        language="en",
    )


def edit_data(**extra):
    return {
        "title": "Reading corners",
        "area": "education",
        "status": "active",
        "countries": ["CN", "KZ"],
        "partners": "org-b",
        "starts_on": "2025-01-01",
        **extra,
    }


def test_a_project_answers_several_demands(client, project, admin_a, demand, second_demand):
    from cooperation.models import Demand

    client.force_login(admin_a)
    response = client.post(
        f"/en/projects/{project.pk}/edit/",
        edit_data(demands=f"{demand.pk} #{second_demand.pk}"),
    )
    assert response.status_code == 302
    assert set(project.demands.all()) == {demand, second_demand}
    for answered in (demand, second_demand):
        answered.refresh_from_db()
        assert answered.status == Demand.Status.IN_PROGRESS
        demand_page = client.get(f"/en/demands/{answered.pk}/").content.decode()
        assert f"/en/projects/{project.pk}/" in demand_page
    page = client.get(f"/en/projects/{project.pk}/").content.decode()
    assert "Village school needs bilingual books" in page and "Reading lamps" in page
    api = client.get(f"/api/v1/projects/{project.pk}").json()
    assert api["demands"] == sorted([demand.pk, second_demand.pk])
    services.project_update(actor=admin_a, project=project, status="completed")
    assert {d.status for d in Demand.objects.all()} == {Demand.Status.MET}


def test_only_published_demands_are_linked(client, project, admin_a, pending_demand):
    client.force_login(admin_a)
    response = client.post(
        f"/en/projects/{project.pk}/edit/", edit_data(demands=str(pending_demand.pk))
    )
    assert response.status_code == 200
    assert str(pending_demand.pk) in response.context["form"].errors["demands"][0]
    assert not project.demands.exists()


def test_a_project_carries_its_own_goals_and_sectors(client, project, admin_a):
    from lxml import etree

    from cooperation.open_data import iati_chunks, public_projects

    client.force_login(admin_a)
    response = client.post(
        f"/en/projects/{project.pk}/edit/",
        edit_data(sdg_goals=["5", "10"], dac_sectors="11220 15170"),
    )
    assert response.status_code == 302, response.context["form"].errors
    api = client.get(f"/api/v1/projects/{project.pk}").json()
    assert {4, 5, 10} <= set(api["sdg_goals"])  # education's goal 4, and its own
    assert {"11220", "15170"} <= set(api["dac_sectors"])
    page = client.get(f"/en/projects/{project.pk}/").content.decode()
    assert "15170" in page
    xml = b"".join(iati_chunks(public_projects().filter(pk=project.pk)))
    activity = etree.fromstring(xml).find("iati-activity")
    assert {"5", "10"} <= set(activity.xpath("tag/@code"))
    sectors = activity.xpath("sector")
    assert {"11220", "15170"} <= {s.get("code") for s in sectors}
    assert sum(int(s.get("percentage")) for s in sectors) == 100


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [("dac_sectors", "99999", "99999"), ("sdg_goals", ["18"], "18")],
)
def test_unknown_codes_are_refused(client, project, admin_a, field, value, words):
    client.force_login(admin_a)
    response = client.post(f"/en/projects/{project.pk}/edit/", edit_data(**{field: value}))
    assert response.status_code == 200
    assert words in str(response.context["form"].errors[field])
    assert not project.dac_sectors.exists() and not project.sdg_goals.exists()


def test_the_service_refuses_codes_not_on_the_official_list(project, secretariat):
    with pytest.raises(ValidationError, match="12345"):
        services.project_update(actor=secretariat, project=project, dac_sectors=["12345"])
    with pytest.raises(ValidationError):
        services.project_update(actor=secretariat, project=project, sdg_goals=[0])


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_keeps_the_demand_each_project_answered():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    before = [("cooperation", "0004_progress_photos")]
    after = [("cooperation", "0005_many_demands_goals_sectors")]
    try:
        executor.migrate(before)
        old = executor.loader.project_state(before).apps
        Organization = old.get_model("members", "Organization")
        Demand = old.get_model("cooperation", "Demand")
        Project = old.get_model("cooperation", "Project")
        org = Organization.objects.create(
            slug="mig-org", name={"o": "en", "t": {"en": "Mig"}}, country_id="CN", sort_name="m"
        )
        text = {"o": "en", "t": {"en": "Water"}}
        demand = Demand.objects.create(
            title=text, description=text, country_id="CN", area_id="health"
        )
        linked = Project.objects.create(title=text, lead=org, area_id="health", demand=demand)
        alone = Project.objects.create(title=text, lead=org, area_id="health")
        executor = MigrationExecutor(connection)
        executor.migrate(after)
        new = executor.loader.project_state(after).apps.get_model("cooperation", "Project")
        assert list(new.objects.get(pk=linked.pk).demands.values_list("pk", flat=True)) == [
            demand.pk
        ]
        assert not new.objects.get(pk=alone.pk).demands.exists()
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes("cooperation"))


# --- places ----------------------------------------------------------------------------------------


def test_places_with_coordinates_show_on_the_page_in_the_api_and_in_iati(client, project, admin_a):
    from pathlib import Path

    from lxml import etree

    from cooperation.open_data import iati_chunks, public_projects

    client.force_login(admin_a)
    data = {
        "locations-TOTAL_FORMS": "3",
        "locations-INITIAL_FORMS": "0",
        "locations-MIN_NUM_FORMS": "0",
        "locations-MAX_NUM_FORMS": "100",
        "locations-0-country": "KZ",
        "locations-0-place": "Almaty",
        "locations-0-latitude": "43.25654",
        "locations-0-longitude": "76.92848",
        "locations-1-country": "MN",
        "locations-1-place": "Darkhan",
        "locations-2-country": "CN",
    }
    response = client.post(f"/en/projects/{project.pk}/plan/locations/", data)
    assert response.status_code == 302
    assert "MN" in set(project.countries.values_list("pk", flat=True))  # added with its place
    page = client.get(f"/en/projects/{project.pk}/").content.decode()
    assert "Almaty" in page and "Darkhan" in page and "43.25654, 76.92848" in page
    api = client.get(f"/api/v1/projects/{project.pk}").json()
    assert api["locations"][0] == {
        "country": "KZ",
        "place": "Almaty",
        "latitude": "43.25654",
        "longitude": "76.92848",
    }
    assert api["locations"][2] == {
        "country": "CN",
        "place": "",
        "latitude": None,
        "longitude": None,
    }
    document = etree.fromstring(b"".join(iati_chunks(public_projects().filter(pk=project.pk))))
    reference = Path(__file__).parent / "iati_reference" / "schema-2.03"
    etree.XMLSchema(etree.parse(str(reference / "iati-activities-schema.xsd"))).assertValid(
        document
    )
    locations = document.findall("iati-activity/location")
    assert len(locations) == 2  # the country alone is a recipient country, not a location
    assert locations[0].findtext("name/narrative") == "Almaty"
    assert locations[0].findtext("point/pos") == "43.25654 76.92848"
    assert locations[1].find("point") is None
    assert locations[1].find("administrative").get("code") == "MN"


@pytest.mark.parametrize(
    ("latitude", "longitude"), [("91", "10"), ("10", ""), ("x", "1"), ("10", "-181")]
)
def test_bad_coordinates_are_refused(project, admin_a, latitude, longitude):
    from cooperation.models import ProjectLocation

    with pytest.raises(ValidationError):
        services.project_save_rows(
            actor=admin_a,
            project=project,
            kind="locations",
            rows=[{"country": "KZ", "place": "A", "latitude": latitude, "longitude": longitude}],
        )
    assert not ProjectLocation.objects.exists()


def test_others_cannot_change_places(client, project, staff_a):
    client.force_login(staff_a)
    assert client.get(f"/en/projects/{project.pk}/plan/locations/").status_code == 403
    with pytest.raises(PermissionDenied):
        services.project_save_rows(
            actor=staff_a, project=project, kind="locations", rows=[{"country": "KZ"}]
        )


# --- demands matched to an organisation ---------------------------------------------------------


@pytest.fixture
def water_demand(secretariat):
    demand = services.demand_submit(
        actor=secretariat,
        title="Clean water for the village clinic",
        description="The clinic's well is dry; clean water and a filter are needed.",
        country="KZ",
        area="health",
        language="ru",
        locality="Taraz",
    )
    return services.demand_approve(actor=secretariat, demand=demand)


def test_staff_see_the_demands_their_organisation_is_matched_to_with_reasons(
    client, org_b, admin_b, water_demand, demand
):
    client.force_login(admin_b)
    assert client.get("/en/demands/matched/")["Location"] == "/en/demands/matched/org-b/"
    response = client.get("/en/demands/matched/org-b/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Clean water for the village clinic" in body
    assert "Village school needs bilingual books" not in body  # education in China: not theirs
    [row] = response.context["rows"]
    assert row["item"].demand == water_demand and row["item"].match.reasons
    assert "Your organisation has offered help" not in body
    services.offer_make(
        actor=admin_b, demand=water_demand, organization=org_b, contribution="A filter"
    )
    assert (
        "Your organisation has offered help"
        in client.get("/en/demands/matched/org-b/").content.decode()
    )


def test_the_profile_links_the_page_for_its_staff_only(client, org_b, admin_b, admin_a):
    client.force_login(admin_b)
    assert "/en/demands/matched/org-b/" in client.get("/en/members/org-b/").content.decode()
    client.force_login(admin_a)
    assert "/en/demands/matched/org-b/" not in client.get("/en/members/org-b/").content.decode()


def test_others_may_not_see_an_organisations_matches(client, org_b, admin_a, secretariat):
    assert "/accounts/login/" in client.get("/en/demands/matched/org-b/")["Location"]
    client.force_login(admin_a)
    assert client.get("/en/demands/matched/org-b/").status_code == 403
    client.force_login(secretariat)
    assert client.get("/en/demands/matched/org-b/").status_code == 200


def test_a_suspended_organisation_is_matched_to_nothing(client, water_demand, make_user):
    from cooperation.tests.conftest import make_org
    from members.models import OrganizationStaff

    suspended = make_org("org-s", "KZ", status="suspended", areas=["health"], languages=["ru"])
    user = make_user("s@example.org")
    OrganizationStaff.objects.create(organization=suspended, user=user, role="admin")
    client.force_login(user)
    response = client.get("/en/demands/matched/org-s/")
    assert response.status_code == 200 and response.context["rows"] == []


# --- the API of these details --------------------------------------------------------------------


def bearer(user):
    from accounts.services import api_token_create

    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=user, name='t')[1]}"}


def test_the_api_adds_photos_to_an_update(client, project, admin_a, staff_a):
    update = services.project_add_update(actor=admin_a, project=project, text="Dug")
    url = f"/api/v1/projects/{project.pk}/updates/{update.pk}/photos"
    denied = client.post(url, {"photos": [photo()]}, **bearer(staff_a))
    assert denied.status_code == 403 and not ProgressPhoto.objects.exists()
    bad = client.post(url, {"photos": [SimpleUploadedFile("x.jpg", b"nope")]}, **bearer(admin_a))
    assert bad.status_code == 400 and "not a JPEG" in bad.content.decode()
    added = client.post(
        url, {"photos": [photo(), photo()], "caption": "The well"}, **bearer(admin_a)
    )
    assert added.status_code == 201, added.content
    assert [p["caption"] for p in added.json()["photos"]] == ["The well", "The well"]
    too_many = client.post(url, {"photos": [photo(), photo(), photo()]}, **bearer(admin_a))
    assert too_many.status_code == 400 and update.photos.count() == 2


def test_the_api_sets_places_and_changes_an_indicator(client, project, admin_a, admin_c):
    from cooperation.models import Indicator

    url = f"/api/v1/projects/{project.pk}"
    places = {
        "locations": [{"country": "MN", "place": "Darkhan", "latitude": 49.5, "longitude": 106}]
    }
    denied = client.put(
        f"{url}/locations", places, content_type="application/json", **bearer(admin_c)
    )
    assert denied.status_code == 403 and not project.locations.exists()
    answer = client.put(
        f"{url}/locations", places, content_type="application/json", **bearer(admin_a)
    )
    assert answer.status_code == 200, answer.content
    assert answer.json()[0]["place"] == "Darkhan" and project.locations.count() == 1
    again = client.put(
        f"{url}/locations", {"locations": []}, content_type="application/json", **bearer(admin_a)
    )
    assert again.json() == [] and not project.locations.exists()

    indicator = Indicator.objects.create(project=project, name="Pupils", target=100)
    assert client.get(url).json()["indicators"][0]["id"] == indicator.pk
    changed = client.patch(
        f"{url}/indicators/{indicator.pk}",
        {"actual": "75.5"},
        content_type="application/json",
        **bearer(admin_a),
    )
    assert changed.status_code == 200 and changed.json()["actual"] == "75.50"
    assert changed.json()["target"] == "100.00"
    refused = client.patch(
        f"{url}/indicators/{indicator.pk}",
        {"actual": "1"},
        content_type="application/json",
        **bearer(admin_c),
    )
    assert refused.status_code == 403
    indicator.refresh_from_db()
    assert str(indicator.actual) == "75.50"


@pytest.fixture
def admin_c(make_user):
    from cooperation.tests.conftest import make_org
    from members.models import OrganizationStaff

    organization = make_org("org-c", "FR")
    user = make_user("admin-c@example.org")
    OrganizationStaff.objects.create(organization=organization, user=user, role="admin")
    return user


def test_a_project_is_found_by_its_place(client, project, admin_a):
    services.project_save_rows(
        actor=admin_a,
        project=project,
        kind="locations",
        rows=[{"id": None, "country": "MN", "place": "Darkhan"}],
    )
    body = client.get("/en/search/?q=Darkhan").content.decode()
    assert f"/en/projects/{project.pk}/" in body


def test_no_file_is_left_when_the_update_fails(project, admin_a, media, monkeypatch):
    from cooperation.models import Project

    def fail(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(Project, "save", fail)
    with pytest.raises(RuntimeError):
        services.project_add_update(
            actor=admin_a, project=project, text="Hi", photos=[photo(), photo()]
        )
    assert not ProgressPhoto.objects.exists() and not [p for p in media.rglob("*") if p.is_file()]


def test_the_matched_demands_are_all_listed_a_page_at_a_time(
    client, org_b, admin_b, django_assert_max_num_queries
):
    from cooperation.models import Demand

    posted = [
        services.demand_submit(
            actor=admin_b,
            organization=org_b,
            title=f"Clean water for clinic {n}",
            description="Clean water and clinics.",
            country="KZ",
            area="health",
            language="ru",
        )
        for n in range(25)
    ]
    # Older than the rest: a bounded look at the newest demands left such ones out.
    Demand.objects.filter(pk=posted[0].pk).update(created_at="2018-01-01T00:00:00Z")
    services.demand_set_status(actor=admin_b, demand=posted[1], status="closed")  # takes no offers
    client.force_login(admin_b)
    first = client.get("/en/demands/matched/org-b/")
    assert first.context["page"].paginator.count == 24
    assert len(first.context["rows"]) == 20 and "24 demands" in first.content.decode()
    with django_assert_max_num_queries(12):
        second = client.get("/en/demands/matched/org-b/?page=2")
    shown = [row["item"].demand.pk for row in first.context["rows"] + second.context["rows"]]
    assert sorted(shown) == sorted(d.pk for d in posted if d.pk != posted[1].pk)
    assert 'rel="prev"' in second.content.decode()
    assert all(row["item"].match.reasons for row in second.context["rows"])


# --- deleting a photo ------------------------------------------------------------------------------


@pytest.fixture
def kept_photo(project, admin_a):
    update = services.project_add_update(
        actor=admin_a, project=project, text="The well is dug.", photos=[photo(), photo("b.png")]
    )
    return update.photos.first()


def test_an_admin_deletes_a_photo_and_its_file_goes_once_committed(
    client, project, admin_b, kept_photo, media, django_capture_on_commit_callbacks
):
    from core.models import AuditLogEntry

    path = media / kept_photo.image.name
    assert path.exists()
    client.force_login(admin_b)  # a partner's admin
    page = client.get(f"/en/projects/{project.pk}/").content.decode()
    url = f"/en/projects/{project.pk}/photos/{kept_photo.pk}/delete/"
    assert f'action="{url}"' in page and "csrfmiddlewaretoken" in page
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(url)
        assert path.exists()  # not before the commit
    assert response.status_code == 302
    assert not ProgressPhoto.objects.filter(pk=kept_photo.pk).exists()
    for callback in callbacks:
        callback()
    assert not path.exists()
    assert ProgressPhoto.objects.filter(update__project=project).count() == 1  # the other stays
    assert AuditLogEntry.objects.filter(action="project.photo_delete").exists()
    assert "The photo is deleted." in client.get(f"/en/projects/{project.pk}/").content.decode()


def test_a_photo_is_deleted_only_through_its_own_project(
    client, project, secretariat, kept_photo, media
):
    client.force_login(secretariat)
    assert (
        client.post(f"/en/projects/{project.pk + 1}/photos/{kept_photo.pk}/delete/").status_code
        == 404
    )
    assert (
        client.get(f"/en/projects/{project.pk}/photos/{kept_photo.pk}/delete/").status_code == 405
    )
    assert ProgressPhoto.objects.filter(pk=kept_photo.pk).exists()


def test_the_api_deletes_a_photo_with_the_same_rules(client, project, admin_a, staff_a, kept_photo):
    from cooperation.tests.test_api import bearer

    url = f"/api/v1/projects/{project.pk}/photos/{kept_photo.pk}"
    assert client.delete(url, **bearer(staff_a)).status_code == 403
    assert (
        client.delete(
            f"/api/v1/projects/{project.pk + 1}/photos/{kept_photo.pk}", **bearer(admin_a)
        ).status_code
        == 404
    )
    assert ProgressPhoto.objects.filter(pk=kept_photo.pk).exists()
    assert client.delete(url, **bearer(admin_a)).status_code == 204
    assert not ProgressPhoto.objects.filter(pk=kept_photo.pk).exists()
    assert client.delete(url, **bearer(admin_a)).status_code == 404


def test_the_delete_button_and_message_are_translated(client, project, admin_a, kept_photo):
    client.force_login(admin_a)
    page = client.get(f"/ru/projects/{project.pk}/").content.decode()
    assert "Удалить фотографию 1" in page
    client.post(f"/ru/projects/{project.pk}/photos/{kept_photo.pk}/delete/")
    assert "Фотография удалена." in client.get(f"/ru/projects/{project.pk}/").content.decode()


def test_a_project_deleted_in_the_back_office_takes_its_photos_files_once_committed(
    client, project, secretariat, back_office, kept_photo, media, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    from cooperation.models import Project

    files = [
        media / row.image.name for row in ProgressPhoto.objects.filter(update__project=project)
    ]
    assert len(files) == 2 and all(file.exists() for file in files)
    back_office(client, secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(
            reverse("admin:cooperation_project_delete", args=[project.pk]), {"post": "yes"}
        )
        assert answer.status_code == 302
        assert all(file.exists() for file in files)  # not before the commit
    assert not Project.objects.filter(pk=project.pk).exists()
    assert not ProgressPhoto.objects.exists()
    assert not any(file.exists() for file in files)


def test_a_photo_deletion_rolled_back_keeps_the_photo_and_its_file(
    project, admin_a, kept_photo, media, django_capture_on_commit_callbacks
):
    from django.db import transaction

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.progress_photo_delete(actor=admin_a, photo=kept_photo)
        raise RuntimeError("something after the deletion failed")
    assert ProgressPhoto.objects.filter(pk=kept_photo.pk).exists()
    assert (media / kept_photo.image.name).exists()


# --- reading a project for its page and the API ---------------------------------------------------


def test_a_project_is_read_with_every_relation_as_the_orm_gives_it(project, org_a, demand):
    """selectors.project_detail reads the relations that have rows with queries compiled once;
    what it gives must be what prefetch_related gave, relation by relation."""
    from datetime import date
    from decimal import Decimal

    from django.db.models import Prefetch

    from cooperation import selectors
    from cooperation.models import (
        BudgetLine,
        Indicator,
        Milestone,
        Project,
        ProjectLocation,
    )

    project.demands.set([demand])
    project.sdg_goals.set([4, 10])
    project.dac_sectors.set(["11220"])
    ProjectLocation.objects.create(project=project, country_id="KZ", place="Turkestan")
    BudgetLine.objects.create(project=project, label="Books", amount=Decimal("1200.50"))
    BudgetLine.objects.create(
        project=project, kind=BudgetLine.Kind.FUNDING, label="A foundation", amount=Decimal(900)
    )
    Indicator.objects.create(project=project, name="Schools", target=Decimal(40))
    Milestone.objects.create(project=project, title="First corner", due_on=date(2025, 3, 1))
    first = ProgressUpdate.objects.create(project=project, text="Begun.")
    second = ProgressUpdate.objects.create(project=project, text="Ten schools.")
    ProgressPhoto.objects.create(update=second, image=photo("a.jpg"), caption="A corner")

    read = selectors.project_detail(project.pk)
    expected = (
        Project.objects.select_related("lead__country", "area")
        .prefetch_related(
            "partners__country",
            "countries",
            "area__sdg_goals",
            "area__dac_sectors",
            "demands",
            "sdg_goals",
            "dac_sectors",
            "locations__country",
            Prefetch("budget_lines", queryset=BudgetLine.objects.order_by("kind", "id")),
            "indicators",
            "milestones",
            "updates__photos",
        )
        .get(pk=project.pk)
    )

    assert read.title.text == expected.title.text and read.lead == org_a
    assert read.lead.country == expected.lead.country and read.area == expected.area
    for name in (
        "partners",
        "countries",
        "demands",
        "sdg_goals",
        "dac_sectors",
        "locations",
        "budget_lines",
        "indicators",
        "milestones",
        "updates",
    ):
        assert list(getattr(read, name).all()) == list(getattr(expected, name).all()), name
    assert [p.country for p in read.partners.all()] == [p.country for p in expected.partners.all()]
    assert read.locations.all()[0].country.pk == "KZ"
    assert list(read.area.sdg_goals.all()) == list(expected.area.sdg_goals.all())
    assert list(read.area.dac_sectors.all()) == list(expected.area.dac_sectors.all())
    assert [list(u.photos.all()) for u in read.updates.all()] == [
        list(u.photos.all()) for u in expected.updates.all()
    ]
    assert [u.pk for u in read.updates.all()] == [second.pk, first.pk]


def test_a_project_without_details_is_read_in_three_queries(project, django_assert_num_queries):
    """The project with the size of each relation, and its key area's SDGs and sectors: no
    query for a relation without rows."""
    from cooperation import selectors

    project.partners.clear()
    project.countries.clear()
    selectors.project_detail(project.pk)  # compiled once per process

    with django_assert_num_queries(3):
        read = selectors.project_detail(project.pk)
        assert list(read.partners.all()) == [] and list(read.updates.all()) == []
        assert read.area.sdg_goals.all()
