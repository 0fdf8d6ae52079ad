"""The members app's demo and benchmark rows (members.seeding)."""

import re
from collections import Counter
from itertools import pairwise
from unittest import mock

import pytest
from allauth.account.models import EmailAddress
from django.db import IntegrityError, transaction
from django.db.models import Count

from accounts.models import NetworkRole, User
from conftest import run_command
from core.management.commands import seed_demo
from core.multilingual import MultilingualText
from members.models import (
    ApplicationVote,
    MembershipApplication,
    Organization,
    OrganizationContact,
    OrganizationStaff,
    StatusChange,
)
from members.seeding import demo_data, membership


def organization_row(language: str) -> dict:
    return next(row for row in demo_data.ORGANIZATIONS if row["name"][0] == language)


@pytest.mark.django_db
def test_demo_has_members_in_many_countries(demo):
    members = Organization.objects.members()

    assert members.count() >= 30
    assert members.values("country").distinct().count() >= 25
    assert not members.filter(member_since__isnull=True).exists()
    assert not members.filter(areas__isnull=True).exists()
    assert Organization.objects.filter(status=Organization.Status.APPLICANT).exists()
    assert all(row.website.startswith("https://") for row in members)


@pytest.mark.parametrize("language", ["zh-hans", "ar"])
@pytest.mark.django_db
def test_original_names_round_trip_unchanged(demo, language):
    row = organization_row(language)
    _language, original, english = row["name"]

    stored = Organization.objects.get(slug=row["slug"])

    assert stored.name.original == language
    assert stored.name.original_text == original
    assert stored.name.text["en"] == english
    assert Organization.objects.filter(**{f"name__text__{language}": original}).exists()


@pytest.mark.django_db
def test_demo_people_are_verified_and_hold_their_roles(demo):
    admin = User.objects.get(email=demo_data.SITE_ADMIN[0])

    assert admin.is_superuser and admin.is_staff
    assert admin.check_password(seed_demo.DEFAULT_PASSWORD)
    assert admin.network_roles.filter(role=NetworkRole.Role.SITE_ADMIN).exists()
    assert EmailAddress.objects.filter(verified=True, primary=True).count() == User.objects.count()
    for email, *_rest in demo_data.ORG_ADMINS:
        assert OrganizationStaff.objects.filter(
            user__email=email, role=OrganizationStaff.Role.ADMIN
        ).exists()


BULK_PEOPLE = {"email__endswith": "@people.example.org"}


SCRIPTS = {
    "Han": re.compile(r"[\u4e00-\u9fff]"),
    "Cyrillic": re.compile(r"[\u0400-\u04ff]"),
    "Arabic": re.compile(r"[\u0600-\u06ff]"),
    "Latin": re.compile(r"[A-Za-z\u00c0-\u024f]"),
}


@pytest.fixture
def bulk(db):
    return run_command("seed_bulk", "--scale", "small", "--factor", "0.5")


@pytest.mark.django_db
def test_seed_bulk_people_are_many_verified_and_cannot_sign_in(bulk):
    people = User.objects.filter(**BULK_PEOPLE)

    assert people.count() == 250
    assert set(people.values_list("email", flat=True)) == {
        f"bulk-{n:06d}@people.example.org" for n in range(1, 251)
    }
    # One unusable password, the same for everybody.
    passwords = set(people.values_list("password", flat=True))
    assert len(passwords) == 1
    assert not people.first().has_usable_password()
    assert EmailAddress.objects.filter(user__in=people, verified=True, primary=True).count() == 250
    languages = Counter(people.values_list("preferred_language", flat=True))
    assert set(languages) == {"en", "zh-hans", "ru", "ar", "fr", "es"}
    assert languages.most_common(1)[0][0] == "en"
    names = list(people.values_list("full_name", flat=True))
    for script, pattern in SCRIPTS.items():
        assert any(pattern.search(name) for name in names), script
    assert people.filter(date_joined__year__lte=2018).exists()
    assert people.filter(date_joined__year__gte=2025).exists()
    assert "accounts.User" in bulk and "members.ApplicationVote" in bulk


@pytest.mark.django_db
def test_seed_bulk_hashes_the_password_once():
    with mock.patch.object(
        membership, "make_password", wraps=membership.make_password
    ) as make_password:
        run_command("seed_bulk", "--scale", "small", "--factor", "0.3")

    make_password.assert_called_once_with(None)


@pytest.mark.django_db
def test_seed_bulk_gives_every_organisation_one_admin_and_a_few_staff(bulk):
    organizations = Organization.objects.filter(slug__startswith="bulk-")
    staff = OrganizationStaff.objects.filter(organization__in=organizations)

    admins = Counter(staff.filter(role="admin").values_list("organization", flat=True))
    assert set(admins.values()) == {1}
    assert len(admins) == 50
    sizes = Counter(staff.values_list("organization", flat=True))
    assert max(sizes.values()) <= 9
    assert min(sizes.values()) == 1  # skewed: many have only their admin
    assert 3 <= staff.filter(is_representative=True).count() <= 20  # about one in five
    assert staff.filter(shown_publicly=True).exists()
    assert staff.filter(shown_publicly=False).exists()
    contacts = OrganizationContact.objects.filter(organization__in=organizations)
    assert 35 <= contacts.count() < 50
    assert 0 < contacts.filter(public=True).count() < contacts.count() / 2


@pytest.mark.django_db
def test_seed_bulk_applications_match_the_organisations(bulk):
    Status = MembershipApplication.Status
    applications = MembershipApplication.objects.filter(
        organization__slug__startswith="bulk-"
    ).select_related("organization")

    applicants = Organization.objects.filter(
        slug__startswith="bulk-", status=Organization.Status.APPLICANT
    )
    assert applications.filter(organization__in=applicants).count() == applicants.count() > 0
    for application in applications:
        organization = application.organization
        admin = OrganizationStaff.objects.get(organization=organization, role="admin")
        assert application.applicant_id == admin.user_id
        if organization.status == Organization.Status.APPLICANT:
            assert application.status != Status.APPROVED
        else:
            assert application.status == Status.APPROVED
            assert application.decided_at.date() == organization.member_since
        if application.status != Status.DRAFT:
            assert application.submitted_at is not None
        if application.status == Status.RETURNED:
            assert application.messages.filter(kind="question").exists()
        if application.status in (Status.APPROVED, Status.REJECTED):
            assert application.decided_at is not None
            assert application.messages.filter(kind="decision").count() == 1
    # Most members came through an application; the founding ones did not.
    members = Organization.objects.filter(slug__startswith="bulk-").exclude(
        status=Organization.Status.APPLICANT
    )
    approved = applications.filter(status=Status.APPROVED).count()
    assert members.count() / 2 < approved < members.count()


@pytest.mark.django_db
def test_seed_bulk_committee_votes_once_per_application(bulk):
    committee = User.objects.filter(network_roles__role=NetworkRole.Role.COMMITTEE, **BULK_PEOPLE)
    assert committee.count() == membership.COMMITTEE_SIZE
    votes = ApplicationVote.objects.filter(application__organization__slug__startswith="bulk-")
    assert votes.count() > 0
    assert not votes.exclude(voter__in=committee).exists()
    repeated = votes.values("application", "voter").annotate(n=Count("pk")).filter(n__gt=1)
    assert not repeated.exists()
    quorum = membership.committee_quorum()
    for application in MembershipApplication.objects.filter(
        organization__slug__startswith="bulk-", forwarded_at__isnull=False
    ).prefetch_related("votes"):
        choices = Counter(vote.choice for vote in application.votes.all())
        if application.status == MembershipApplication.Status.FORWARDED:
            assert sum(choices.values()) < quorum  # still open
        elif application.status == MembershipApplication.Status.APPROVED:
            assert sum(choices.values()) >= quorum
            assert choices["approve"] > choices["reject"]
        else:
            assert sum(choices.values()) >= quorum
            assert choices["reject"] > choices["approve"]
    # The database holds the rule too.
    vote = votes.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        ApplicationVote.objects.create(
            application=vote.application, voter=vote.voter, choice="abstain"
        )


@pytest.mark.django_db
def test_seed_bulk_writes_the_membership_history(bulk):
    organizations = Organization.objects.filter(slug__startswith="bulk-")
    history = StatusChange.objects.filter(organization__in=organizations)

    for organization in organizations.prefetch_related("status_history"):
        changes = sorted(organization.status_history.all(), key=lambda row: row.created_at)
        if organization.status == Organization.Status.APPLICANT:
            assert changes == []
            continue
        assert (changes[0].from_status, changes[0].to_status) == ("applicant", "member")
        assert changes[-1].to_status == organization.status
        for before, after in pairwise(changes):
            assert before.to_status == after.from_status
    assert history.filter(to_status="member", actor__isnull=True).count() >= 40
    assert (
        history.exclude(actor=None)
        .filter(actor__network_roles__role=NetworkRole.Role.SECRETARIAT)
        .exists()
    )


@pytest.mark.django_db
def test_seed_bulk_clear_removes_people_and_membership_rows(make_user, bulk):
    someone = make_user("someone@example.org")
    other = Organization.objects.create(
        slug="not-bulk", name=MultilingualText.create("Not bulk", "en"), country_id="KE"
    )
    OrganizationStaff.objects.create(organization=other, user=someone, role="admin")

    run_command("seed_bulk", "--scale", "small", "--factor", "0.1", "--clear")

    assert Organization.objects.filter(slug__startswith="bulk-").count() == 10
    assert User.objects.filter(**BULK_PEOPLE).count() == 50
    assert User.objects.count() == 51
    assert OrganizationStaff.objects.filter(user=someone, organization=other).exists()
    assert (
        MembershipApplication.objects.exclude(organization__slug__startswith="bulk-").count() == 0
    )
    assert MembershipApplication.objects.count() <= 10
    assert (
        ApplicationVote.objects.exclude(application__organization__slug__startswith="bulk-").count()
        == 0
    )
    assert NetworkRole.objects.count() == 18
    assert EmailAddress.objects.count() == 51
