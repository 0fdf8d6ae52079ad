"""Every API list takes the same bounded `limit` and `offset`: a value out of range is a 422
naming the parameter, never a server error (a number beyond 64 bits used to reach the database)."""

import json
from pathlib import Path

import pytest
from django.conf import settings

from accounts.services import api_token_create
from core.pagination import MAX_LIMIT, MAX_OFFSET

PUBLIC_LISTS = ["/api/v1/areas", "/api/v1/regions", "/api/v1/countries", "/api/v1/organizations"]
PRIVATE_LISTS = ["/api/v1/tokens", "/api/v1/applications"]
HUGE = "1" + "0" * 30

BAD_PAGES = [
    ("offset", HUGE),
    ("offset", str(2**63)),
    ("offset", str(MAX_OFFSET + 1)),
    ("offset", "-1"),
    ("offset", "ten"),
    ("offset", "1.5"),
    ("limit", HUGE),
    ("limit", str(2**63)),
    ("limit", str(MAX_LIMIT + 1)),
    ("limit", "0"),
    ("limit", "-20"),
    ("limit", "twenty"),
]


@pytest.fixture
def token_header(alice):
    _token, raw = api_token_create(actor=alice, name="lists")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def assert_422_naming(response, field):
    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/json")
    errors = response.json()["detail"]
    assert [error["loc"] for error in errors] == [["query", field]]
    assert errors[0]["msg"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", PUBLIC_LISTS)
@pytest.mark.parametrize(("field", "value"), BAD_PAGES)
def test_a_bad_page_of_a_public_list_is_a_422_naming_the_parameter(client, path, field, value):
    response = client.get(path, {field: value})

    assert_422_naming(response, field)


@pytest.mark.django_db
@pytest.mark.parametrize("path", PUBLIC_LISTS + PRIVATE_LISTS)
@pytest.mark.parametrize(("field", "value"), BAD_PAGES)
def test_a_bad_page_with_a_token_is_a_422_naming_the_parameter(
    client, token_header, path, field, value
):
    response = client.get(path, {field: value}, **token_header)

    assert_422_naming(response, field)


@pytest.mark.django_db
@pytest.mark.parametrize("path", PUBLIC_LISTS + PRIVATE_LISTS)
def test_the_bounds_themselves_are_accepted(client, token_header, path):
    last = client.get(path, {"offset": MAX_OFFSET, "limit": MAX_LIMIT}, **token_header)
    first = client.get(path, {"offset": 0, "limit": 1}, **token_header)

    assert last.status_code == 200
    assert last.json()["items"] == []
    assert first.status_code == 200
    assert first.json()["count"] == last.json()["count"]
    assert len(first.json()["items"]) == min(1, first.json()["count"])


def test_every_list_in_the_contract_declares_the_bounds():
    """A list added later, paginated by ninja or by hand with PageParams, keeps the same bounds."""
    contract = json.loads((Path(settings.BASE_DIR) / "docs" / "openapi.json").read_text())
    bounded = {}
    for path, operations in contract["paths"].items():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "query" and parameter["name"] in {"limit", "offset"}:
                    schema = parameter["schema"]
                    bounded[(method, path, parameter["name"])] = (
                        schema.get("minimum"),
                        schema.get("maximum"),
                    )

    lists = {(method, path) for method, path, _name in bounded}
    assert {path for _method, path in lists} >= set(PUBLIC_LISTS + PRIVATE_LISTS)
    for method, path in lists:
        assert bounded[(method, path, "limit")] == (1, MAX_LIMIT)
        assert bounded[(method, path, "offset")] == (0, MAX_OFFSET)
