"""An organisation's staff: invitations by email, accepting them, roles, the representative."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from core.tests.test_html import assert_valid
from members import services
from members.models import Organization, OrganizationStaff, StaffInvitation

pytestmark = pytest.mark.django_db


@pytest.fixture
def organization(alice):
    """A member organisation with Alice as its only admin."""
    application = services.application_create(
        actor=alice, names={"en": "Steppe Education Fund"}, original_language="en", country="KZ"
    )
    organization = application.organization
    Organization.objects.filter(pk=organization.pk).update(status=Organization.Status.MEMBER)
    organization.refresh_from_db()
    return organization


@pytest.fixture
def alice_row(organization, alice):
    return OrganizationStaff.objects.get(organization=organization, user=alice)


def staff_url(organization, row=None) -> str:
    base = f"/en/members/{organization.slug}/staff/"
    return f"{base}{row.pk}/" if row else base


def invite(client, organization, email, role="staff"):
    return client.post(staff_url(organization), {"action": "invite", "email": email, "role": role})


def invitation_path(message) -> str:
    return re.search(r"/en/members/invitations/[^/\s]+/", message.body).group(0)


# --- inviting and accepting -------------------------------------------------------------------


def test_invite_accept_and_join(
    client, organization, alice, make_user, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client, organization, "Nadia@Example.org", role="admin")

    assert response.status_code == 302
    assert response["Location"] == staff_url(organization)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nadia@example.org"]
    assert "Steppe Education Fund" in message.subject
    path = invitation_path(message)
    listing = client.get(staff_url(organization)).content.decode()
    assert "nadia@example.org" in listing  # an open invitation
    assert_valid(listing)

    nadia = make_user("nadia@example.org", full_name="Nadia Nurlanovna")
    client.force_login(nadia)
    page = client.get(path)
    assert page.status_code == 200
    assert "Steppe Education Fund" in page.content.decode()
    assert "Accept the invitation" in page.content.decode()
    assert_valid(page.content.decode())

    response = client.post(path)

    assert response.status_code == 302
    assert response["Location"] == f"/en/members/{organization.slug}/"
    row = OrganizationStaff.objects.get(organization=organization, user=nadia)
    assert row.role == "admin"
    assert StaffInvitation.objects.get().accepted_at is not None
    # The link cannot be used twice.
    again = client.get(path)
    assert "already been accepted" in again.content.decode()
    assert "Accept the invitation" not in again.content.decode()


def test_accepting_with_another_address_is_refused(
    client, organization, alice, bob, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        invite(client, organization, "nadia@example.org")
    path = invitation_path(mail.outbox[0])

    client.force_login(bob)
    page = client.get(path).content.decode()
    assert "You are signed in as bob@example.org, but this invitation was sent to" in page
    assert "Accept the invitation" not in page

    response = client.post(path)

    assert response.status_code == 403
    assert "This invitation was sent to another email address." in response.content.decode()
    assert not OrganizationStaff.objects.filter(organization=organization, user=bob).exists()
    assert StaffInvitation.objects.get().accepted_at is None


def test_a_visitor_is_asked_to_sign_in_with_the_invited_address(
    client, organization, alice, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        invite(client, organization, "nadia@example.org")
    path = invitation_path(mail.outbox[0])
    client.logout()

    response = client.get(path)

    html = response.content.decode()
    assert response.status_code == 200
    assert "nadia@example.org" in html
    next_query = "next=" + path.replace("/", "%2F")
    assert f'href="/en/accounts/login/?{next_query}"' in html
    assert f'href="/en/accounts/signup/?{next_query}"' in html
    assert client.post(path).status_code == 302  # to the sign-in page, nothing accepted
    assert StaffInvitation.objects.get().accepted_at is None
    assert_valid(html)


def test_unknown_invitation_key_is_404(client, db):
    assert client.get("/en/members/invitations/not-a-real-key/").status_code == 404


def test_expired_and_cancelled_invitations_say_so(client, organization, alice, make_user):
    invitation, key = services.staff_invite(
        actor=alice, organization=organization, email="nadia@example.org"
    )
    nadia = make_user("nadia@example.org")
    client.force_login(nadia)
    StaffInvitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(days=1)
    )

    page = client.get(f"/en/members/invitations/{key}/").content.decode()
    assert "This invitation has expired." in page
    response = client.post(f"/en/members/invitations/{key}/")
    assert response.status_code == 400
    assert "expired or has already been used" in response.content.decode()
    assert not OrganizationStaff.objects.filter(user=nadia).exists()

    other, other_key = services.staff_invite(
        actor=alice, organization=organization, email="nadia@example.org"
    )
    client.force_login(alice)
    response = client.post(
        staff_url(organization), {"action": "cancel", "invitation": str(other.pk)}
    )
    assert response.status_code == 302
    other.refresh_from_db()
    assert other.cancelled_at is not None
    client.force_login(nadia)
    assert "was cancelled" in client.get(f"/en/members/invitations/{other_key}/").content.decode()


def test_invitation_errors_are_shown_on_the_fields(client, organization, alice):
    client.force_login(alice)

    response = invite(client, organization, "alice@example.org")
    assert response.status_code == 200
    assert response.context["invite_form"].errors["email"] == [
        "This person is already on the staff."
    ]

    response = invite(client, organization, "not an address")
    assert "email" in response.context["invite_form"].errors
    assert not StaffInvitation.objects.exists()


def test_only_admins_invite(client, organization, bob):
    OrganizationStaff.objects.create(organization=organization, user=bob)
    client.force_login(bob)

    assert client.get(staff_url(organization)).status_code == 200  # colleagues see the list
    assert invite(client, organization, "nadia@example.org").status_code == 403
    assert not StaffInvitation.objects.exists()


def test_outsiders_see_no_staff_page(client, organization, bob):
    client.force_login(bob)

    assert client.get(staff_url(organization)).status_code == 403
    assert invite(client, organization, "nadia@example.org").status_code == 403
    assert not StaffInvitation.objects.exists()


# --- roles, removal, the representative -------------------------------------------------------


def test_the_last_admin_cannot_be_demoted(client, organization, alice, alice_row):
    client.force_login(alice)

    response = client.post(staff_url(organization, alice_row), {"action": "role", "role": "staff"})

    assert response.status_code == 200
    assert response.context["role_form"].errors["role"] == [
        "An organisation always keeps at least one administrator."
    ]
    assert "An organisation always keeps at least one administrator." in response.content.decode()
    alice_row.refresh_from_db()
    assert alice_row.role == "admin"


def test_the_last_admin_cannot_be_removed_or_leave(client, organization, alice, alice_row):
    client.force_login(alice)

    response = client.post(staff_url(organization, alice_row), {"action": "remove"})

    assert response.status_code == 200
    assert response.context["remove_form"].non_field_errors() == [
        "An organisation always keeps at least one administrator."
    ]
    assert OrganizationStaff.objects.filter(pk=alice_row.pk).exists()


def test_admin_changes_roles_and_removes_staff(client, organization, alice, bob, alice_row):
    bob_row = OrganizationStaff.objects.create(organization=organization, user=bob)
    client.force_login(alice)
    page = client.get(staff_url(organization, bob_row))
    assert page.status_code == 200
    assert_valid(page.content.decode())

    response = client.post(
        staff_url(organization, bob_row), {"action": "role", "role": "admin"}, follow=True
    )
    assert "Bob Bakirov is now: Administrator." in response.content.decode()
    bob_row.refresh_from_db()
    assert bob_row.role == "admin"

    # With two admins, Alice may step down.
    client.post(staff_url(organization, alice_row), {"action": "role", "role": "staff"})
    alice_row.refresh_from_db()
    assert alice_row.role == "staff"

    client.force_login(bob)
    response = client.post(staff_url(organization, alice_row), {"action": "remove"})
    assert response.status_code == 302
    assert list(OrganizationStaff.objects.filter(organization=organization)) == [bob_row]


def test_staff_may_leave_but_not_change_others(client, organization, alice, bob, alice_row):
    bob_row = OrganizationStaff.objects.create(organization=organization, user=bob)
    client.force_login(bob)

    assert client.get(staff_url(organization, alice_row)).status_code == 403
    assert client.post(staff_url(organization, alice_row), {"action": "remove"}).status_code == 403
    assert (
        client.post(
            staff_url(organization, bob_row), {"action": "role", "role": "admin"}
        ).status_code
        == 403
    )
    bob_row.refresh_from_db()
    assert bob_row.role == "staff"

    response = client.post(
        staff_url(organization, bob_row),
        {"action": "details", "title": "Programme officer", "shown_publicly": "on"},
    )
    assert response.status_code == 302
    bob_row.refresh_from_db()
    assert (bob_row.title, bob_row.shown_publicly) == ("Programme officer", True)

    response = client.post(staff_url(organization, bob_row), {"action": "remove"})
    assert response.status_code == 302
    assert response["Location"] == f"/en/members/{organization.slug}/"
    assert not OrganizationStaff.objects.filter(pk=bob_row.pk).exists()
    assert OrganizationStaff.objects.filter(pk=alice_row.pk).exists()


def test_the_representative_is_unique(client, organization, alice, bob, alice_row):
    bob_row = OrganizationStaff.objects.create(organization=organization, user=bob)
    client.force_login(alice)

    client.post(staff_url(organization, alice_row), {"action": "representative"})
    client.post(staff_url(organization, bob_row), {"action": "representative"})

    representatives = OrganizationStaff.objects.filter(
        organization=organization, is_representative=True
    )
    assert list(representatives) == [bob_row]
    assert "representative" in client.get(staff_url(organization)).content.decode()


def test_staff_of_another_organisation_is_404_here(client, organization, alice, make_user):
    carol = make_user("carol@example.org")
    other = services.application_create(
        actor=carol, names={"en": "Other Org"}, original_language="en", country="CN"
    ).organization
    carol_row = OrganizationStaff.objects.get(organization=other, user=carol)
    client.force_login(alice)

    assert client.get(f"/en/members/{organization.slug}/staff/{carol_row.pk}/").status_code == 404
    response = client.post(
        f"/en/members/{organization.slug}/staff/{carol_row.pk}/", {"action": "remove"}
    )
    assert response.status_code == 404
    assert OrganizationStaff.objects.filter(pk=carol_row.pk).exists()
