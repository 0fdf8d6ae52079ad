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
def test_a_new_member_shows_at_once(client):
    member("steppe", "Steppe Fund")
    client.get("/en/members/")

    member("oasis", "Oasis Network")

    assert "Oasis Network" in client.get("/en/members/").content.decode()


@pytest.mark.django_db
def test_a_suspension_shows_at_once_on_the_profile(client, make_user):
    organization = member("steppe", "Steppe Fund")
    secretariat = make_user("sec@example.org")
    network_role_grant(actor=None, user=secretariat, role="secretariat")
    assert "Suspended" not in client.get("/en/members/steppe/").content.decode()

    services.organization_change_status(
        actor=secretariat, organization=organization, to_status="suspended", reason="Dues"
    )

    assert "Suspended" in client.get("/en/members/steppe/").content.decode()


@pytest.mark.django_db
def test_a_staff_member_made_public_shows_at_once(client, make_user):
    organization = member("steppe", "Steppe Fund")
    admin = make_user("admin@example.org", full_name="Aigerim Admin")
    staff = OrganizationStaff.objects.create(organization=organization, user=admin, role="admin")
    assert "Aigerim Admin" not in client.get("/en/members/steppe/").content.decode()

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
