"""Fuzzing every operation of the API, from our own OpenAPI document, as every kind of caller.

Schemathesis generates requests from `docs/openapi.json` (the committed contract, which
test_openapi.py keeps equal to the live one) — valid ones, and ones that break the schema on
purpose — and sends them in-process, through WSGI, to the platform as served, over the demo
network (`seed_demo`). Every answer must hold to DESIGN.md §4: never a server error; every error
is JSON `{"detail": ...}`; a validation error names where it is (`loc`); a success matches the
documented schema; invalid input is refused; an operation that needs a caller refuses anyone else.
Writes are fuzzed too: the data changes as the requests go; each test is rolled back after it.

Only these: `make test PYTEST_ARGS="-m fuzz"`. FUZZ_EXAMPLES (environment) sets the number of
generated requests per operation and caller, 25 by default, besides schemathesis's boundary cases;
generation is seeded, so every run sends the same requests.
"""

import os
import zlib
from pathlib import Path

import pytest
import schemathesis
from django.conf import settings
from django.core import signals
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.db import close_old_connections, transaction
from django.test import override_settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    ignored_auth,
    negative_data_rejection,
    response_schema_conformance,
)

from accounts.models import ApiToken, User
from accounts.services import api_token_create
from core.models import Country, KeyArea
from core.multilingual import LANGUAGE_CODES
from exchanges.models import Event
from governance.models import Consultation
from members import services
from members.models import ApplicationDocument, MembershipApplication, Organization

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]

CONTRACT = Path(settings.BASE_DIR) / "docs" / "openapi.json"
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "25"))

schema = schemathesis.openapi.from_path(
    CONTRACT,
    config=schemathesis.Config.from_dict(
        {
            "seed": 20171122,  # the first Forum: every run generates the same requests
            "generation": {
                "max-examples": EXAMPLES,
                "deterministic": True,
                "database": "none",
                # Callers authenticate as the test says; the probes of `ignored_auth` try
                # requests without the token, and with a wrong one.
                "with-security-parameters": False,
            },
            "phases": {"stateful": {"enabled": False}},
        }
    ),
)

# The demo's people, one for each kind of caller. "person" has no organisation and no role;
# "applicant" is the demo's applicant whose application came back with a question; the committee
# member is one who has not voted yet on the forwarded application.
CALLERS = {
    "anonymous": None,
    "person": "fuzz.person@example.org",
    "applicant": "apply@pamir-springs.example.org",
    "org_admin": "wang.fang@sironet.example",
    "secretariat": "zhang.min@sironet.example",
    "committee": "aigerim.sadykova@sironet.example",
    "site_admin": "admin@sironet.example",
}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

# Real values, read by demo_network: rows to name in paths, codes to put in bodies.
KNOWN: dict[str, list] = {}


class InTransactionApp:
    """The platform as served by gunicorn (Django's WSGI handler, every middleware), except that
    it keeps the test's database connection between requests, as Django's test client does:
    every request runs inside the test's transaction, so each test starts from the same demo
    network. The handler is made at the first request, once the test settings are in place."""

    handler: WSGIHandler | None = None

    def __call__(self, environ, start_response):
        if self.handler is None:
            self.handler = WSGIHandler()
        signals.request_started.disconnect(close_old_connections)
        signals.request_finished.disconnect(close_old_connections)
        try:
            response = self.handler(environ, start_response)
            content = b"".join(response)
            response.close()
            return [content]
        finally:
            signals.request_started.connect(close_old_connections)
            signals.request_finished.connect(close_old_connections)


# Every request of a test, and every probe a check sends beside it, goes to the platform.
schema.app = InTransactionApp()


@pytest.fixture(scope="module")
def demo_network(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo network and a token for each caller, loaded once for this module and rolled back
    after it; each test runs in a savepoint inside, so the fuzzing's writes do not accumulate."""
    media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("fuzz-media"))
    with media, django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
        User.objects.create_user(email=CALLERS["person"], full_name="Fuzz Person")
        applicant = User.objects.get(email=CALLERS["applicant"])
        services.application_add_document(
            actor=applicant,
            application=applicant.membership_applications.get(),
            upload=SimpleUploadedFile("registration.pdf", PDF, content_type="application/pdf"),
        )
        tokens = {}
        for caller, email in CALLERS.items():
            if email is not None:
                _token, raw = api_token_create(actor=User.objects.get(email=email), name="fuzz")
                tokens[caller] = raw
        KNOWN.update(
            application_id=sorted(MembershipApplication.objects.values_list("pk", flat=True)),
            document_id=sorted(ApplicationDocument.objects.values_list("pk", flat=True)),
            token_id=sorted(ApiToken.objects.values_list("pk", flat=True)),
            consultation_id=sorted(Consultation.objects.values_list("pk", flat=True)),
            event_id=sorted(Event.objects.values_list("pk", flat=True)),
            slug=sorted(Organization.objects.values_list("slug", flat=True)),
            country=sorted(Country.objects.values_list("code", flat=True)),
            area=sorted(KeyArea.objects.values_list("slug", flat=True)),
        )
        yield tokens
        transaction.set_rollback(True)
        KNOWN.clear()


@schema.hook
def map_path_parameters(context, path_parameters):
    """Path parameters name real rows three times in four (picked by a hash of the generated
    value: Hypothesis would favour the first of any choice), so that the operations get past
    "not found" and act on applications at every step; a value made invalid on purpose stays."""
    for name, value in (path_parameters or {}).items():
        rows = KNOWN.get(name)
        valid = isinstance(value, str if name == "slug" else int) and not isinstance(value, bool)
        # An id below 1 or above 2**31 - 1 may be out of its schema's range on purpose: left as it is.
        valid = valid and (name == "slug" or 1 <= value <= 2**31 - 1)
        if not (rows and valid):
            continue
        pick = zlib.crc32(str(value).encode("utf-8", "surrogatepass"))
        if pick % 4:
            path_parameters[name] = rows[(pick // 4) % len(rows)]
    return path_parameters


def _valid_values(body: dict) -> dict:
    """Strategies for the fields of an application that the schema cannot say are valid: real
    country codes, key areas and languages, a name in the original language, a good address."""
    text = st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=60)
    language = st.sampled_from(LANGUAGE_CODES)
    countries = st.lists(st.sampled_from(KNOWN["country"]), max_size=4, unique=True)
    fixes = {
        "country": st.sampled_from(KNOWN["country"]),
        "description_language": language,
        "working_languages": st.lists(language, max_size=3, unique=True),
        "areas": st.lists(st.sampled_from(KNOWN["area"]), max_size=3, unique=True),
        "countries_of_activity": countries,
        "website": st.sampled_from(["", "https://example.org/", "http://例子.中国"]),
        "contact": st.fixed_dictionaries(
            {"name": text, "email": st.emails(), "phone": st.just(""), "public": st.booleans()}
        ),
        "organization": st.sampled_from(KNOWN["slug"]),  # an endorsement names a member
    }
    strategies = {name: fixes[name] for name in fixes if name in body}
    if "names" in body or "original_language" in body:
        strategies["original_language"] = language
        strategies["name"] = text.map(lambda name: f"Org {name}")
    return strategies


def _repaired(case, values):
    name = values.pop("name", None)
    case.body.update(values)
    if name is not None:
        case.body["names"] = {**(case.body.get("names") or {}), values["original_language"]: name}
    return case


@schema.hook
def flatmap_case(context, case):
    """Most valid requests with a JSON body get real codes and names where the schema only
    says "a string", so that writes get past the services' checks to the success path."""
    positive = case.meta is not None and case.meta.generation.mode == GenerationMode.POSITIVE
    if not (positive and isinstance(case.body, dict) and KNOWN):
        return st.just(case)
    strategies = _valid_values(case.body)
    if not strategies:
        return st.just(case)
    repair = st.fixed_dictionaries(strategies).map(lambda values: _repaired(case, values))
    return st.one_of(repair, st.just(case))


LOCATIONS = {"body", "query", "path", "header", "cookie", "form", "file"}


def error_answers_are_json_detail(ctx, response, case):
    """DESIGN.md §4: errors are JSON `{"detail": ...}`; a validation error names the field."""
    if response.status_code < 400:
        return None
    content_type = response.headers.get("content-type", [""])[0]
    said = f"{response.status_code} {response.text[:300]!r}"
    assert content_type.startswith("application/json"), f"not JSON: {said}"
    body = response.json()
    assert isinstance(body, dict), f"not an object: {said}"
    assert set(body) == {"detail"}, f"not {{'detail': ...}}: {said}"
    if response.status_code in (400, 422):
        errors = body["detail"]
        assert isinstance(errors, list), f"names no field: {said}"
        assert errors, f"names no field: {said}"
        for error in errors:
            assert error.get("msg"), f"says nothing: {said}"
            loc = error.get("loc")
            assert isinstance(loc, list), f"names no field: {said}"
            assert loc, f"names no field: {said}"
            assert loc[0] in LOCATIONS, f"a loc that is not a place in the request: {said}"
            # A parameter is always named. ["body"] alone is the body as a whole: it cannot be
            # read, or a rule holds between its fields ("not open for a vote").
            if loc[0] != "body":
                assert len(loc) >= 2, f"names no parameter: {said}"
    return None


CHECKS = [
    not_a_server_error,
    error_answers_are_json_detail,
    response_schema_conformance,
    content_type_conformance,
    negative_data_rejection,
    ignored_auth,
]


@pytest.mark.parametrize("caller", list(CALLERS))
@schema.parametrize()
def test_the_api_holds_to_its_contract(case, caller, demo_network):
    # Uncompressed answers: the in-process client does not inflate gzip as a browser would.
    headers = {"Accept-Encoding": "identity"}
    if caller in demo_network:
        headers["Authorization"] = f"Bearer {demo_network[caller]}"

    case.call_and_validate(headers=headers, checks=CHECKS)
