import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from core.models import AuditLogEntry
from members import selectors, services
from members.models import (
    ApplicationVote,
    IdentityChange,
    MembershipApplication,
    Organization,
    OrganizationStaff,
    StatusChange,
)
from members.tests.conftest import complete_draft

Status = MembershipApplication.Status


def fresh(application):
    return MembershipApplication.objects.get(pk=application.pk)


# --- applying ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_applicant_becomes_admin_of_the_applicant_organisation(alice):
    application = services.application_create(
        actor=alice, names={"ar": "جمعية طريق الحرير"}, original_language="ar", country="EG"
    )

    organization = application.organization
    assert organization.status == Organization.Status.APPLICANT
    assert organization.name.original_text == "جمعية طريق الحرير"
    assert organization.name.original == "ar"
    assert OrganizationStaff.objects.get(organization=organization, user=alice).role == "admin"
    assert application.status == Status.DRAFT


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"names": {"en": ""}, "original_language": "en", "country": "CN"}, "names"),
        ({"names": {"en": "x" * 201}, "original_language": "en", "country": "CN"}, "names"),
        ({"names": {"en": "A"}, "original_language": "en", "country": "ZZ"}, "country"),
        (
            {"names": {"en": "A"}, "original_language": "en", "country": "CN", "kind": "cartel"},
            "kind",
        ),
        (
            {
                "names": {"en": "A"},
                "original_language": "en",
                "country": "CN",
                "founded_year": 1200,
            },
            "founded_year",
        ),
        (
            {
                "names": {"en": "A"},
                "original_language": "en",
                "country": "CN",
                "website": "not a url",
            },
            "website",
        ),
    ],
)
def test_bad_application_input_names_the_field_and_saves_nothing(alice, fields, field):
    with pytest.raises(ValidationError) as error:
        services.application_create(actor=alice, **fields)

    assert field in error.value.message_dict
    assert not Organization.objects.exists()
    assert not MembershipApplication.objects.exists()


@pytest.mark.django_db
def test_submit_needs_every_part_and_the_constitution(alice, constitution):
    application = services.application_create(
        actor=alice, names={"en": "Bare"}, original_language="en", country="CN"
    )

    with pytest.raises(ValidationError, match="key area"):
        services.application_submit(actor=alice, application=application, accept_constitution=True)

    application = complete_draft(alice, names={"en": "Full"}, language="en", registration="R2")
    with pytest.raises(ValidationError) as error:
        services.application_submit(actor=alice, application=application, accept_constitution=False)
    assert "accept_constitution" in error.value.message_dict
    assert fresh(application).status == Status.DRAFT

    services.application_submit(actor=alice, application=application, accept_constitution=True)
    application = fresh(application)
    assert application.status == Status.SUBMITTED
    assert application.constitution_version == constitution


@pytest.mark.django_db
def test_documents_are_checked_by_content_not_name(alice):
    application = services.application_create(
        actor=alice, names={"en": "Docs"}, original_language="en", country="CN"
    )
    disguised = SimpleUploadedFile(
        "statutes.pdf", b"MZ\x90\x00 an executable", content_type="application/pdf"
    )

    with pytest.raises(ValidationError) as error:
        services.application_add_document(actor=alice, application=application, upload=disguised)

    assert "file" in error.value.message_dict
    assert not application.documents.exists()
    png = SimpleUploadedFile("scan.png", b"\x89PNG\r\n\x1a\n" + b"0" * 32)
    document = services.application_add_document(actor=alice, application=application, upload=png)
    assert document.content_type == "image/png"


@pytest.mark.django_db
def test_oversized_documents_are_refused(alice, settings):
    settings.MEMBERSHIP_DOCUMENT_MAX_BYTES = 1024
    application = services.application_create(
        actor=alice, names={"en": "Big"}, original_language="en", country="CN"
    )
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * 2000)

    with pytest.raises(ValidationError):
        services.application_add_document(actor=alice, application=application, upload=big)

    assert not application.documents.exists()


# --- the whole path ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_question_answer_forward_vote_membership(
    alice, submitted, secretariat_user, committee_members, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.application_return(
            actor=secretariat_user, application=submitted, question="Please add your annual report."
        )
    assert fresh(submitted).status == Status.RETURNED
    assert mail.outbox[-1].to == ["alice@example.org"]
    assert "Please add your annual report." in mail.outbox[-1].body

    services.application_answer(
        actor=alice, application=submitted, text="Attached in the documents."
    )
    assert fresh(submitted).status == Status.SUBMITTED

    with django_capture_on_commit_callbacks(execute=True):
        services.application_forward(actor=secretariat_user, application=submitted)
    assert {m.to[0] for m in mail.outbox} >= {f"committee{n}@example.org" for n in range(4)}

    # 4 seats, quorum 2: one vote is not enough to decide.
    services.application_vote(actor=committee_members[0], application=submitted, choice="approve")
    assert fresh(submitted).status == Status.FORWARDED
    with django_capture_on_commit_callbacks(execute=True):
        services.application_vote(
            actor=committee_members[1], application=submitted, choice="approve"
        )

    application = fresh(submitted)
    assert application.status == Status.APPROVED
    organization = Organization.objects.get(pk=application.organization_id)
    assert organization.status == Organization.Status.MEMBER
    assert organization.member_since is not None
    assert StatusChange.objects.get(organization=organization).to_status == "member"
    actions = list(AuditLogEntry.objects.order_by("id").values_list("action", flat=True))
    assert actions[-6:] == [
        "application.answer",
        "application.forward",
        "application.vote",
        "application.vote",
        "application.approve",
        "decision.record",  # the approval is in the decisions register
    ]
    assert organization in selectors.directory_list(selectors.DirectoryFilters())
    assert (
        "Welcome" in mail.outbox[-1].subject
        or organization.name.original_text in mail.outbox[-1].subject
    )


@pytest.mark.django_db
def test_committee_rejects_by_majority(submitted, secretariat_user, committee_members):
    services.application_forward(actor=secretariat_user, application=submitted)

    services.application_vote(actor=committee_members[0], application=submitted, choice="reject")
    services.application_vote(actor=committee_members[1], application=submitted, choice="approve")

    assert fresh(submitted).status == Status.FORWARDED  # quorum reached, but a tie
    services.application_vote(actor=committee_members[2], application=submitted, choice="reject")
    application = fresh(submitted)
    assert application.status == Status.REJECTED
    assert application.organization.status == Organization.Status.APPLICANT
    assert "2" in application.decision_reason


@pytest.mark.django_db
def test_one_vote_per_member(submitted, secretariat_user, committee_members):
    services.application_forward(actor=secretariat_user, application=submitted)
    services.application_vote(actor=committee_members[0], application=submitted, choice="abstain")

    with pytest.raises(ValidationError) as error:
        services.application_vote(
            actor=committee_members[0], application=submitted, choice="approve"
        )

    assert "choice" in error.value.message_dict
    assert ApplicationVote.objects.filter(application=submitted).count() == 1


@pytest.mark.parametrize(
    ("tally", "outcome"),
    [
        ({"approve": 1, "reject": 0, "abstain": 0, "cast": 1, "quorum": 2}, None),
        ({"approve": 2, "reject": 0, "abstain": 0, "cast": 2, "quorum": 2}, "approve"),
        ({"approve": 1, "reject": 1, "abstain": 1, "cast": 3, "quorum": 2}, None),
        ({"approve": 0, "reject": 1, "abstain": 2, "cast": 3, "quorum": 2}, "reject"),
        ({"approve": 0, "reject": 0, "abstain": 3, "cast": 3, "quorum": 2}, None),
    ],
)
def test_vote_rule_majority_of_votes_cast_once_quorate(tally, outcome):
    assert services.vote_outcome(tally) == outcome


# --- role × action matrix ---------------------------------------------------------------------

ACTIONS = {
    "edit": lambda actor, app: services.application_update(
        actor=actor, application=app, city="Xi'an"
    ),
    "forward": lambda actor, app: services.application_forward(actor=actor, application=app),
    "return": lambda actor, app: services.application_return(
        actor=actor, application=app, question="Why?"
    ),
    "reject": lambda actor, app: services.application_reject(
        actor=actor, application=app, reason="No."
    ),
    "vote": lambda actor, app: services.application_vote(
        actor=actor, application=app, choice="approve"
    ),
}
ALLOWED = {
    ("applicant", "edit"),
    ("secretariat", "forward"),
    ("secretariat", "return"),
    ("secretariat", "reject"),
}


@pytest.fixture
def actors(alice, bob, secretariat_user, committee_members, member_org):
    return {
        "applicant": alice,
        "stranger": bob,
        "admin of another org": member_org.staff.get().user,
        "secretariat": secretariat_user,
        "committee": committee_members[0],
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    "actor_name", ["applicant", "stranger", "admin of another org", "secretariat", "committee"]
)
@pytest.mark.parametrize("action", list(ACTIONS))
def test_only_the_right_role_acts_on_an_application(
    actors, alice, constitution, actor_name, action
):
    application = complete_draft(alice)
    if action != "edit":
        services.application_submit(actor=alice, application=application, accept_constitution=True)
    if action == "vote":
        services.application_forward(actor=actors["secretariat"], application=application)
    before = (
        fresh(application).status,
        fresh(application).organization.city,
        ApplicationVote.objects.count(),
    )
    audit_before = AuditLogEntry.objects.count()

    if (actor_name, action) in ALLOWED or (actor_name, action) == ("committee", "vote"):
        ACTIONS[action](actors[actor_name], application)
        return
    with pytest.raises(PermissionDenied):
        ACTIONS[action](actors[actor_name], application)

    after = (
        fresh(application).status,
        fresh(application).organization.city,
        ApplicationVote.objects.count(),
    )
    assert after == before
    assert AuditLogEntry.objects.count() == audit_before


# --- lifecycle --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_suspend_reinstate_withdraw_with_reasons_and_history(member_org, secretariat_user):
    admin = member_org.staff.get().user

    services.organization_change_status(
        actor=secretariat_user, organization=member_org, to_status="suspended", reason="Dues unpaid"
    )
    with pytest.raises(PermissionDenied):
        services.organization_change_status(
            actor=admin, organization=member_org, to_status="member", reason="We paid"
        )
    services.organization_change_status(
        actor=secretariat_user, organization=member_org, to_status="member", reason="Dues paid"
    )
    services.organization_change_status(
        actor=admin, organization=member_org, to_status="withdrawn", reason="Merging with a partner"
    )

    history = list(
        StatusChange.objects.filter(organization=member_org)
        .order_by("id")
        .values_list("to_status", "reason")
    )
    assert history == [
        ("suspended", "Dues unpaid"),
        ("member", "Dues paid"),
        ("withdrawn", "Merging with a partner"),
    ]
    assert AuditLogEntry.objects.filter(action__startswith="organization.").count() == 3


@pytest.mark.django_db
def test_status_change_needs_a_reason(member_org, secretariat_user):
    with pytest.raises(ValidationError):
        services.organization_change_status(
            actor=secretariat_user, organization=member_org, to_status="suspended", reason="  "
        )
    member_org.refresh_from_db()
    assert member_org.status == "member"


@pytest.mark.django_db
def test_identity_changes_wait_for_the_secretariat(member_org, secretariat_user):
    admin = member_org.staff.get().user

    organization, change = services.organization_update_profile(
        actor=admin,
        organization=member_org,
        city="Almaty",
        country="UZ",
        registration_number="NEW-9",
    )

    organization.refresh_from_db()
    assert organization.city == "Almaty"  # ordinary fields change at once
    assert organization.country_id == "KZ"  # identity waits
    assert change.changes == {"country": "UZ", "registration_number": "NEW-9"}
    services.identity_change_decide(actor=secretariat_user, change=change, accept=True)
    organization.refresh_from_db()
    assert (organization.country_id, organization.registration_number) == ("UZ", "NEW-9")
    assert IdentityChange.objects.get().status == "accepted"


@pytest.mark.django_db
def test_nobody_edits_another_organisations_profile(member_org, alice):
    with pytest.raises(PermissionDenied):
        services.organization_update_profile(actor=alice, organization=member_org, city="Nowhere")
    member_org.refresh_from_db()
    assert member_org.city == ""


# --- staff ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_invite_accept_and_keep_one_admin(
    member_org, make_user, django_capture_on_commit_callbacks
):
    admin = member_org.staff.get().user
    with django_capture_on_commit_callbacks(execute=True):
        _invitation, key = services.staff_invite(
            actor=admin, organization=member_org, email="New@Example.org"
        )
    assert f"/members/invitations/{key}/" in mail.outbox[-1].body

    newcomer = make_user("new@example.org")
    staff = services.invitation_accept(actor=newcomer, raw_key=key)
    assert staff.role == "staff"
    with pytest.raises(ValidationError):
        services.invitation_accept(actor=newcomer, raw_key=key)  # used once

    admin_row = OrganizationStaff.objects.get(user=admin)
    with pytest.raises(ValidationError):
        services.staff_change_role(actor=admin, staff=admin_row, role="staff")
    with pytest.raises(ValidationError):
        services.staff_remove(actor=admin, staff=admin_row)
    services.staff_change_role(actor=admin, staff=staff, role="admin")
    services.staff_remove(actor=admin, staff=admin_row)  # now someone else is admin
    assert list(member_org.staff.values_list("user__email", "role")) == [
        ("new@example.org", "admin")
    ]


@pytest.mark.django_db
def test_invitation_is_for_the_invited_address_only(member_org, alice):
    admin = member_org.staff.get().user
    _invitation, key = services.staff_invite(
        actor=admin, organization=member_org, email="someone@example.org"
    )

    with pytest.raises(PermissionDenied):
        services.invitation_accept(actor=alice, raw_key=key)
    assert not OrganizationStaff.objects.filter(user=alice).exists()


@pytest.mark.django_db
def test_only_admins_manage_staff(member_org, make_user):
    admin = member_org.staff.get().user
    _invitation, key = services.staff_invite(
        actor=admin, organization=member_org, email="staffer@example.org"
    )
    staffer = make_user("staffer@example.org")
    services.invitation_accept(actor=staffer, raw_key=key)

    with pytest.raises(PermissionDenied):
        services.staff_invite(actor=staffer, organization=member_org, email="x@example.org")
    with pytest.raises(PermissionDenied):
        services.staff_change_role(
            actor=staffer, staff=OrganizationStaff.objects.get(user=staffer), role="admin"
        )
    assert OrganizationStaff.objects.get(user=staffer).role == "staff"


@pytest.mark.django_db
def test_one_representative_per_organisation(member_org, make_user):
    admin = member_org.staff.get().user
    other = OrganizationStaff.objects.create(
        organization=member_org, user=make_user("o@example.org")
    )

    services.staff_set_representative(actor=admin, staff=member_org.staff.get(user=admin))
    services.staff_set_representative(actor=admin, staff=other)

    assert list(
        member_org.staff.filter(is_representative=True).values_list("user__email", flat=True)
    ) == ["o@example.org"]


# --- duplicates -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_possible_duplicates_by_registration_number_and_similar_name(alice, bob, constitution):
    first = complete_draft(alice, registration="BJ-2017-001")
    second = complete_draft(
        bob,
        names={
            "en": "Silk Road Rural Development Associaton"
        },  # a typo of the first's English name
        language="en",
        registration="OTHER",
    )
    third = complete_draft(
        bob, names={"en": "Unrelated"}, language="en", country="KZ", registration="BJ-2017-001"
    )

    assert selectors.possible_duplicates(second) == [first.organization]
    assert {o.pk for o in selectors.possible_duplicates(third)} == {first.organization_id}
    assert {o.pk for o in selectors.possible_duplicates(first)} == {
        second.organization_id,
        third.organization_id,
    }


@pytest.mark.django_db
def test_a_second_identity_request_adds_to_the_pending_one(member_org):
    admin = member_org.staff.get().user

    services.organization_update_profile(
        actor=admin, organization=member_org, registration_number="A-1"
    )
    services.organization_update_profile(
        actor=admin, organization=member_org, country="UZ", registration_number="A-2"
    )

    change = IdentityChange.objects.get()
    assert change.changes == {"registration_number": "A-2", "country": "UZ"}


@pytest.mark.django_db
def test_saving_an_unchanged_name_files_no_identity_change(member_org):
    admin = member_org.staff.get().user
    member_org.name.add_translation("fr", "Organisation B (fr)", machine=True)
    member_org.save()

    _org, change = services.organization_update_profile(
        actor=admin,
        organization=member_org,
        names={"en": "Organisation B", "fr": "Organisation B (fr)"},
        original_language="en",
    )

    assert change is None


@pytest.mark.django_db
def test_a_new_invitation_replaces_the_open_one(member_org):
    admin = member_org.staff.get().user
    first, _key = services.staff_invite(actor=admin, organization=member_org, email="x@example.org")
    services.staff_invite(actor=admin, organization=member_org, email="X@example.org")

    first.refresh_from_db()
    assert not first.is_open


@pytest.mark.django_db
def test_directory_counts_follow_membership_changes_at_once(
    member_org, secretariat_user, django_capture_on_commit_callbacks
):
    filters = selectors.DirectoryFilters(country="KZ")
    assert selectors.directory_counts(filters)["total"] == 1  # now cached

    with django_capture_on_commit_callbacks(execute=True):
        services.organization_change_status(
            actor=secretariat_user, organization=member_org, to_status="suspended", reason="Dues"
        )

    assert selectors.directory_counts(filters)["total"] == 0
    assert selectors.directory_facets(selectors.DirectoryFilters()).countries == []


@pytest.mark.django_db
def test_an_invitation_is_written_in_the_inviters_language(
    member_org, django_capture_on_commit_callbacks
):
    from django.utils import translation

    admin = member_org.staff.get().user
    with translation.override("fr"), django_capture_on_commit_callbacks(execute=True):
        services.staff_invite(actor=admin, organization=member_org, email="nouveau@example.org")

    assert "/fr/members/invitations/" in mail.outbox[-1].body


@pytest.mark.django_db
def test_a_removed_documents_file_leaves_only_once_committed(
    alice, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    application = services.application_create(
        actor=alice, names={"en": "Docs"}, original_language="en", country="CN"
    )

    def scan():
        return SimpleUploadedFile("scan.png", b"\x89PNG\r\n\x1a\n" + b"0" * 32)

    kept = services.application_add_document(actor=alice, application=application, upload=scan())
    kept_pk = kept.pk
    with pytest.raises(RuntimeError), transaction.atomic():
        services.application_remove_document(actor=alice, document=kept)
        raise RuntimeError("something after the removal failed")
    # Rolled back: the document and its file are both still there.
    assert application.documents.filter(pk=kept_pk).exists()
    assert (tmp_path / kept.file.name).exists()

    kept = application.documents.get(pk=kept_pk)
    with django_capture_on_commit_callbacks(execute=True):
        services.application_remove_document(actor=alice, document=kept)
        assert (tmp_path / kept.file.name).exists()  # not before the commit
    assert not (tmp_path / kept.file.name).exists()
