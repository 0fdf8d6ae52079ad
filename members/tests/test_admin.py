"""The back office does every step of the workflow through the same services as the pages."""

import csv
import io

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.services import network_role_grant
from core.models import AuditLogEntry
from members import services
from members.models import IdentityChange, MembershipApplication, Organization, StatusChange
from members.tests.conftest import complete_draft

Status = MembershipApplication.Status
APPLICATIONS = reverse("admin:members_membershipapplication_changelist")
ORGANIZATIONS = reverse("admin:members_organization_changelist")
IDENTITY_CHANGES = reverse("admin:members_identitychange_changelist")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def back_office(client, secretariat_user):
    """The Secretariat signed in to the back office, with two-factor turned on."""
    TOTP.activate(secretariat_user, generate_totp_secret())
    client.force_login(secretariat_user)
    return client


def fresh(row):
    return type(row).objects.get(pk=row.pk)


def run_action(client, changelist, action, rows, **data):
    return client.post(
        changelist, {"action": action, ACTION_CHECKBOX_NAME: [row.pk for row in rows], **data}
    )


def test_back_office_lives_at_the_admin_path():
    assert APPLICATIONS.startswith(f"/{settings.ADMIN_PATH}/")


@pytest.mark.django_db
def test_secretariat_forwards_from_the_admin_after_confirming(
    back_office, submitted, secretariat_user
):
    confirm = run_action(back_office, APPLICATIONS, "forward", [submitted])

    assert confirm.status_code == 200
    assert "Forward to the Steering Committee" in confirm.content.decode()
    assert "Silk Road Rural Development Association" in confirm.content.decode()
    assert fresh(submitted).status == Status.SUBMITTED

    done = run_action(back_office, APPLICATIONS, "forward", [submitted], confirm="yes")

    assert done.status_code == 302
    application = fresh(submitted)
    assert application.status == Status.FORWARDED
    assert application.forwarded_at is not None
    entry = AuditLogEntry.objects.get(action="application.forward")
    assert (entry.actor, entry.target_id) == (secretariat_user, str(submitted.pk))


@pytest.mark.django_db
def test_rejecting_from_the_admin_needs_a_reason(back_office, submitted):
    missing = run_action(back_office, APPLICATIONS, "reject", [submitted], confirm="yes", text="")

    assert missing.status_code == 200
    assert missing.context["form"].errors == {"text": ["This field is required."]}
    assert fresh(submitted).status == Status.SUBMITTED

    run_action(back_office, APPLICATIONS, "reject", [submitted], confirm="yes", text="Not an NGO.")

    application = fresh(submitted)
    assert application.status == Status.REJECTED
    assert application.decision_reason == "Not an NGO."


@pytest.mark.django_db
def test_returning_from_the_admin_asks_the_applicant(
    back_office, submitted, django_capture_on_commit_callbacks
):
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        run_action(
            back_office,
            APPLICATIONS,
            "return_with_question",
            [submitted],
            confirm="yes",
            text="Send your statutes, please.",
        )

    assert fresh(submitted).status == Status.RETURNED
    assert fresh(submitted).messages.get().text == "Send your statutes, please."
    assert [m.to for m in mail.outbox if "Send your statutes" in m.body] == [["alice@example.org"]]


@pytest.mark.django_db
def test_an_application_in_the_wrong_state_is_reported_and_left_alone(back_office, alice):
    draft = complete_draft(alice)

    response = run_action(back_office, APPLICATIONS, "forward", [draft], confirm="yes")

    assert response.status_code == 302
    assert fresh(draft).status == Status.DRAFT
    shown = [str(m) for m in back_office.get(response["Location"]).context["messages"]]
    assert shown == [f"{draft}: Only an application under review can be forwarded."]


@pytest.mark.django_db
def test_back_office_without_two_factor_or_staff_role_changes_nothing(
    client, submitted, secretariat_user, make_user
):
    client.force_login(secretariat_user)  # no TOTP
    response = run_action(client, APPLICATIONS, "forward", [submitted], confirm="yes")
    assert response.status_code == 302
    assert "/accounts/2fa/totp/activate/" in client.get(response["Location"])["Location"]

    committee = make_user("committee@example.org")
    network_role_grant(actor=None, user=committee, role="committee")
    TOTP.activate(committee, generate_totp_secret())
    client.force_login(committee)
    assert (
        run_action(client, APPLICATIONS, "forward", [submitted], confirm="yes").status_code == 302
    )

    assert fresh(submitted).status == Status.SUBMITTED
    assert not AuditLogEntry.objects.filter(action="application.forward").exists()


@pytest.mark.django_db
def test_application_page_shows_documents_messages_and_votes_read_only(
    back_office, submitted, secretariat_user, make_user
):
    services.application_forward(actor=secretariat_user, application=submitted)
    voter = make_user("c1@example.org")
    network_role_grant(actor=None, user=voter, role="committee")
    network_role_grant(actor=None, user=make_user("c2@example.org"), role="committee")
    network_role_grant(actor=None, user=make_user("c3@example.org"), role="committee")
    services.application_vote(actor=voter, application=submitted, choice="abstain")

    response = back_office.get(
        reverse("admin:members_membershipapplication_change", args=[submitted.pk])
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "registration.pdf" in page
    assert reverse("members:document", args=[submitted.pk, submitted.documents.get().pk]) in page
    assert "c1@example.org" in page
    assert "Abstain" in page
    assert reverse("members:review", args=[submitted.pk]) in page
    assert 'type="file"' not in page
    assert "<textarea" not in page
    assert 'name="_save"' not in page


@pytest.mark.django_db
def test_search_by_registration_number_and_filter_by_status(back_office, submitted, make_user):
    other = complete_draft(
        make_user("bo@example.org"), names={"en": "Other"}, language="en", registration="XY-9"
    )

    found = back_office.get(APPLICATIONS, {"q": "reg-1"})
    drafts = back_office.get(APPLICATIONS, {"status__exact": "draft"})

    assert list(found.context["cl"].result_list) == [submitted]
    assert list(drafts.context["cl"].result_list) == [other]


@pytest.mark.django_db
def test_suspend_from_the_admin_is_kept_in_the_history(back_office, member_org, secretariat_user):
    run_action(
        back_office, ORGANIZATIONS, "suspend", [member_org], confirm="yes", text="Unpaid dues."
    )

    organization = fresh(member_org)
    assert organization.status == Organization.Status.SUSPENDED
    change = StatusChange.objects.get(organization=member_org)
    assert (change.from_status, change.to_status, change.actor, change.reason) == (
        "member",
        "suspended",
        secretariat_user,
        "Unpaid dues.",
    )
    page = back_office.get(
        reverse("admin:members_organization_change", args=[member_org.pk])
    ).content.decode()
    assert "Unpaid dues." in page
    assert 'name="status"' not in page  # the status changes only through the actions


@pytest.mark.django_db
def test_export_selected_as_csv(back_office, member_org, submitted):
    response = run_action(
        back_office, ORGANIZATIONS, "export_csv", [member_org, submitted.organization]
    )

    assert response["Content-Disposition"] == (
        f'attachment; filename="sironet-members-{timezone.localdate().isoformat()}.csv"'
    )
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [(row["slug"], row["name"], row["status"]) for row in rows] == [
        ("org-b", "Organisation B", "member"),
        (submitted.organization.slug, "丝路乡村发展协会", "applicant"),
    ]
    assert rows[1]["contact_email"] == ""  # the contact did not agree to be shown


@pytest.mark.django_db
def test_identity_changes_accepted_and_refused_from_the_admin(back_office, member_org):
    admin = member_org.staff.get().user
    _org, rename = services.organization_update_profile(
        actor=admin,
        organization=member_org,
        names={"en": "Organisation Bee"},
        original_language="en",
    )
    run_action(back_office, IDENTITY_CHANGES, "accept", [rename], confirm="yes", text="")
    _org, renumber = services.organization_update_profile(
        actor=admin, organization=fresh(member_org), registration_number="KZ-2"
    )

    missing = run_action(
        back_office, IDENTITY_CHANGES, "refuse", [renumber], confirm="yes", text=""
    )
    run_action(back_office, IDENTITY_CHANGES, "refuse", [renumber], confirm="yes", text="No proof.")

    assert missing.context["form"].errors == {"text": ["This field is required."]}
    organization = fresh(member_org)
    assert organization.name.original_text == "Organisation Bee"
    assert organization.registration_number == ""
    assert fresh(rename).status == IdentityChange.Status.ACCEPTED
    assert (fresh(renumber).status, fresh(renumber).reason) == ("refused", "No proof.")


def _change_form_data(response) -> dict:
    """What the browser would post back from an admin change page, unchanged."""
    data = {}

    def add(form):
        for name in form.fields:
            value = form[name].value()
            if value is None:
                continue
            data[form[name].html_name] = (
                [str(v) for v in value] if isinstance(value, list) else value
            )

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        add(formset.management_form)
        for form in formset.forms:
            add(form)
    return {key: value for key, value in data.items() if value != ""}


@pytest.mark.django_db
def test_editing_an_organisation_in_the_admin_keeps_its_names(back_office, make_user):
    application = complete_draft(
        make_user("ar@example.org"),
        names={"ar": "جمعية طريق الحرير", "zh-hans": "丝路协会"},
        language="ar",
        country="EG",
    )
    path = reverse("admin:members_organization_change", args=[application.organization_id])
    page = back_office.get(path)
    assert "جمعية طريق الحرير" in page.content.decode()

    data = _change_form_data(page)
    data["city"] = "Cairo"
    response = back_office.post(path, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    organization = Organization.objects.get(pk=application.organization_id)
    assert organization.city == "Cairo"
    assert organization.name.text == {"ar": "جمعية طريق الحرير", "zh-hans": "丝路协会"}
    assert organization.name.original == "ar"
    assert organization.status == Organization.Status.APPLICANT
