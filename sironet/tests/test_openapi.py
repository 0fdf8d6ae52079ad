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

    shared = {name: where for name, where in seen.items() if len(where) > 1}
    assert not shared


def test_votes_and_endorsements_document_their_own_shapes(schema):
    """An application's approval vote and a consultation's ballot vote (and the endorsements of
    an application and of a proposal) answer and take different bodies: each endpoint names
    its own."""

    def named(content):
        name = content["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
        return schema["components"]["schemas"][name]

    def body(operation):
        return named(operation["requestBody"]["content"])

    def answer(operation, status):
        return named(operation["responses"][status]["content"])

    paths = schema["paths"]
    approval = paths["/api/v1/applications/{application_id}/votes"]["post"]
    ballot = paths["/api/v1/consultations/{consultation_id}/votes"]["post"]
    assert set(body(approval)["properties"]) == {"choice"}
    assert set(answer(approval, "201")["properties"]) == {"choice", "cast_at", "application_status"}
    assert set(body(ballot)["properties"]) == {"organization", "option"}
    assert set(answer(ballot, "201")["properties"]) == {
        "organization",
        "option",
        "changed",
        "receipt",
    }
    application = paths["/api/v1/applications/{application_id}/endorse"]["post"]
    proposal = paths["/api/v1/consultations/{consultation_id}/proposals/{proposal_id}/endorsements"]
    # A member endorses an application; a proposal is endorsed by one's own organisation.
    assert body(application)["required"] == ["organization"]
    assert "required" not in body(proposal["post"])
