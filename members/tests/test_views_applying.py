"""The applicant's pages, driven through the Django test client as a person uses them."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.multilingual import MultilingualText
from core.tests.test_html import assert_valid
from governance.models import DocumentVersion, NetworkDocument
from members import services
from members.models import (
    ApplicationDocument,
    ApplicationMessage,
    MembershipApplication,
    Organization,
)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
CHINESE = "丝路乡村发展协会"
ARABIC = "جمعية طريق الحرير للتنمية"

IDENTITY = {
    "name": CHINESE,
    "name_language": "zh-hans",
    "name_en": "Silk Road Rural Development Association",
    "name_ar": ARABIC,
    "kind": "association",
    "country": "CN",
    "city": "Xi'an",
    "founded_year": "2009",
    "registration_number": "REG-2009-17",
    "registering_authority": "Ministry of Civil Affairs",
    "website": "https://silkroad-rural.example.org",
    "action": "next",
}
ACTIVITY = {
    "areas": ["poverty-relief", "education"],
    "countries_of_activity": ["CN", "KZ"],
    "working_languages": ["zh-hans", "en"],
    "other_languages": "ug, kk",
    "staff_count": "12",
    "volunteer_count": "140",
    "description": "We run **village schools** along the route.",
    "description_language": "en",
    "action": "next",
}
CONTACT = {
    "contact_name": "Li Wei",
    "contact_email": "li.wei@example.org",
    "contact_phone": "+86 29 1234 5678",
    "contact_public": "on",
    "action": "next",
}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def constitution(db):
    document = NetworkDocument.objects.create(
        slug="constitution",
        kind=NetworkDocument.Kind.CONSTITUTION,
        title=MultilingualText.create("Constitution of the Network", "en"),
    )
    return DocumentVersion.objects.create(
        document=document,
        number=1,
        body=MultilingualText.create(
            "## Article 1\n\nMembers cooperate on **openness, inclusiveness and equality**.", "en"
        ),
        adopted_on=date(2017, 11, 22),
    )


def pdf(name="registration.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def start(client, data=None, language="en"):
    """Step 1 through the page; returns the response and the new application (if any)."""
    response = client.post(f"/{language}/members/apply/", data or IDENTITY)
    return response, MembershipApplication.objects.order_by("-pk").first()


def step_url(application, step, language="en"):
    return f"/{language}/members/applications/{application.pk}/step/{step}/"


def status_url(application, language="en"):
    return f"/{language}/members/applications/{application.pk}/"


def fill_all_steps(client, application):
    assert client.post(step_url(application, "activity"), ACTIVITY).status_code == 302
    assert client.post(step_url(application, "contact"), CONTACT).status_code == 302
    response = client.post(
        step_url(application, "documents"), {"file": pdf(), "description": "Certificate"}
    )
    assert response.status_code == 302


def returned_application(client, alice, secretariat_user, constitution):
    client.force_login(alice)
    _response, application = start(client)
    fill_all_steps(client, application)
    client.post(f"/en/members/applications/{application.pk}/submit/", {"accept_constitution": "on"})
    return services.application_return(
        actor=secretariat_user,
        application=application,
        question="Please send your statutes.",
    )


# --- the whole path --------------------------------------------------------------------------


@pytest.mark.django_db
def test_applicant_fills_every_step_uploads_a_pdf_and_submits(client, alice, constitution):
    client.force_login(alice)
    assert client.get("/en/members/apply/").status_code == 200

    response, application = start(client)
    assert response.status_code == 302
    assert response["Location"] == step_url(application, "activity")
    assert application.applicant == alice
    assert application.status == MembershipApplication.Status.DRAFT

    assert client.post(step_url(application, "activity"), ACTIVITY)["Location"] == step_url(
        application, "contact"
    )
    assert client.post(step_url(application, "contact"), CONTACT)["Location"] == step_url(
        application, "documents"
    )
    response = client.post(
        step_url(application, "documents"), {"file": pdf(), "description": "Certificate"}
    )
    assert response["Location"] == step_url(application, "documents")
    page = client.get(step_url(application, "documents")).content.decode()
    assert "registration.pdf" in page

    response = client.post(
        f"/en/members/applications/{application.pk}/submit/", {"accept_constitution": "on"}
    )
    assert response.status_code == 302
    assert response["Location"] == status_url(application)

    application.refresh_from_db()
    organization = Organization.objects.get(pk=application.organization_id)
    assert application.status == MembershipApplication.Status.SUBMITTED
    assert application.constitution_version == constitution
    assert organization.registration_number == "REG-2009-17"
    assert organization.registering_authority == "Ministry of Civil Affairs"
    assert organization.founded_year == 2009
    assert organization.city == "Xi'an"
    assert organization.website == "https://silkroad-rural.example.org"
    assert sorted(a.slug for a in organization.areas.all()) == ["education", "poverty-relief"]
    assert sorted(c.code for c in organization.countries_of_activity.all()) == ["CN", "KZ"]
    assert organization.working_languages == ["en", "kk", "ug", "zh-hans"]
    assert (organization.staff_count, organization.volunteer_count) == (12, 140)
    assert organization.description.original == "en"
    assert organization.description.original_text == ACTIVITY["description"]
    assert (organization.contact.name, organization.contact.public) == ("Li Wei", True)
    document = application.documents.get()
    assert (document.original_name, document.content_type, document.size) == (
        "registration.pdf",
        "application/pdf",
        len(PDF),
    )

    status_page = client.get(status_url(application)).content.decode()
    assert "Under review by the Secretariat" in status_page
    assert 'aria-current="step"' in status_page


@pytest.mark.django_db
def test_chinese_and_arabic_names_round_trip_unchanged(client, alice):
    client.force_login(alice)

    _response, application = start(client)

    name = Organization.objects.get(pk=application.organization_id).name
    assert name.original == "zh-hans"
    assert name.text == {
        "zh-hans": CHINESE,
        "en": "Silk Road Rural Development Association",
        "ar": ARABIC,
    }
    form = client.get(step_url(application, "identity")).context["form"]
    assert form["name"].value() == CHINESE
    assert form["name_ar"].value() == ARABIC
    page = client.get(step_url(application, "submit")).content.decode()
    assert CHINESE in page
    assert ARABIC in page


@pytest.mark.django_db
def test_an_arabic_original_name_is_kept_in_its_script(client, alice):
    client.force_login(alice)

    start(client, {**IDENTITY, "name": ARABIC, "name_language": "ar", "name_ar": ""}, "ar")

    name = Organization.objects.get().name
    assert (name.original, name.original_text) == ("ar", ARABIC)


@pytest.mark.django_db
def test_save_draft_stays_on_the_step_and_keeps_the_data(client, alice):
    client.force_login(alice)
    _response, application = start(client)

    response = client.post(
        step_url(application, "activity"), {**ACTIVITY, "action": "draft", "staff_count": "3"}
    )

    assert response["Location"] == step_url(application, "activity")
    assert Organization.objects.get().staff_count == 3
    assert client.get(step_url(application, "activity")).context["form"]["staff_count"].value() == 3


@pytest.mark.django_db
def test_a_person_with_an_open_application_is_taken_to_it(client, alice):
    client.force_login(alice)
    _response, application = start(client)

    response = client.get("/en/members/apply/")

    assert response.status_code == 302
    assert response["Location"] == status_url(application)
    assert MembershipApplication.objects.count() == 1


@pytest.mark.django_db
def test_step_one_errors_are_shown_next_to_the_field_and_nothing_is_created(client, alice):
    client.force_login(alice)

    response = client.post("/en/members/apply/", {**IDENTITY, "name": "", "country": "XX"})

    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"name", "country"}
    assert MembershipApplication.objects.count() == 0


# --- documents -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_file_that_is_not_a_pdf_is_refused_whatever_its_name(client, alice):
    client.force_login(alice)
    _response, application = start(client)

    response = client.post(
        step_url(application, "documents"),
        {"file": pdf("x.pdf", b"MZ\x90\x00\x03\x00\x00\x00 not a pdf"), "description": ""},
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {"file": ["Upload a PDF, PNG or JPEG file."]}
    assert ApplicationDocument.objects.count() == 0


@pytest.mark.django_db
def test_an_oversized_file_is_refused(client, alice, settings):
    settings.MEMBERSHIP_DOCUMENT_MAX_BYTES = 20
    client.force_login(alice)
    _response, application = start(client)

    response = client.post(
        step_url(application, "documents"), {"file": pdf(content=PDF + b"x" * 40)}
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["file"]
    assert "too large" in response.context["form"].errors["file"][0]
    assert ApplicationDocument.objects.count() == 0


@pytest.mark.django_db
def test_a_document_can_be_downloaded_by_the_applicant_and_removed(client, alice, bob):
    client.force_login(alice)
    _response, application = start(client)
    client.post(step_url(application, "documents"), {"file": pdf()})
    document = ApplicationDocument.objects.get()
    url = f"/en/members/applications/{application.pk}/documents/{document.pk}/"

    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="registration.pdf"'

    client.force_login(bob)
    assert client.get(url).status_code == 404
    assert client.post(f"{url}remove/").status_code == 404
    assert ApplicationDocument.objects.count() == 1

    client.force_login(alice)
    response = client.post(f"{url}remove/")
    assert response["Location"] == step_url(application, "documents")
    assert ApplicationDocument.objects.count() == 0


@pytest.mark.django_db
def test_the_secretariat_may_download_a_document(client, alice, secretariat_user):
    client.force_login(alice)
    _response, application = start(client)
    client.post(step_url(application, "documents"), {"file": pdf()})
    document = ApplicationDocument.objects.get()

    client.force_login(secretariat_user)
    response = client.get(f"/en/members/applications/{application.pk}/documents/{document.pk}/")

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF


# --- submitting ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_submit_page_shows_the_constitution_and_what_is_missing(client, alice, constitution):
    client.force_login(alice)
    _response, application = start(client)

    page = client.get(step_url(application, "submit")).content.decode()

    assert "Constitution of the Network" in page
    assert "<strong>openness, inclusiveness and equality</strong>" in page
    assert "<h5>Article 1</h5>" in page  # headings sit below the h3 that names the text
    assert "a contact person" in page
    assert "at least one supporting document" in page
    assert 'name="accept_constitution"' in page


@pytest.mark.django_db
def test_submitting_without_accepting_the_constitution_is_refused(client, alice, constitution):
    client.force_login(alice)
    _response, application = start(client)
    fill_all_steps(client, application)

    response = client.post(f"/en/members/applications/{application.pk}/submit/", {})

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "accept_constitution": ["Accept the Constitution to apply."]
    }
    application.refresh_from_db()
    assert application.status == MembershipApplication.Status.DRAFT
    assert application.constitution_accepted_at is None


@pytest.mark.django_db
def test_an_incomplete_draft_cannot_be_submitted(client, alice, constitution):
    client.force_login(alice)
    _response, application = start(client)

    response = client.post(
        f"/en/members/applications/{application.pk}/submit/", {"accept_constitution": "on"}
    )

    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    assert len(errors) == 1
    assert errors[0].startswith("The application still needs:")
    application.refresh_from_db()
    assert application.status == MembershipApplication.Status.DRAFT


@pytest.mark.django_db
def test_a_submitted_application_can_no_longer_be_edited(client, alice, constitution):
    client.force_login(alice)
    _response, application = start(client)
    fill_all_steps(client, application)
    client.post(f"/en/members/applications/{application.pk}/submit/", {"accept_constitution": "on"})

    response = client.post(step_url(application, "identity"), {**IDENTITY, "city": "Lanzhou"})

    assert response["Location"] == status_url(application)
    assert Organization.objects.get().city == "Xi'an"


# --- who may see what ------------------------------------------------------------------------


@pytest.mark.django_db
def test_another_person_gets_404_and_changes_nothing(client, alice, bob):
    client.force_login(alice)
    _response, application = start(client)
    client.force_login(bob)

    assert client.get(status_url(application)).status_code == 404
    for step in ("identity", "activity", "contact", "documents", "submit"):
        assert client.get(step_url(application, step)).status_code == 404
    assert (
        client.post(step_url(application, "identity"), {**IDENTITY, "name": "Hijacked"}).status_code
        == 404
    )
    assert client.post(step_url(application, "documents"), {"file": pdf()}).status_code == 404
    assert (
        client.post(
            f"/en/members/applications/{application.pk}/submit/", {"accept_constitution": "on"}
        ).status_code
        == 404
    )
    assert (
        client.post(f"/en/members/applications/{application.pk}/answer/", {"text": "x"}).status_code
        == 404
    )

    organization = Organization.objects.get()
    assert organization.name.original_text == CHINESE
    assert ApplicationDocument.objects.count() == 0
    application.refresh_from_db()
    assert application.status == MembershipApplication.Status.DRAFT


@pytest.mark.django_db
def test_a_missing_application_is_404(client, alice):
    client.force_login(alice)

    assert client.get("/en/members/applications/999/").status_code == 404


@pytest.mark.django_db
def test_the_secretariat_sees_the_status_page_but_cannot_edit_the_steps(
    client, alice, secretariat_user
):
    client.force_login(alice)
    _response, application = start(client)
    client.force_login(secretariat_user)

    assert client.get(status_url(application)).status_code == 200
    response = client.post(step_url(application, "identity"), {**IDENTITY, "city": "Lanzhou"})
    assert response.status_code == 403
    assert Organization.objects.get().city == "Xi'an"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/en/members/apply/",
        "/en/members/applications/1/",
        "/en/members/applications/1/step/identity/",
        "/en/members/applications/1/documents/1/",
        "/en/members/applications/1/endorse/",
    ],
)
def test_anonymous_visitors_are_sent_to_sign_in(client, path):
    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"] == f"/en/accounts/login/?next={path}"


# --- questions and answers -------------------------------------------------------------------


@pytest.mark.django_db
def test_a_returned_application_is_answered_and_goes_back_to_review(
    client, alice, secretariat_user, constitution
):
    application = returned_application(client, alice, secretariat_user, constitution)

    page = client.get(status_url(application)).content.decode()
    assert "Please send your statutes." in page
    assert 'id="answer"' in page
    # While returned, the steps can be corrected.
    response = client.post(step_url(application, "identity"), {**IDENTITY, "city": "Lanzhou"})
    assert response.status_code == 302
    assert Organization.objects.get().city == "Lanzhou"

    response = client.post(
        f"/en/members/applications/{application.pk}/answer/",
        {"text": "Our statutes are attached now."},
    )

    assert response["Location"] == status_url(application)
    application.refresh_from_db()
    assert application.status == MembershipApplication.Status.SUBMITTED
    assert list(application.messages.values_list("kind", "text")) == [
        (ApplicationMessage.Kind.QUESTION, "Please send your statutes."),
        (ApplicationMessage.Kind.ANSWER, "Our statutes are attached now."),
    ]
    assert "Our statutes are attached now." in client.get(status_url(application)).content.decode()


@pytest.mark.django_db
def test_an_empty_answer_is_refused(client, alice, secretariat_user, constitution):
    application = returned_application(client, alice, secretariat_user, constitution)

    response = client.post(f"/en/members/applications/{application.pk}/answer/", {"text": " "})

    assert response.status_code == 200
    assert list(response.context["answer_form"].errors) == ["text"]
    application.refresh_from_db()
    assert application.status == MembershipApplication.Status.RETURNED


@pytest.mark.django_db
def test_a_rejection_shows_the_decision_and_its_reason(
    client, alice, secretariat_user, constitution
):
    client.force_login(alice)
    _response, application = start(client)
    fill_all_steps(client, application)
    client.post(f"/en/members/applications/{application.pk}/submit/", {"accept_constitution": "on"})
    services.application_reject(
        actor=secretariat_user, application=application, reason="Not a non-profit body."
    )

    response = client.get(status_url(application))

    page = response.content.decode()
    assert "<strong>Rejected</strong>" in page
    assert "<p>Not a non-profit body.</p>" in page
    stages = [(stage.label, stage.state) for stage in response.context["timeline"]]
    assert stages == [
        ("Draft prepared", "done"),
        ("Submitted and reviewed by the Secretariat", "done"),
        ("Vote of the Steering Committee", "skipped"),
        ("Rejected", "current"),
    ]
    # A decided application is no longer editable, and a new one may be started.
    assert client.get(step_url(application, "identity"))["Location"] == status_url(application)
    assert client.get("/en/members/apply/").status_code == 200


# --- endorsement -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_with_endorsement_required_a_member_endorses_through_the_shared_link(
    client, alice, member_org, constitution, settings
):
    settings.MEMBERSHIP_ENDORSEMENT_REQUIRED = True
    client.force_login(alice)
    _response, application = start(client)
    fill_all_steps(client, application)
    client.post(f"/en/members/applications/{application.pk}/submit/", {"accept_constitution": "on"})
    application.refresh_from_db()
    assert application.status == MembershipApplication.Status.AWAITING_ENDORSEMENT
    endorse_path = f"/en/members/applications/{application.pk}/endorse/"
    assert (
        f"http://testserver{endorse_path}" in client.get(status_url(application)).content.decode()
    )

    # The applicant is not an admin of a member organisation.
    assert client.get(endorse_path).status_code == 403

    client.force_login(member_org.staff.get().user)
    page = client.get(endorse_path)
    assert page.status_code == 200
    assert CHINESE in page.content.decode()
    response = client.post(endorse_path, {"organization": str(member_org.pk)})

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == MembershipApplication.Status.SUBMITTED
    assert application.endorsed_by == member_org


# --- languages and markup --------------------------------------------------------------------


@pytest.mark.django_db
def test_arabic_pages_are_right_to_left_and_valid_html(client, alice, constitution):
    client.force_login(alice)
    assert 'dir="rtl"' in client.get("/ar/members/apply/").content.decode()
    _response, application = start(client, language="ar")
    fill_all_steps(client, application)

    for step in ("identity", "activity", "contact", "documents", "submit"):
        page = client.get(step_url(application, step, "ar")).content.decode()
        assert '<html lang="ar" dir="rtl">' in page
        assert_valid(page)
    page = client.get(status_url(application, "ar")).content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert_valid(page)


@pytest.mark.django_db
def test_every_page_of_the_path_is_valid_html(
    client, alice, secretariat_user, member_org, constitution, settings
):
    client.force_login(alice)
    assert_valid(client.get("/en/members/apply/").content.decode())
    assert_valid(client.post("/en/members/apply/", {"name": ""}).content.decode())
    application = returned_application(client, alice, secretariat_user, constitution)
    assert_valid(client.get(status_url(application)).content.decode())
    assert_valid(
        client.post(
            f"/en/members/applications/{application.pk}/answer/", {"text": ""}
        ).content.decode()
    )
    settings.MEMBERSHIP_ENDORSEMENT_REQUIRED = True
    client.force_login(member_org.staff.get().user)
    assert_valid(client.get(f"/en/members/applications/{application.pk}/endorse/").content.decode())


@pytest.mark.django_db
def test_save_draft_on_step_one_creates_the_draft_and_stays_on_the_step(client, alice):
    client.force_login(alice)

    response, application = start(client, {**IDENTITY, "action": "draft"})

    assert response["Location"] == step_url(application, "identity")
    assert application.status == MembershipApplication.Status.DRAFT
