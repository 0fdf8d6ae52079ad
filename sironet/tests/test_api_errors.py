"""Errors under /api/ are JSON `{"detail": ...}` wherever they are made, and a refused input
names where it is (`loc`). Most of these were found by fuzzing the API (test_api_fuzz.py)."""

import pytest
from django.test import Client

from accounts.services import api_token_create
from members.models import Organization


@pytest.fixture
def token(alice):
    _token, raw = api_token_create(actor=alice, name="errors")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("post", "/api/v1/areas", {"GET"}),
        ("put", "/api/v1/tokens", {"GET", "POST"}),
        ("trace", "/api/v1/organizations/some-slug", {"GET"}),
        ("delete", "/api/v1/applications/1/votes", {"GET", "POST"}),
    ],
)
def test_a_method_an_address_does_not_take_is_a_405_in_json(client, method, path, allowed):
    """ninja answered these in plain text ("Method not allowed")."""
    response = getattr(client, method)(path)

    assert response.status_code == 405
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "This address does not take that method."}
    assert set(response["Allow"].split(", ")) == allowed


@pytest.mark.django_db
@pytest.mark.parametrize(
    "request_kwargs",
    [
        {"path": "/api/v1/areas", "HTTP_HOST": "elsewhere.example"},
        {"path": "/api/v1/organizations?" + "&".join(f"f{n}=1" for n in range(1001))},
    ],
)
def test_a_request_django_refuses_under_the_api_is_a_400_in_json(client, request_kwargs):
    response = client.get(**request_kwargs)

    assert response.status_code == 400
    assert response.json() == {"detail": "The request cannot be read."}


@pytest.mark.django_db
def test_pages_keep_their_html_errors(client):
    response = client.get("/en/no-such-page/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.django_db
@pytest.mark.parametrize("body", ["{not json", "]", "h", b"\xff\xfe"])
def test_a_body_that_cannot_be_read_is_a_400_naming_the_body(client, token, body):
    """ninja answered `{"detail": "Cannot parse request body"}`: no `loc`, nothing said."""
    response = client.post("/api/v1/tokens", body, content_type="application/json", **token)

    assert response.status_code == 400
    assert response.json() == {
        "detail": [{"loc": ["body"], "msg": "The request body cannot be read: send JSON in UTF-8."}]
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "loc"),
    [("language=a%00b", ["query", "language"]), ("country=%00", ["query", "country"])],
)
def test_a_nul_in_a_query_names_the_parameter(client, query, loc):
    """The NUL was refused, but named as the body: `loc: ["body"]`."""
    response = client.get(f"/api/v1/organizations?{query}")

    assert response.status_code == 400
    assert response.json() == {
        "detail": [{"loc": loc, "msg": "Text may not contain NUL characters."}]
    }


@pytest.mark.django_db
def test_a_nul_in_a_body_names_the_field_and_saves_nothing(client, token):
    """The NUL was refused as "Cannot parse request body", naming nothing."""
    response = client.post(
        "/api/v1/applications",
        {"names": {"en": "Bad\u0000Name"}, "original_language": "en", "country": "CN"},
        content_type="application/json",
        **token,
    )

    assert response.status_code == 400
    assert response.json() == {
        "detail": [{"loc": ["body", "names", "en"], "msg": "Text may not contain NUL characters."}]
    }
    assert not Organization.objects.exists()


@pytest.mark.django_db
def test_a_signed_in_browsers_write_without_the_csrf_token_is_a_403_saying_so(alice):
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)

    response = client.post("/api/v1/tokens", {"name": "x"}, content_type="application/json")

    assert response.status_code == 403
    assert response.json() == {
        "detail": "The CSRF check failed: send the CSRF token, or use a bearer token."
    }
