"""Anonymous pages are served from the cache until what they show changes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.services import network_role_grant
from core.multilingual import MultilingualText
from members import services
from members.models import Organization, OrganizationStaff


def member(slug, name, country="KZ"):
    return Organization.objects.create(
        slug=slug, name=MultilingualText.create(name, "en"), country_id=country, status="member"
    )


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Writes in a test run inside its transaction: run what their commit would run (the counts
    of core.data_versions), as a real request's commit does."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def queries_for(client, path):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    return response, len(captured)


@pytest.mark.django_db
def test_a_cached_directory_costs_one_query_and_shows_the_same(client):
    member("steppe", "Steppe Fund")
    first, cold = queries_for(client, "/en/members/")

    second, warm = queries_for(client, "/en/members/")

    assert warm == 1  # the version of the organisations, nothing else
    assert cold > warm
    assert second.content == first.content
    assert second["Content-Language"] == "en"


@pytest.mark.django_db
def test_a_new_member_shows_at_once(client, committed):
    member("steppe", "Steppe Fund")
    client.get("/en/members/")

    with committed():
        member("oasis", "Oasis Network")

    assert "Oasis Network" in client.get("/en/members/").content.decode()


@pytest.mark.django_db
def test_a_suspension_shows_at_once_on_the_profile(client, make_user, committed):
    organization = member("steppe", "Steppe Fund")
    secretariat = make_user("sec@example.org")
    network_role_grant(actor=None, user=secretariat, role="secretariat")
    assert "Suspended" not in client.get("/en/members/steppe/").content.decode()

    with committed():
        services.organization_change_status(
            actor=secretariat, organization=organization, to_status="suspended", reason="Dues"
        )

    assert "Suspended" in client.get("/en/members/steppe/").content.decode()


@pytest.mark.django_db
def test_a_staff_member_made_public_shows_at_once(client, make_user, committed):
    organization = member("steppe", "Steppe Fund")
    admin = make_user("admin@example.org", full_name="Aigerim Admin")
    staff = OrganizationStaff.objects.create(organization=organization, user=admin, role="admin")
    assert "Aigerim Admin" not in client.get("/en/members/steppe/").content.decode()

    with committed():
        services.staff_update(actor=admin, staff=staff, shown_publicly=True)

    assert "Aigerim Admin" in client.get("/en/members/steppe/").content.decode()


@pytest.mark.django_db
def test_each_language_has_its_own_page(client):
    member("steppe", "Steppe Fund")
    client.get("/en/members/")

    assert '<html lang="ar" dir="rtl">' in client.get("/ar/members/").content.decode()


@pytest.mark.django_db
def test_signed_in_people_are_never_served_a_cached_page(client, alice):
    member("steppe", "Steppe Fund")
    client.get("/en/members/")
    client.force_login(alice)

    page = client.get("/en/members/").content.decode()

    assert "Sign out" in page


@pytest.mark.django_db
def test_a_page_with_a_message_is_neither_served_from_nor_put_in_the_cache(client, alice):
    member("steppe", "Steppe Fund")
    client.get("/en/members/")  # cached, without a message
    client.force_login(alice)
    client.post("/en/accounts/logout/")  # leaves "You have signed out." for the next page

    assert "You have signed out." in client.get("/en/members/").content.decode()
    assert "You have signed out." not in client.get("/en/members/").content.decode()


# --- the home page and the API ------------------------------------------------------------------


def project_led_by(organization, title="Clean wells"):
    from cooperation.models import Project

    project = Project.objects.create(
        title=MultilingualText.create(title, "en"), lead=organization, area_id="health"
    )
    project.countries.add("KZ")
    return project


@pytest.mark.django_db
def test_the_home_page_is_cached_and_counts_a_new_project_at_once(client, committed):
    organization = member("steppe", "Steppe Fund")
    client.get("/en/")
    _page, warm = queries_for(client, "/en/")
    assert warm == 1

    with committed():
        project_led_by(organization)

    page = client.get("/en/").content.decode()
    assert '<dd data-count="projects">1</dd>' in page


@pytest.mark.django_db
def test_the_home_page_counts_a_deleted_event_at_once(client, committed):
    from exchanges.models import Event

    organization = member("steppe", "Steppe Fund")
    event = Event.objects.create(
        title=MultilingualText.create("Silk Road forum", "en"),
        kind="forum",
        city="Xi'an",
        organizer=organization,
        country_id="CN",
        starts_on="2026-05-01",
        ends_on="2026-05-02",
    )
    assert '<dd data-count="events">1</dd>' in client.get("/en/").content.decode()

    with committed():
        event.delete()

    assert '<dd data-count="events">0</dd>' in client.get("/en/").content.decode()


@pytest.mark.django_db
def test_an_api_list_is_cached_for_anonymous_callers_until_an_organisation_changes(
    client, committed
):
    organization = member("steppe", "Steppe Fund")
    first, _cold = queries_for(client, "/api/v1/organizations")
    second, warm = queries_for(client, "/api/v1/organizations")
    assert warm == 1
    assert second.json() == first.json()
    assert second["Content-Type"] == "application/json; charset=utf-8"

    organization.city = "Almaty"
    with committed():
        organization.save()

    assert client.get("/api/v1/organizations").json()["items"][0]["city"] == "Almaty"


@pytest.mark.django_db
def test_an_answer_for_a_token_holder_is_never_cached_for_others(client, alice):
    """Staff with a token see their applicant organisation; nobody else may, even after them."""
    from accounts.services import api_token_create

    applicant = Organization.objects.create(
        slug="new-oasis",
        name=MultilingualText.create("New Oasis", "en"),
        country_id="KZ",
        status="applicant",
    )
    OrganizationStaff.objects.create(organization=applicant, user=alice, role="admin")
    _token, secret = api_token_create(actor=alice, name="script")
    bearer = {"Authorization": f"Bearer {secret}"}

    assert client.get("/api/v1/organizations/new-oasis", headers=bearer).status_code == 200
    assert client.get("/api/v1/organizations/new-oasis").status_code == 404
    assert client.get("/api/v1/organizations/new-oasis", headers=bearer).status_code == 200


@pytest.mark.django_db
def test_taxonomy_lists_are_cached_without_any_query(client):
    client.get("/api/v1/areas")
    response, warm = queries_for(client, "/api/v1/areas")
    assert warm == 0
    assert {area["slug"] for area in response.json()["items"]} >= {"health", "education"}


# --- what signed-in readers share with everyone ---------------------------------------------------


@pytest.mark.django_db
def test_a_signed_in_reader_reuses_the_directory_listing_and_sees_changes_at_once(
    client, alice, committed
):
    member("steppe", "Steppe Fund")
    client.force_login(alice)
    client.get("/en/members/")

    page, warm = queries_for(client, "/en/members/")

    # Session, user, data version, and the reader's roles and permissions for the menu (3):
    # neither the counts nor the rows.
    assert warm <= 6
    assert "Steppe Fund" in page.content.decode() and "Sign out" in page.content.decode()
    with committed():
        member("oasis", "Oasis Network")
    assert "Oasis Network" in client.get("/en/members/").content.decode()


@pytest.mark.django_db
def test_the_shared_listing_carries_nobody_s_menu(client, alice):
    member("steppe", "Steppe Fund")
    client.force_login(alice)
    assert "Sign out" in client.get("/en/members/?country=KZ").content.decode()
    client.logout()

    page = client.get("/en/members/?country=KZ").content.decode()

    assert "Steppe Fund" in page
    assert "Sign out" not in page and "Alice" not in page


@pytest.mark.django_db
def test_a_signed_in_reader_reuses_the_home_page_body(client, alice):
    client.force_login(alice)
    client.get("/en/")

    page, warm = queries_for(client, "/en/")

    assert warm <= 6  # as for the directory: the frame's queries, not the figures
    assert '<dd data-count="members">0</dd>' in page.content.decode()
