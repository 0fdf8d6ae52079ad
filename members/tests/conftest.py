"""Standard actors and a ready application for the membership tests."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.services import network_role_grant
from core.multilingual import MultilingualText
from governance.models import Body, DocumentVersion, NetworkDocument
from members import services
from members.models import Organization, OrganizationStaff

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf_upload(name="registration.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture
def constitution(db):
    document = NetworkDocument.objects.create(
        slug="constitution",
        kind=NetworkDocument.Kind.CONSTITUTION,
        title=MultilingualText.create("Constitution", "en"),
    )
    return DocumentVersion.objects.create(
        document=document,
        number=1,
        body=MultilingualText.create("Article 1. Openness, inclusiveness, equality.", "en"),
        adopted_on=date(2017, 11, 22),
    )


@pytest.fixture
def committee_body(db):
    return Body.objects.create(
        slug="steering-committee", kind=Body.Kind.STEERING_COMMITTEE, seats=4
    )


@pytest.fixture
def secretariat_user(make_user):
    user = make_user("sec@example.org", full_name="Sara Secretariat")
    network_role_grant(actor=None, user=user, role="secretariat")
    return user


@pytest.fixture
def committee_members(make_user, committee_body):
    people = []
    for number in range(4):
        user = make_user(f"committee{number}@example.org")
        network_role_grant(actor=None, user=user, role="committee")
        people.append(user)
    return people


@pytest.fixture
def member_org(make_user):
    """An existing member organisation with its own admin (the 'org B' of the matrix)."""
    admin = make_user("admin-b@example.org")
    organization = Organization.objects.create(
        slug="org-b",
        name=MultilingualText.create("Organisation B", "en"),
        country_id="KZ",
        status=Organization.Status.MEMBER,
    )
    OrganizationStaff.objects.create(organization=organization, user=admin, role="admin")
    return organization


def complete_draft(
    applicant, *, names=None, language="zh-hans", country="CN", registration="REG-1"
):
    application = services.application_create(
        actor=applicant,
        names=names
        or {"zh-hans": "丝路乡村发展协会", "en": "Silk Road Rural Development Association"},
        original_language=language,
        country=country,
        kind="association",
        registration_number=registration,
    )
    services.application_update(
        actor=applicant,
        application=application,
        areas=["poverty-relief", "education"],
        countries_of_activity=["CN", "KZ"],
        working_languages=["zh-hans", "en"],
        description="We run village schools.",
        contact={"name": "Li Wei", "email": "li@example.org", "phone": "", "public": False},
    )
    services.application_add_document(actor=applicant, application=application, upload=pdf_upload())
    return application


@pytest.fixture
def submitted(alice, constitution):
    application = complete_draft(alice)
    return services.application_submit(
        actor=alice, application=application, accept_constitution=True
    )
