import re
import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, format_hotp_value, hotp_value
from django.conf import settings
from django.core import mail
from django.core.cache import cache

from accounts import services
from accounts.models import ApiToken, NetworkRole, User

PASSWORD = "correct horse battery"


def current_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def sign_in(client, email, password=PASSWORD, language="en"):
    return client.post(f"/{language}/accounts/login/", {"login": email, "password": password})


def activate_totp(client, password=PASSWORD) -> str:
    """Turn on TOTP for the signed-in person, the way a person does; returns the secret."""
    assert (
        client.get("/en/accounts/2fa/totp/activate/").status_code == 302
    )  # confirm password first
    client.post("/en/accounts/reauthenticate/", {"password": password})
    assert client.get("/en/accounts/2fa/totp/activate/").status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    response = client.post("/en/accounts/2fa/totp/activate/", {"code": current_code(secret)})
    assert response.status_code == 302
    return secret


@pytest.mark.django_db
def test_sign_up_confirm_by_email_link_then_sign_in(client):
    response = client.post(
        "/en/accounts/signup/",
        {"email": "nadia@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/confirm-email/"

    # Not confirmed yet: signing in sends the person back to the confirmation step.
    client.logout()
    assert sign_in(client, "nadia@example.org")["Location"] == "/en/accounts/confirm-email/"

    assert len(mail.outbox) >= 1
    link = re.search(r"http://\S+/en/accounts/confirm-email/\S+/", mail.outbox[0].body).group(0)
    path = link.split("testserver", 1)[-1]
    assert client.get(path).status_code == 200
    assert client.post(path).status_code == 302

    client.logout()
    response = sign_in(client, "nadia@example.org")
    assert response.status_code == 302
    assert response["Location"] == "/en/"
    assert client.get("/en/").context["user"].email == "nadia@example.org"


@pytest.mark.django_db
def test_confirmation_email_is_in_the_language_of_sign_up(client):
    client.post(
        "/fr/accounts/signup/",
        {"email": "chloe@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )

    message = mail.outbox[0]
    assert "/fr/accounts/confirm-email/" in message.body
    assert "adresse" in message.body.lower()  # French text, not English
    assert User.objects.get(email="chloe@example.org").preferred_language == "fr"


@pytest.mark.django_db
def test_sign_up_errors_are_shown_next_to_the_field_in_the_readers_language(client, alice):
    response = client.post(
        "/ru/accounts/signup/",
        {"email": "not-an-email", "password1": "a", "password2": "b"},
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert "email" in form.errors
    assert "адрес" in " ".join(form.errors["email"]).lower()
    assert 'class="error"' in response.content.decode()
    assert User.objects.count() == 1


@pytest.mark.django_db
def test_wrong_password_is_refused(client, alice):
    response = sign_in(client, "alice@example.org", "wrong password")

    assert response.status_code == 200
    assert response.context["form"].errors
    assert not response.context["user"].is_authenticated


@pytest.mark.django_db
def test_repeated_failed_logins_are_rate_limited(client, alice):
    for _attempt in range(5):
        sign_in(client, "alice@example.org", "wrong password")

    response = sign_in(client, "alice@example.org", PASSWORD)

    assert response.status_code == 200
    assert "Too many failed login attempts" in response.content.decode()
    assert not response.context["user"].is_authenticated


@pytest.mark.django_db
def test_password_reset_by_emailed_link(client, alice):
    client.post("/en/accounts/password/reset/", {"email": "alice@example.org"})
    link = re.search(
        r"http://testserver(/en/accounts/password/reset/key/\S+/)", mail.outbox[-1].body
    )

    form_page = client.get(link.group(1), follow=True)
    action = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link.group(1)
    response = client.post(
        action, {"password1": "a brand new secret", "password2": "a brand new secret"}
    )

    assert response.status_code == 302
    client.logout()
    assert sign_in(client, "alice@example.org", "a brand new secret")["Location"] == "/en/"


@pytest.mark.django_db
def test_turn_on_totp_then_sign_in_asks_for_the_code(client, alice):
    sign_in(client, "alice@example.org")

    secret = activate_totp(client)

    assert Authenticator.objects.filter(user=alice, type=Authenticator.Type.TOTP).exists()

    client.logout()
    cache.clear()  # a code may be used once; the test signs in again within the same period
    response = sign_in(client, "alice@example.org")
    assert response["Location"] == "/en/accounts/2fa/authenticate/"
    assert not client.get("/en/settings/").wsgi_request.user.is_authenticated

    response = client.post("/en/accounts/2fa/authenticate/", {"code": current_code(secret)})
    assert response.status_code == 302
    assert client.get("/en/settings/").status_code == 200


@pytest.mark.django_db
def test_back_office_is_not_at_the_guessable_path(client):
    assert settings.ADMIN_PATH != "admin"
    assert len(settings.ADMIN_PATH) >= 16
    assert client.get("/admin/").status_code == 404


@pytest.mark.django_db
def test_back_office_sends_staff_without_two_factor_to_set_it_up(client, alice):
    services.network_role_grant(actor=None, user=alice, role=NetworkRole.Role.SECRETARIAT)
    sign_in(client, "alice@example.org")

    response = client.get(f"/{settings.ADMIN_PATH}/", follow=True)

    hops = [url for url, _status in response.redirect_chain]
    assert any(url.endswith("/accounts/2fa/totp/activate/") for url in hops)
    assert "two-factor authentication" in response.content.decode()


@pytest.mark.django_db
def test_back_office_refuses_people_without_a_staff_role(client, alice):
    sign_in(client, "alice@example.org")

    response = client.get(f"/{settings.ADMIN_PATH}/", follow=True)

    assert response.redirect_chain[-1][0] == "/en/"


@pytest.mark.django_db
def test_back_office_opens_for_secretariat_with_two_factor(client, alice):
    services.network_role_grant(actor=None, user=alice, role=NetworkRole.Role.SECRETARIAT)
    sign_in(client, "alice@example.org")
    activate_totp(client)

    response = client.get(f"/{settings.ADMIN_PATH}/")

    assert response.status_code == 200
    assert "Secretariat" in response.content.decode()


@pytest.mark.django_db
def test_anonymous_back_office_visit_goes_to_the_sign_in_page(client):
    response = client.get(f"/{settings.ADMIN_PATH}/", follow=True)

    assert "/accounts/login/" in response.redirect_chain[-1][0]


@pytest.mark.django_db
def test_token_page_creates_shows_once_and_revokes(client, alice):
    client.force_login(alice)

    response = client.post("/en/settings/tokens/", {"name": "reporting"})
    assert response.status_code == 302  # a reload cannot create a second token

    shown = client.get("/en/settings/tokens/")
    raw = shown.context["new_token"]
    assert raw in shown.content.decode()
    assert client.get("/en/settings/tokens/").content.decode().count(raw) == 0
    assert ApiToken.objects.filter(user=alice).count() == 1
    token = ApiToken.objects.get(user=alice)
    response = client.post(f"/en/settings/tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    assert services.api_token_authenticate(raw) is None


@pytest.mark.django_db
def test_token_page_shows_field_errors(client, alice):
    client.force_login(alice)

    response = client.post("/zh-hans/settings/tokens/", {"name": ""})

    assert response.status_code == 200
    assert "name" in response.context["form"].errors
    assert not ApiToken.objects.exists()


@pytest.mark.django_db
def test_nobody_revokes_another_persons_token_from_the_page(client, alice, bob):
    token, raw = services.api_token_create(actor=alice, name="alice's")
    client.force_login(bob)

    assert client.post(f"/en/settings/tokens/{token.pk}/revoke/").status_code == 404
    assert services.api_token_authenticate(raw) == alice


@pytest.mark.django_db
def test_settings_pages_need_a_signed_in_person(client):
    for path in ["/en/settings/", "/en/settings/tokens/"]:
        response = client.get(path)
        assert response.status_code == 302
        assert "/en/accounts/login/" in response["Location"]


@pytest.mark.django_db
def test_profile_settings_change_the_preferred_language(client, alice):
    client.force_login(alice)

    response = client.post("/en/settings/", {"full_name": "Alice A.", "preferred_language": "ar"})

    assert response.status_code == 302
    alice.refresh_from_db()
    assert (alice.full_name, alice.preferred_language) == ("Alice A.", "ar")


@pytest.mark.django_db
def test_a_person_chooses_their_time_zone_or_leaves_it_to_the_browser(client, alice):
    client.force_login(alice)
    page = client.get("/en/settings/").content.decode()
    assert '<option value="" selected>From my browser</option>' in page
    assert '<option value="Asia/Almaty">Asia/Almaty</option>' in page
    assert page.count("<option") > 300  # every zone, written once

    saved = client.post(
        "/en/settings/",
        {"full_name": "Alice Amani", "preferred_language": "en", "time_zone": "Asia/Almaty"},
    )
    assert saved.status_code == 302
    alice.refresh_from_db()
    assert alice.time_zone == "Asia/Almaty"
    assert '<option value="Asia/Almaty" selected>' in client.get("/en/settings/").content.decode()

    refused = client.post(
        "/en/settings/",
        {"full_name": "Someone Else", "preferred_language": "en", "time_zone": "Mars/Olympus"},
    )
    assert refused.status_code == 200 and "Select a valid choice." in refused.content.decode()
    alice.refresh_from_db()
    assert (alice.full_name, alice.time_zone) == ("Alice Amani", "Asia/Almaty")

    client.post(
        "/en/settings/", {"full_name": "Alice", "preferred_language": "en", "time_zone": ""}
    )
    alice.refresh_from_db()
    assert alice.time_zone == ""


@pytest.mark.django_db
def test_signing_out_asks_the_browser_to_forget_what_the_site_keeps(client, alice):
    """The check-in page keeps its participants on the device (localStorage, a service
    worker's cache): signing out clears the site's storage on it."""
    client.force_login(alice)
    page = client.get("/en/settings/").content.decode()
    assert 'action="/en/accounts/logout/" class="inline-form" data-sign-out' in page
    assert "Clear-Site-Data" not in client.get("/en/accounts/logout/")  # the confirmation page

    response = client.post("/en/accounts/logout/")

    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"storage"'
    assert not client.get("/en/settings/").wsgi_request.user.is_authenticated


@pytest.mark.django_db
def test_a_session_holds_its_person_until_they_are_deactivated_deleted_or_change_password(
    client, alice, bob
):
    """Every page loads the signed-in person again (accounts.backends): one who may no longer
    sign in, who is gone, or whose password changed elsewhere is signed out."""
    assert sign_in(client, "alice@example.org").status_code == 302
    assert client.session["_auth_user_backend"].startswith("accounts.backends.")
    assert client.get("/en/settings/").wsgi_request.user == alice

    User.objects.filter(pk=alice.pk).update(is_active=False)
    assert not client.get("/en/settings/").wsgi_request.user.is_authenticated

    client.force_login(bob)
    assert client.get("/en/settings/").wsgi_request.user == bob
    bob.set_password("another horse battery")
    bob.save()
    assert not client.get("/en/settings/").wsgi_request.user.is_authenticated

    client.force_login(alice)  # force_login signs in whoever it is given
    alice.delete()
    assert not client.get("/en/settings/").wsgi_request.user.is_authenticated


@pytest.mark.django_db
def test_a_granted_or_revoked_role_shows_on_the_next_page_though_roles_are_kept(
    client, alice, django_capture_on_commit_callbacks
):
    """A reader's roles are kept by each process until roles change (accounts.rules)."""
    client.force_login(alice)
    queue = 'href="/en/members/review/"'
    assert queue not in client.get("/en/settings/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        services.network_role_grant(actor=None, user=alice, role=NetworkRole.Role.SECRETARIAT)
    assert queue in client.get("/en/settings/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        services.network_role_revoke(actor=None, user=alice, role=NetworkRole.Role.SECRETARIAT)
    assert queue not in client.get("/en/settings/").content.decode()
