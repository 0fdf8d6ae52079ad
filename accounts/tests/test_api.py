import pytest

from accounts import services
from accounts.models import ApiToken


def bearer(raw):
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


@pytest.mark.django_db
def test_me_answers_401_json_without_credentials(client):
    response = client.get("/api/v1/me")

    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert "detail" in response.json()


@pytest.mark.django_db
def test_me_with_a_bearer_token(client, alice):
    _token, raw = services.api_token_create(actor=alice, name="cli")

    response = client.get("/api/v1/me", **bearer(raw))

    assert response.status_code == 200
    assert response.json() == {
        "email": "alice@example.org",
        "full_name": "Alice Amani",
        "preferred_language": "en",
        "network_roles": [],
    }


@pytest.mark.django_db
def test_me_with_a_browser_session(client, alice):
    client.force_login(alice)

    assert client.get("/api/v1/me").json()["email"] == "alice@example.org"


@pytest.mark.django_db
def test_create_list_and_revoke_tokens_over_the_api(client, alice):
    _token, raw = services.api_token_create(actor=alice, name="first")

    created = client.post(
        "/api/v1/tokens", {"name": "second"}, content_type="application/json", **bearer(raw)
    )
    assert created.status_code == 201
    new_raw = created.json()["token"]
    assert client.get("/api/v1/me", **bearer(new_raw)).status_code == 200

    listing = client.get("/api/v1/tokens", **bearer(raw)).json()
    assert listing["count"] == 2
    assert {item["name"] for item in listing["items"]} == {"first", "second"}
    assert all("token" not in item for item in listing["items"])

    token_id = created.json()["id"]
    assert client.delete(f"/api/v1/tokens/{token_id}", **bearer(raw)).status_code == 204
    assert client.get("/api/v1/me", **bearer(new_raw)).status_code == 401


@pytest.mark.django_db
def test_another_persons_token_is_not_found(client, alice, bob):
    alices, _raw = services.api_token_create(actor=alice, name="alice's")
    _bobs, bob_raw = services.api_token_create(actor=bob, name="bob's")

    assert client.get(f"/api/v1/tokens/{alices.pk}", **bearer(bob_raw)).status_code == 404
    response = client.delete(f"/api/v1/tokens/{alices.pk}", **bearer(bob_raw))
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
    assert ApiToken.objects.get(pk=alices.pk).revoked_at is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({}, "name"),
        ({"name": ""}, "name"),
        ({"name": "x" * 101}, "name"),
        ({"name": "ok", "expires_at": "soon"}, "expires_at"),
    ],
)
def test_bad_token_input_is_422_naming_the_field(client, alice, payload, field):
    _token, raw = services.api_token_create(actor=alice, name="cli")

    response = client.post(
        "/api/v1/tokens", payload, content_type="application/json", **bearer(raw)
    )

    assert response.status_code == 422
    assert any(field in error["loc"] for error in response.json()["detail"])
    assert ApiToken.objects.count() == 1


@pytest.mark.django_db
def test_expiry_in_the_past_is_400_naming_the_field(client, alice):
    _token, raw = services.api_token_create(actor=alice, name="cli")

    response = client.post(
        "/api/v1/tokens",
        {"name": "late", "expires_at": "2001-01-01T00:00:00Z"},
        content_type="application/json",
        **bearer(raw),
    )

    assert response.status_code == 400
    assert response.json()["detail"][0]["loc"] == ["body", "expires_at"]


@pytest.mark.django_db
def test_malformed_json_is_a_4xx_json_error(client, alice):
    _token, raw = services.api_token_create(actor=alice, name="cli")

    response = client.post(
        "/api/v1/tokens", "{not json", content_type="application/json", **bearer(raw)
    )

    assert 400 <= response.status_code < 500
    assert "detail" in response.json()


@pytest.mark.django_db
def test_session_writes_need_the_csrf_token(alice):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)

    response = client.post("/api/v1/tokens", {"name": "x"}, content_type="application/json")

    assert response.status_code == 403
    assert not ApiToken.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "path"),
    [("post", "/api/v1/tokens"), ("delete", "/api/v1/tokens/1"), ("post", "/api/v1/applications")],
)
def test_a_write_without_any_credentials_is_401_not_a_csrf_failure(method, path):
    """Found by fuzzing: with no token and no session, ninja's session check answered 403
    "CSRF check Failed", as if a forged browser request, where the caller must authenticate."""
    from django.test import Client

    client = Client(enforce_csrf_checks=True)  # as a program calls: Django's checks all on

    response = getattr(client, method)(path, {"name": "x"}, content_type="application/json")

    assert response.status_code == 401
    assert response.json() == {"detail": "Authentication required: sign in or send a bearer token."}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("expires_at", "stored"),
    [
        ("2030-01-01T00:00:00", "2030-01-01T00:00:00Z"),
        ("2030-01-01", "2030-01-01T00:00:00Z"),
        ("2030-01-01T08:00:00+08:00", "2030-01-01T00:00:00Z"),
    ],
)
def test_an_expiry_without_a_time_zone_is_read_in_utc(client, alice, expires_at, stored):
    """Found by fuzzing: a date-time with no offset, or a date alone, answered 500."""
    _token, raw = services.api_token_create(actor=alice, name="cli")

    response = client.post(
        "/api/v1/tokens",
        {"name": "dated", "expires_at": expires_at},
        content_type="application/json",
        **bearer(raw),
    )

    assert response.status_code == 201
    assert response.json()["expires_at"] == stored


@pytest.mark.django_db
def test_an_expiry_past_the_year_9999_in_utc_is_400_naming_the_field(client, alice):
    """Found by fuzzing: 9999-12-31T23:59:59-12:00 is in the year 10000 in UTC: a 500."""
    _token, raw = services.api_token_create(actor=alice, name="cli")

    response = client.post(
        "/api/v1/tokens",
        {"name": "late", "expires_at": "9999-12-31T23:59:59-12:00"},
        content_type="application/json",
        **bearer(raw),
    )

    assert response.status_code == 400
    assert response.json()["detail"] == [
        {"loc": ["body", "expires_at"], "msg": "Choose an earlier expiry date."}
    ]
    assert ApiToken.objects.count() == 1
