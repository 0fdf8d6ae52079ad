import json
from pathlib import Path

import pytest
from django.conf import settings
from openapi_spec_validator import validate
from openapi_spec_validator.validation import OpenAPIV31SpecValidator

SNAPSHOT = Path(settings.BASE_DIR) / "docs" / "openapi.json"


@pytest.fixture
def schema(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def test_schema_is_valid_openapi_3_1(schema):
    assert schema["openapi"].startswith("3.1")
    validate(schema, cls=OpenAPIV31SpecValidator)


def test_schema_matches_the_committed_contract(schema):
    """A change to the API contract is always deliberate: run `make openapi` and commit it."""
    committed = json.loads(SNAPSHOT.read_text(encoding="utf-8"))

    assert schema == committed


def test_schema_documents_bearer_tokens(schema):
    schemes = schema["components"]["securitySchemes"]
    assert any(scheme.get("scheme") == "bearer" for scheme in schemes.values())


@pytest.mark.django_db
def test_docs_page_is_served_from_our_own_host(client):
    response = client.get("/api/v1/docs")

    assert response.status_code == 200
    assert "/static/ninja/swagger-ui-bundle" in response.content.decode()


def test_no_two_schemas_share_a_name():
    """The document names each schema by its class alone: two apps' `DocumentOut` made the
    events' documents answer with the governance documents' schema."""
    import importlib

    from ninja import Schema

    apps = ["core", "accounts", "members", "search", "cooperation", "exchanges", "governance"]
    seen: dict[str, list[str]] = {}
    for app in apps:
        module = importlib.import_module(f"{app}.api")
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, Schema)
                and value.__module__ == module.__name__
            ):
                seen.setdefault(value.__name__, []).append(app)

    shared = {name for name, where in seen.items() if len(where) > 1}
    # Known, in members and governance, left to their owners (see the exchanges branch's report).
    assert shared <= {"EndorseIn", "VoteIn", "VoteOut"}
