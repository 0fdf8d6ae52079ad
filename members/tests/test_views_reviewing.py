"""The Secretariat's and the Steering Committee's pages, the status page and the CSV export."""

import csv
import io
from datetime import date

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from accounts.services import network_role_grant
from core import data_versions
from core.models import AuditLogEntry
from core.tests.test_html import assert_valid
from governance.models import Body
from members import services
from members.models import (
    ApplicationMessage,
    ApplicationVote,
    IdentityChange,
    MembershipApplication,
    Organization,
    OrganizationStaff,
    StatusChange,
)
from members.tests.conftest import complete_draft

Status = MembershipApplication.Status


@pytest.fixture(autouse=True)
def _media_and_language(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with translation.override("en"):  # reverse() gives /en/ paths whatever ran before
        yield


def fresh(row):
    return type(row).objects.get(pk=row.pk)


def submit(applicant, *, contact=None, **kwargs) -> MembershipApplication:
    application = complete_draft(applicant, **kwargs)
    if contact is not None:
        services.application_update(actor=applicant, application=application, contact=contact)
    return services.application_submit(
        actor=applicant, application=application, accept_constitution=True
    )


def make_member(applicant, secretariat, voter, **kwargs) -> Organization:
    """An organisation that went the whole way: submitted, forwarded, approved by the committee."""
    application = submit(applicant, **kwargs)
    services.application_forward(actor=secretariat, application=application)
    services.application_vote(actor=voter, application=application, choice="approve")
    organization = fresh(application.organization)
    assert organization.status == Organization.Status.MEMBER
    return organization


def login_url(path: str) -> str:
    return f"/en/accounts/login/?next={path}"


def snapshot() -> dict:
    """Everything the pages of this module can change."""
    return {
        "applications": sorted(MembershipApplication.objects.values_list("pk", "status")),
        "organizations": sorted(Organization.objects.values_list("pk", "status", "member_since")),
        "messages": ApplicationMessage.objects.count(),
        "votes": ApplicationVote.objects.count(),
        "status_changes": StatusChange.objects.count(),
        "identity_changes": sorted(IdentityChange.objects.values_list("pk", "status")),
        "audit": AuditLogEntry.objects.count(),
    }


# --- the role × action matrix -----------------------------------------------------------------


@pytest.fixture
def world(make_user, alice, constitution, secretariat_user):
    """Two committee members, a member organisation, a submitted and a forwarded application."""
    committee = make_user("committee@example.org")
    elder = make_user("elder@example.org")
    for person in (committee, elder):
        network_role_grant(actor=None, user=person, role="committee")
    site_admin = make_user("root@example.org")
    network_role_grant(actor=None, user=site_admin, role="site_admin")
    member_admin = make_user("member-admin@example.org")
    member = make_member(
        member_admin,
        secretariat_user,
        elder,
        names={"en": "Steppe Water Trust"},
        language="en",
        country="KZ",
        registration="KZ-9",
    )
    other_admin = make_user("other-admin@example.org")
    make_member(
        other_admin,
        secretariat_user,
        elder,
        names={"en": "Caspian Teachers Union"},
        language="en",
        country="AZ",
        registration="AZ-1",
    )
    submitted = submit(alice)
    forwarded = submit(
        make_user("carol@example.org"),
        names={"fr": "Route de la soie solidaire"},
        language="fr",
        country="FR",
        registration="FR-7",
    )
    services.application_forward(actor=secretariat_user, application=forwarded)
    return {
        "actors": {
            "anonymous": None,
            "plain user": make_user("plain@example.org"),
            "admin of another org": other_admin,
            "secretariat": secretariat_user,
            "committee": committee,
            "site admin": site_admin,
        },
        "member": member,
        "submitted": submitted,
        "forwarded": forwarded,
    }


def _request(client, world, action):
    submitted, forwarded, member = world["submitted"], world["forwarded"], world["member"]
    review = reverse("members:review", args=[submitted.pk])
    status = reverse("members:change_status", args=[member.slug])
    requests = {
        "view queue": ("get", reverse("members:review_queue"), None),
        "view review page": ("get", review, None),
        "forward": ("post", review, {"action": "forward"}),
        "return": (
            "post",
            review,
            {"action": "return", "question": "Which year were you founded?"},
        ),
        "reject": ("post", review, {"action": "reject", "reason": "Not an NGO."}),
        "view committee queue": ("get", reverse("members:committee_queue"), None),
        "vote": ("post", reverse("members:vote", args=[forwarded.pk]), {"choice": "approve"}),
        "suspend": ("post", status, {"to_status": "suspended", "reason": "Unpaid dues."}),
        "withdraw": ("post", status, {"to_status": "withdrawn", "reason": "We close down."}),
        "export CSV": ("get", reverse("members:export"), None),
    }
    method, path, data = requests[action]
    return path, getattr(client, method)(path, data) if data else getattr(client, method)(path)


BACK_OFFICE = {"secretariat", "site admin"}
ALLOWED = {
    "view queue": BACK_OFFICE,
    "view review page": BACK_OFFICE,
    "forward": BACK_OFFICE,
    "return": BACK_OFFICE,
    "reject": BACK_OFFICE,
    "view committee queue": {"committee"},
    "vote": {"committee"},
    "suspend": BACK_OFFICE,
    "withdraw": BACK_OFFICE,
    "export CSV": BACK_OFFICE,
}
WRITES = {"forward", "return", "reject", "vote", "suspend", "withdraw"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "actor_name",
    ["anonymous", "plain user", "admin of another org", "secretariat", "committee", "site admin"],
)
@pytest.mark.parametrize("action", list(ALLOWED))
def test_only_the_right_role_sees_and_acts(client, world, actor_name, action):
    actor = world["actors"][actor_name]
    if actor is not None:
        client.force_login(actor)
    before = snapshot()

    path, response = _request(client, world, action)

    if actor is None:
        assert response.status_code == 302
        assert response["Location"] == login_url(path)
        assert snapshot() == before
    elif actor_name not in ALLOWED[action]:
        assert response.status_code == 403
        assert snapshot() == before
    elif action in WRITES:
        assert response.status_code == 302
        assert snapshot() != before
    else:
        assert response.status_code == 200


@pytest.mark.django_db
def test_each_write_does_what_it_says(client, world):
    client.force_login(world["actors"]["secretariat"])
    _request(client, world, "return")
    assert fresh(world["submitted"]).status == Status.RETURNED
    assert fresh(world["submitted"]).messages.get().text == "Which year were you founded?"

    _request(client, world, "suspend")
    assert fresh(world["member"]).status == Organization.Status.SUSPENDED
    change = fresh(world["member"]).status_history.first()
    assert (change.from_status, change.to_status, change.reason) == (
        "member",
        "suspended",
        "Unpaid dues.",
    )


@pytest.mark.django_db
def test_the_organisation_admin_may_withdraw_but_not_suspend(client, world):
    member = world["member"]
    admin = OrganizationStaff.objects.get(organization=member, role="admin").user
    client.force_login(admin)
    path = reverse("members:change_status", args=[member.slug])

    page = client.get(path).content.decode()
    assert 'value="withdrawn"' in page
    assert 'value="suspended"' not in page
    before = snapshot()
    assert client.post(path, {"to_status": "suspended", "reason": "x"}).status_code == 403
    assert snapshot() == before

    response = client.post(path, {"to_status": "withdrawn", "reason": "We close down."})

    assert response.status_code == 302
    assert fresh(member).status == Organization.Status.WITHDRAWN
    assert "We close down." in client.get(path).content.decode()


@pytest.mark.django_db
def test_status_change_needs_a_reason_shown_on_the_field(client, world):
    client.force_login(world["actors"]["secretariat"])
    path = reverse("members:change_status", args=[world["member"].slug])
    before = snapshot()

    response = client.post(path, {"to_status": "suspended", "reason": "  "})

    assert response.status_code == 200
    assert response.context["form"].errors == {"reason": ["This field is required."]}
    assert snapshot() == before


@pytest.mark.django_db
def test_a_suspended_member_can_be_reinstated_not_suspended_again(client, world):
    client.force_login(world["actors"]["secretariat"])
    path = reverse("members:change_status", args=[world["member"].slug])
    client.post(path, {"to_status": "suspended", "reason": "Unpaid dues."})

    page = client.get(path).content.decode()
    assert 'value="member"' in page
    assert 'value="suspended"' not in page
    response = client.post(path, {"to_status": "member", "reason": "Dues paid."})

    assert response.status_code == 302
    assert fresh(world["member"]).status == Organization.Status.MEMBER
    assert [c.to_status for c in fresh(world["member"]).status_history.all()] == [
        "member",
        "suspended",
        "member",
    ]


# --- the review page --------------------------------------------------------------------------


@pytest.mark.django_db
def test_review_page_shows_the_whole_application(client, submitted, secretariat_user):
    client.force_login(secretariat_user)

    response = client.get(reverse("members:review", args=[submitted.pk]))

    page = response.content.decode()
    assert_valid(page)
    for text in (
        "丝路乡村发展协会",
        "Silk Road Rural Development Association",
        "REG-1",
        "Li Wei",
        "li@example.org",
        "registration.pdf",
        reverse("members:document", args=[submitted.pk, submitted.documents.get().pk]),
        "Constitution, version 1",
        "Forward to the Steering Committee",
        "Return with a question",
        "Reject",
    ):
        assert text in page, text


@pytest.mark.django_db
def test_return_with_a_question_emails_the_applicant(
    client, submitted, secretariat_user, django_capture_on_commit_callbacks
):
    client.force_login(secretariat_user)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("members:review", args=[submitted.pk]),
            {"action": "return", "question": "Please add your statutes."},
        )

    assert response.status_code == 302
    assert response["Location"] == reverse("members:review", args=[submitted.pk])
    assert fresh(submitted).status == Status.RETURNED
    to_applicant = [m for m in mail.outbox if m.to == ["alice@example.org"]]
    assert len(to_applicant) == 1
    assert "Please add your statutes." in to_applicant[0].body
    page = client.get(response["Location"]).content.decode()
    assert "Please add your statutes." in page
    assert "Returned to the applicant with questions" in page


@pytest.mark.django_db
def test_return_without_a_question_shows_the_error_on_the_field(
    client, submitted, secretariat_user
):
    client.force_login(secretariat_user)
    before = snapshot()

    response = client.post(
        reverse("members:review", args=[submitted.pk]), {"action": "return", "question": ""}
    )

    assert response.status_code == 200
    assert response.context["return_form"].errors == {"question": ["This field is required."]}
    assert response.context["reject_form"].errors == {}
    assert_valid(response.content.decode())
    assert snapshot() == before


@pytest.mark.django_db
def test_forwarding_twice_shows_the_service_refusal(client, submitted, secretariat_user):
    client.force_login(secretariat_user)
    path = reverse("members:review", args=[submitted.pk])
    client.post(path, {"action": "forward"})
    before = snapshot()

    response = client.post(path, {"action": "forward"})

    assert response.status_code == 200
    assert response.context["forward_form"].non_field_errors() == [
        "Only an application under review can be forwarded."
    ]
    assert snapshot() == before


@pytest.mark.django_db
def test_reject_records_the_reason_and_tells_the_applicant(
    client, submitted, secretariat_user, django_capture_on_commit_callbacks
):
    client.force_login(secretariat_user)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("members:review", args=[submitted.pk]),
            {"action": "reject", "reason": "A commercial company."},
        )

    application = fresh(submitted)
    assert application.status == Status.REJECTED
    assert application.decision_reason == "A commercial company."
    assert fresh(application.organization).status == Organization.Status.APPLICANT
    assert AuditLogEntry.objects.filter(
        action="application.reject", actor=secretariat_user, target_id=str(submitted.pk)
    ).exists()
    assert any(
        m.to == ["alice@example.org"] and "A commercial company." in m.body for m in mail.outbox
    )


@pytest.mark.django_db
def test_unknown_application_is_404_for_the_secretariat(client, secretariat_user):
    client.force_login(secretariat_user)

    assert client.get(reverse("members:review", args=[999])).status_code == 404


# --- duplicates -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_duplicates_flagged_by_registration_number_and_similar_name(
    client, make_user, constitution, secretariat_user
):
    same_number = complete_draft(
        make_user("a@example.org"),
        names={"en": "Almaty Water Partnership"},
        language="en",
        country="KZ",
        registration="KZ-123",
    ).organization
    similar_name = complete_draft(
        make_user("b@example.org"),
        names={"en": "Silk Road Youth Foundation"},
        language="en",
        country="KZ",
        registration="KZ-555",
    ).organization
    complete_draft(
        make_user("c@example.org"),
        names={"en": "Silk Road Youth Foundation"},
        language="en",
        country="UZ",
        registration="UZ-1",
    )
    complete_draft(
        make_user("d@example.org"),
        names={"en": "Nomad Health Clinics"},
        language="en",
        country="KZ",
        registration="KZ-777",
    )
    application = submit(
        make_user("e@example.org"),
        names={"en": "Silk Road Youth Foundaton"},
        language="en",
        country="KZ",
        registration="kz-123",
    )
    client.force_login(secretariat_user)

    queue = client.get(reverse("members:review_queue"))
    page = client.get(reverse("members:review", args=[application.pk])).content.decode()

    assert [row["duplicates"] for _label, rows in queue.context["groups"] for row in rows] == [2]
    assert "2 possible duplicates" in queue.content.decode()
    box = page.split('id="duplicates-title"')[1].split("</section>")[0]
    assert reverse("members:profile", args=[same_number.slug]) in box
    assert reverse("members:profile", args=[similar_name.slug]) in box
    assert "same registration number (KZ-123)" in box
    assert "similar name in the same country" in box
    assert box.count("<li>") == 2


@pytest.mark.django_db
def test_no_duplicate_box_alarm_for_a_unique_application(client, submitted, secretariat_user):
    client.force_login(secretariat_user)

    page = client.get(reverse("members:review", args=[submitted.pk])).content.decode()

    assert "No organisation with the same registration number" in page


# --- the queue --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_queue_lists_by_status_with_country_applicant_and_date(
    client, submitted, secretariat_user, make_user
):
    returned = submit(
        make_user("dan@example.org", full_name="Dan Dosov"),
        names={"ru": "Шёлковый путь"},
        language="ru",
        country="KZ",
        registration="KZ-2",
    )
    services.application_return(actor=secretariat_user, application=returned, question="Why?")
    client.force_login(secretariat_user)

    response = client.get("/en/members/review/")

    page = response.content.decode()
    assert_valid(page)
    groups = [
        (str(label), [row["application"] for row in rows])
        for label, rows in response.context["groups"]
    ]
    assert groups == [  # what the Secretariat must act on comes first
        ("Under review by the Secretariat", [submitted]),
        ("Returned to the applicant with questions", [returned]),
    ]
    assert "Шёлковый путь" in page
    assert "Dan Dosov" in page
    assert "Kazakhstan" in page
    assert "China" in page
    assert timezone.localdate().strftime("%m/%d/%Y") in page


@pytest.mark.django_db
def test_queue_pages_by_fifty(client, submitted, secretariat_user, make_user, monkeypatch):
    from members.views import reviewing

    assert reviewing.PAGE_SIZE == 50
    monkeypatch.setattr(reviewing, "PAGE_SIZE", 1)
    later = submit(
        make_user("eve@example.org"), names={"en": "Later"}, language="en", registration="L"
    )
    client.force_login(secretariat_user)

    first = client.get(reverse("members:review_queue"))
    second = client.get(reverse("members:review_queue"), {"page": 2})

    assert [row["application"] for _l, rows in first.context["groups"] for row in rows] == [
        submitted
    ]
    assert [row["application"] for _l, rows in second.context["groups"] for row in rows] == [later]
    assert 'href="?page=2"' in first.content.decode()
    assert "Page 2 of 2" in second.content.decode()


@pytest.mark.django_db
def test_queue_links_to_pending_identity_changes(client, secretariat_user):
    owner = Organization.objects.create(
        slug="org-x", name={"original": "en", "text": {"en": "Org X"}}, country_id="KZ"
    )
    IdentityChange.objects.create(organization=owner, changes={"registration_number": "X-2"})
    client.force_login(secretariat_user)

    page = client.get(reverse("members:review_queue")).content.decode()

    assert "1 change to an organisation" in page
    assert reverse("members:identity_changes") in page


# --- the Steering Committee -------------------------------------------------------------------


@pytest.mark.django_db
def test_forward_then_two_committee_votes_make_a_member(
    client, submitted, secretariat_user, make_user
):
    Body.objects.create(kind="steering_committee", slug="steering-committee", seats=3)
    first, second = make_user("c1@example.org"), make_user("c2@example.org")
    for person in (first, second):
        network_role_grant(actor=None, user=person, role="committee")
    client.force_login(secretariat_user)
    client.post(reverse("members:review", args=[submitted.pk]), {"action": "forward"})
    vote_path = reverse("members:vote", args=[submitted.pk])

    client.force_login(first)
    queue = client.get(reverse("members:committee_queue"))
    assert [row["my_vote"] for row in queue.context["rows"]] == [None]
    assert "not voted yet" in queue.content.decode()
    assert client.post(vote_path, {"choice": "approve"}).status_code == 302
    page = client.get(vote_path)
    assert_valid(page.content.decode())
    assert page.context["tally"] == {
        "approve": 1,
        "reject": 0,
        "abstain": 0,
        "cast": 1,
        "seats": 3,
        "quorum": 2,
    }
    assert "You voted: <strong>Approve</strong>" in page.content.decode()
    assert fresh(submitted).status == Status.FORWARDED
    assert client.get(reverse("members:committee_queue")).context["rows"][0]["my_vote"].choice == (
        "approve"
    )

    client.force_login(second)
    client.post(vote_path, {"choice": "approve"})

    application = fresh(submitted)
    organization = fresh(application.organization)
    assert application.status == Status.APPROVED
    assert organization.status == Organization.Status.MEMBER
    assert organization.member_since == timezone.localdate()
    votes = AuditLogEntry.objects.filter(action="application.vote", target_id=str(submitted.pk))
    assert sorted((v.actor.email, v.data["choice"]) for v in votes) == [
        ("c1@example.org", "approve"),
        ("c2@example.org", "approve"),
    ]
    outcome = AuditLogEntry.objects.get(action="application.approve", target_id=str(submitted.pk))
    assert outcome.data["reason"] == ("Steering Committee vote: 2 for, 0 against, 0 abstaining.")
    page = client.get(vote_path).content.decode()
    assert "Approved: the organisation is a member of the network." in page
    assert "Steering Committee vote: 2 for, 0 against, 0 abstaining." in page


@pytest.mark.django_db
def test_a_second_vote_is_refused_on_the_page(client, submitted, secretariat_user, make_user):
    Body.objects.create(kind="steering_committee", slug="steering-committee", seats=3)
    member = make_user("c1@example.org")
    network_role_grant(actor=None, user=member, role="committee")
    services.application_forward(actor=secretariat_user, application=submitted)
    client.force_login(member)
    path = reverse("members:vote", args=[submitted.pk])
    client.post(path, {"choice": "abstain"})
    before = snapshot()

    response = client.post(path, {"choice": "reject"})

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "choice": ["You have already voted on this application."]
    }
    assert snapshot() == before
    assert ApplicationVote.objects.get(voter=member).choice == "abstain"


@pytest.mark.django_db
def test_committee_cannot_see_an_application_never_forwarded(client, submitted, make_user):
    member = make_user("c1@example.org")
    network_role_grant(actor=None, user=member, role="committee")
    client.force_login(member)

    assert client.get(reverse("members:vote", args=[submitted.pk])).status_code == 404
    assert client.get(reverse("members:committee_queue")).context["rows"] == []


@pytest.mark.django_db
def test_committee_queue_query_count_does_not_grow(
    client, constitution, secretariat_user, make_user
):
    member = make_user("c1@example.org")
    network_role_grant(actor=None, user=member, role="committee")
    client.force_login(member)

    def forward_one(number):
        application = submit(
            make_user(f"x{number}@example.org"),
            names={"en": f"Org {number}"},
            language="en",
            country="KZ",
            registration=f"R{number}",
        )
        services.application_forward(actor=secretariat_user, application=application)

    forward_one(0)
    data_versions.forget_kept()  # each request reads the reader's roles, as a new process
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("members:committee_queue"))
    for number in range(1, 4):
        forward_one(number)
    data_versions.forget_kept()
    with CaptureQueriesContext(connection) as four:
        response = client.get(reverse("members:committee_queue"))

    assert len(response.context["rows"]) == 4
    assert len(four) == len(one)


# --- changes to legal identity ----------------------------------------------------------------


@pytest.fixture
def identity_change(world):
    member = world["member"]
    admin = OrganizationStaff.objects.get(organization=member, role="admin").user
    _organization, change = services.organization_update_profile(
        actor=admin,
        organization=member,
        names={"en": "Steppe Water Trust", "ru": "Степной водный фонд"},
        original_language="en",
        registration_number="KZ-10",
    )
    return change


@pytest.mark.django_db
def test_identity_changes_show_old_and_new_values(client, world, identity_change):
    client.force_login(world["actors"]["secretariat"])

    response = client.get(reverse("members:identity_changes"))

    page = response.content.decode()
    assert_valid(page)
    rows = {row["label"]: (row["old"], row["new"]) for row in response.context["rows"][0]["fields"]}
    assert rows == {
        "Name": (
            ["Steppe Water Trust (en)"],
            ["Steppe Water Trust (en)", "Степной водный фонд (ru)"],
        ),
        "Registration number": (["KZ-9"], ["KZ-10"]),
    }
    assert "Степной водный фонд (ru)" in page
    assert reverse("members:identity_change_decide", args=[identity_change.pk]) in page


@pytest.mark.django_db
@pytest.mark.parametrize("actor_name", ["plain user", "admin of another org", "committee"])
def test_only_the_back_office_decides_identity_changes(client, world, identity_change, actor_name):
    client.force_login(world["actors"][actor_name])
    before = snapshot()
    path = reverse("members:identity_change_decide", args=[identity_change.pk])

    assert client.get(reverse("members:identity_changes")).status_code == 403
    assert client.get(path).status_code == 403
    assert client.post(path, {"decision": "accept"}).status_code == 403
    assert snapshot() == before


@pytest.mark.django_db
def test_refusing_needs_a_reason_then_accepting_changes_the_profile(client, world, identity_change):
    client.force_login(world["actors"]["secretariat"])
    path = reverse("members:identity_change_decide", args=[identity_change.pk])
    assert_valid(client.get(path).content.decode())
    before = snapshot()

    refused = client.post(path, {"decision": "refuse", "reason": ""})

    assert refused.status_code == 200
    assert refused.context["form"].errors == {
        "reason": ["Give the reason for refusing the change."]
    }
    assert snapshot() == before

    accepted = client.post(path, {"decision": "accept", "reason": ""})

    assert accepted.status_code == 302
    assert accepted["Location"] == reverse("members:identity_changes")
    organization = fresh(world["member"])
    assert organization.registration_number == "KZ-10"
    assert organization.name.text == {"en": "Steppe Water Trust", "ru": "Степной водный фонд"}
    assert fresh(identity_change).status == IdentityChange.Status.ACCEPTED


# --- the CSV export ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_csv_export_keeps_scripts_and_hides_private_contacts(
    client, make_user, constitution, secretariat_user
):
    voter = make_user("c1@example.org")
    network_role_grant(actor=None, user=voter, role="committee")
    chinese = make_member(make_user("zh@example.org"), secretariat_user, voter)  # private contact
    arabic = make_member(
        make_user("ar@example.org"),
        secretariat_user,
        voter,
        names={"ar": "جمعية طريق الحرير"},
        language="ar",
        country="EG",
        registration="EG-1",
        contact={"name": "Amal Hassan", "email": "amal@example.org", "public": True},
    )
    submit(
        make_user("pending@example.org"), names={"en": "Not yet"}, language="en", registration="P"
    )
    client.force_login(secretariat_user)

    response = client.get(reverse("members:export"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="sironet-members-{timezone.localdate().isoformat()}.csv"'
    )
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")
    text = body.decode("utf-8-sig")
    assert "li@example.org" not in text
    assert "Li Wei" not in text
    rows = {row["slug"]: row for row in csv.DictReader(io.StringIO(text))}
    assert set(rows) == {chinese.slug, arabic.slug}
    assert rows[chinese.slug] == {
        "slug": chinese.slug,
        "name": "丝路乡村发展协会",
        "name_en": "Silk Road Rural Development Association",
        "original_language": "zh-hans",
        "type": "association",
        "status": "member",
        "country_code": "CN",
        "country_name": "China",
        "region_code": "030",
        "city": "",
        "founded_year": "",
        "website": "",
        "member_since": timezone.localdate().isoformat(),
        "areas": "poverty-relief;education",
        "countries_of_activity": "CN;KZ",
        "working_languages": "en;zh-hans",
        "staff_count": "",
        "volunteer_count": "",
        "contact_name": "",
        "contact_email": "",
    }
    assert rows[arabic.slug]["name"] == "جمعية طريق الحرير"
    assert rows[arabic.slug]["name_en"] == ""
    assert rows[arabic.slug]["country_name"] == "Egypt"
    assert (rows[arabic.slug]["contact_name"], rows[arabic.slug]["contact_email"]) == (
        "Amal Hassan",
        "amal@example.org",
    )


@pytest.mark.django_db
def test_csv_export_query_count_does_not_grow(client, make_user, constitution, secretariat_user):
    voter = make_user("c1@example.org")
    network_role_grant(actor=None, user=voter, role="committee")
    client.force_login(secretariat_user)

    def export_queries():
        data_versions.forget_kept()  # each request reads the reader's roles, as a new process
        with CaptureQueriesContext(connection) as queries:
            b"".join(client.get(reverse("members:export")).streaming_content)
        return len(queries)

    make_member(make_user("m0@example.org"), secretariat_user, voter)
    one = export_queries()
    for number in range(1, 4):
        make_member(
            make_user(f"m{number}@example.org"),
            secretariat_user,
            voter,
            names={"en": f"Member {number}"},
            language="en",
            registration=f"M{number}",
        )

    assert export_queries() == one


@pytest.mark.django_db
def test_csv_cells_never_start_a_formula():
    from members.exports import _cell

    assert _cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert _cell("丝路") == "丝路"
    assert _cell(None) == ""
    assert _cell(date(2017, 11, 22)) == "2017-11-22"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "ar", "zh-hans"])
def test_pages_are_valid_html_in_every_script(client, world, language):
    with translation.override(language):
        secretariat_pages = [
            reverse("members:review_queue"),
            reverse("members:review", args=[world["submitted"].pk]),
            reverse("members:review", args=[world["forwarded"].pk]),
            reverse("members:change_status", args=[world["member"].slug]),
            reverse("members:identity_changes"),
        ]
        committee_pages = [
            reverse("members:committee_queue"),
            reverse("members:vote", args=[world["forwarded"].pk]),
        ]
    for actor, pages in (("secretariat", secretariat_pages), ("committee", committee_pages)):
        client.force_login(world["actors"][actor])
        for path in pages:
            response = client.get(path)
            assert response.status_code == 200, path
            page = response.content.decode()
            assert_valid(page)
            if language == "ar":
                assert 'dir="rtl"' in page
    client.force_login(world["actors"]["secretariat"])
    with_errors = client.post(secretariat_pages[1], {"action": "reject", "reason": ""})
    assert_valid(with_errors.content.decode())
    assert 'aria-invalid="true"' in with_errors.content.decode()


def _queries(client, path) -> int:
    data_versions.forget_kept()  # each request reads the reader's roles, as a new process
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_review_queue_queries_stay_bounded(client, submitted, secretariat_user, make_user):
    client.force_login(secretariat_user)
    one = _queries(client, reverse("members:review_queue"))
    for number in range(2):
        submit(
            make_user(f"q{number}@example.org"),
            names={"en": f"Queue {number}"},
            language="en",
            registration=f"Q{number}",
        )

    # The duplicate check costs at most two queries a row, and a page has at most 50 rows.
    assert _queries(client, reverse("members:review_queue")) <= one + 2 * 2


@pytest.mark.django_db
def test_identity_change_list_query_count_does_not_grow(client, world, identity_change):
    client.force_login(world["actors"]["secretariat"])
    one = _queries(client, reverse("members:identity_changes"))
    for organization in Organization.objects.exclude(pk=world["member"].pk).filter(status="member"):
        admin = OrganizationStaff.objects.get(organization=organization, role="admin").user
        services.organization_update_profile(
            actor=admin, organization=organization, registration_number="NEW-1"
        )

    assert IdentityChange.objects.filter(status="pending").count() == 2
    assert _queries(client, reverse("members:identity_changes")) == one
