"""Registrants' personal data: visible only to themselves (and their delegation's admin), the
organisers and the Secretariat; every other attempt gets 403 and changes nothing."""

import pytest

from accounts.services import api_token_create
from exchanges import services
from exchanges.models import CheckIn, Event, Programme, Registration

pytestmark = pytest.mark.django_db

ACTORS = ["delegate", "delegation_admin", "guest_staff", "organiser", "secretariat", "stranger"]
# Who may, per action; everyone else gets 403.
MAY = {
    "ticket": {"delegate", "delegation_admin", "organiser", "secretariat"},
    "visa_page": {"delegate", "delegation_admin", "organiser", "secretariat"},
    "registrations_page": {"organiser", "secretariat"},
    "registrations_csv": {"organiser", "secretariat"},
    "registrations_api": {"organiser", "secretariat"},
    "check_in_api": {"organiser", "secretariat"},
    "decline": {"organiser", "secretariat"},
    "cancel": {"delegate", "delegation_admin", "secretariat"},
    "edit_page": {"organiser", "secretariat"},
    "documents_page": {"organiser", "secretariat"},
    "check_in_page": {"organiser", "secretariat"},
    "programme_page": {"delegation_admin", "organiser", "secretariat"},
    "edit_api": {"organiser", "secretariat"},
    "programme_api": {"organiser", "secretariat"},  # a programme the host organises
    "document_api": {"organiser", "secretariat"},
}


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def world(
    event, delegation_admin, guest_org, guest_staff, organiser, secretariat, stranger, make_user
):
    delegate = make_user("d0@example.org", full_name="Delegate Zero")
    (registration,) = services.delegation_register(
        actor=delegation_admin,
        event=event,
        organization=guest_org,
        delegates=[{"full_name": "Delegate Zero", "email": "d0@example.org"}],
    )
    return {
        "event": event,
        "registration": registration,
        "actors": {
            "delegate": delegate,
            "delegation_admin": delegation_admin,
            "guest_staff": guest_staff,
            "organiser": organiser,
            "secretariat": secretariat,
            "stranger": stranger,
        },
    }


def attempt(client, action, event, registration, user):
    client.force_login(user)
    _token, raw = api_token_create(actor=user, name="t")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    if action == "ticket":
        return client.get(f"/en/events/tickets/{registration.pk}/").status_code
    if action == "visa_page":
        return client.get(f"/en/events/letters/{registration.pk}/").status_code
    if action == "registrations_page":
        return client.get(f"/en/events/{event.pk}/registrations/").status_code
    if action == "registrations_csv":
        return client.get(f"/en/events/{event.pk}/registrations/", {"format": "csv"}).status_code
    if action == "registrations_api":
        return client.get(f"/api/v1/events/{event.pk}/registrations", **auth).status_code
    if action == "check_in_api":
        return client.post(
            f"/api/v1/events/{event.pk}/check-ins",
            {"code": registration.code},
            content_type="application/json",
            **auth,
        ).status_code
    if action == "decline":
        return _service_status(
            lambda: services.registration_decline(
                actor=user, registration=registration, reason="No place for you."
            )
        )
    if action == "cancel":
        return client.post(f"/api/v1/registrations/{registration.pk}/cancel", **auth).status_code
    if action == "edit_page":
        return client.get(f"/en/events/{event.pk}/edit/").status_code
    if action == "documents_page":
        return client.get(f"/en/events/{event.pk}/documents/").status_code
    if action == "check_in_page":
        return client.get(f"/en/events/{event.pk}/check-in/").status_code
    if action == "programme_page":
        return client.get("/en/events/programmes/new/").status_code
    if action == "edit_api":
        return client.patch(
            f"/api/v1/events/{event.pk}",
            {"city": "Kashgar"},
            content_type="application/json",
            **auth,
        ).status_code
    if action == "programme_api":
        status = client.post(
            "/api/v1/programmes",
            {"title": "Forums", "language": "en", "organizers": ["silk-host"]},
            content_type="application/json",
            **auth,
        ).status_code
        return 200 if status == 201 else status
    if action == "document_api":
        from django.core.files.uploadedfile import SimpleUploadedFile

        status = client.post(
            f"/api/v1/events/{event.pk}/documents",
            {"file": SimpleUploadedFile("a.pdf", PDF), "kind": "document", "title": "Agenda"},
            **auth,
        ).status_code
        return 200 if status == 201 else status
    raise AssertionError(action)


def _service_status(call):
    from django.core.exceptions import PermissionDenied

    try:
        call()
    except PermissionDenied:
        return 403
    return 200


@pytest.mark.parametrize("action", sorted(MAY))
@pytest.mark.parametrize("who", ACTORS)
def test_role_by_action(client, world, action, who, media):
    registration, event = world["registration"], world["event"]
    before = Registration.objects.filter(pk=registration.pk).values().get()

    status = attempt(client, action, event, registration, world["actors"][who])

    if who in MAY[action]:
        assert status == 200, (who, action, status)
    else:
        assert status == 403, (who, action, status)
        assert Registration.objects.filter(pk=registration.pk).values().get() == before
        assert not CheckIn.objects.exists()
        assert Event.objects.get(pk=event.pk).city == "Beijing"
        assert not Programme.objects.exists() and not event.documents.exists()


def test_anonymous_visitors_get_nothing(client, world):
    registration, event = world["registration"], world["event"]
    assert client.get(f"/en/events/tickets/{registration.pk}/").status_code == 302  # sign in
    assert client.get(f"/en/events/{event.pk}/registrations/").status_code == 302
    assert client.get(f"/api/v1/events/{event.pk}/registrations").status_code == 401
    assert "Delegate Zero" not in client.get(f"/en/events/{event.pk}/").content.decode()
