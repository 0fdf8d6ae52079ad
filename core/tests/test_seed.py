import re
from collections import Counter
from datetime import date, timedelta
from io import StringIO
from itertools import pairwise
from unittest import mock

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone

from accounts.models import NetworkRole, User
from cooperation.models import Demand, Project
from core import data_versions
from core.management.commands import seed_bulk, seed_demo
from core.multilingual import MultilingualText
from exchanges.models import Event
from governance.models import Body, NetworkDocument, Seat
from members.models import (
    ApplicationMessage,
    ApplicationVote,
    MembershipApplication,
    Organization,
    OrganizationContact,
    OrganizationStaff,
    StatusChange,
)


def run(command: str, *args: str) -> str:
    out = StringIO()
    call_command(command, *args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def demo(db):
    return run("seed_demo")


def organization_row(language: str) -> dict:
    return next(row for row in seed_demo.ORGANIZATIONS if row["name"][0] == language)


@pytest.mark.django_db
def test_demo_holds_the_first_forum_in_beijing(demo):
    forum = Event.objects.get(kind=Event.Kind.FORUM)

    assert (forum.starts_on, forum.ends_on) == (date(2017, 11, 21), date(2017, 11, 22))
    assert forum.country_id == "CN"
    assert forum.city == "Beijing"
    assert forum.title.original == "zh-hans"
    assert "Forum" in forum.title.text["en"]
    assert Event.objects.exclude(kind=Event.Kind.FORUM).count() >= 6


@pytest.mark.django_db
def test_demo_holds_the_founding_documents_in_english_and_chinese(demo):
    consensus = NetworkDocument.objects.get(kind=NetworkDocument.Kind.DECLARATION)
    constitution = NetworkDocument.objects.get(kind=NetworkDocument.Kind.CONSTITUTION)

    assert "Beijing Consensus" in consensus.title.text["en"]
    assert consensus.versions.get().adopted_on == date(2017, 11, 22)
    current = constitution.versions.first()  # newest first
    assert current.body.original == "en"
    for words in (
        "openness, inclusiveness, equality, mutual",
        "joint consultation, joint building and sharing",
        "International Steering Committee",
        "Secretariat",
        "poverty relief",
        "grassroots demands",
    ):
        assert words in current.body.text["en"]
    assert "共商、共建、共享" in current.body.text["zh-hans"]
    assert constitution.versions.count() == 2


@pytest.mark.django_db
def test_demo_holds_both_bodies_with_seats_for_committee_role_holders(demo):
    committee = Body.objects.get(kind=Body.Kind.STEERING_COMMITTEE)
    secretariat = Body.objects.get(kind=Body.Kind.SECRETARIAT)

    assert committee.seats == 15
    current = Seat.objects.filter(body=committee, term_end__gte=date(2026, 1, 1))
    assert current.filter(role=Seat.Role.CHAIR).count() == 1
    assert current.count() >= 5
    for seat in current:
        assert seat.user.network_roles.filter(role=NetworkRole.Role.COMMITTEE).exists()
        assert seat.organization.status == Organization.Status.MEMBER
    holders = NetworkRole.objects.filter(role=NetworkRole.Role.COMMITTEE)
    assert holders.count() == len(seed_demo.COMMITTEE)
    staff = Seat.objects.filter(body=secretariat)
    assert staff.filter(role=Seat.Role.SECRETARY_GENERAL).count() == 1
    for seat in staff:
        assert seat.user.network_roles.filter(role=NetworkRole.Role.SECRETARIAT).exists()
        assert seat.user.is_staff


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
    admin = User.objects.get(email=seed_demo.SITE_ADMIN[0])

    assert admin.is_superuser and admin.is_staff
    assert admin.check_password(seed_demo.DEFAULT_PASSWORD)
    assert admin.network_roles.filter(role=NetworkRole.Role.SITE_ADMIN).exists()
    assert EmailAddress.objects.filter(verified=True, primary=True).count() == User.objects.count()
    for email, *_rest in seed_demo.ORG_ADMINS:
        assert OrganizationStaff.objects.filter(
            user__email=email, role=OrganizationStaff.Role.ADMIN
        ).exists()


@pytest.mark.django_db
def test_demo_demands_and_projects(demo):
    assert Demand.objects.count() >= 30
    assert Demand.objects.values("country").distinct().count() >= 15
    assert Demand.objects.values("area").distinct().count() == 7
    assert {d.title.original for d in Demand.objects.all()} >= {
        "en",
        "zh-hans",
        "ru",
        "ar",
        "fr",
        "es",
    }
    assert Project.objects.count() >= 15
    for project in Project.objects.prefetch_related("partners"):
        assert project.partners.exists()
        assert project.partners.exclude(country=project.lead.country).exists()
        if project.demand_id:
            assert project.demand.status != Demand.Status.OPEN
    assert Project.objects.filter(demand__isnull=False).count() >= 8


@pytest.mark.django_db
def test_running_seed_demo_twice_does_not_duplicate(demo):
    before = [model.objects.count() for model in (Organization, User, Event, Demand, Project, Seat)]

    message = run("seed_demo")

    assert "not loaded" in message
    after = [model.objects.count() for model in (Organization, User, Event, Demand, Project, Seat)]
    assert after == before


BULK_PEOPLE = {"email__endswith": "@people.example.org"}


def bulk_snapshot() -> tuple[list, ...]:
    organizations = list(
        Organization.objects.filter(slug__startswith="bulk-")
        .order_by("slug")
        .values_list("slug", "name", "country", "city")
    )
    demands = sorted(
        (str(row.title.to_json()), row.locality, row.country_id)
        for row in Demand.objects.filter(title__seed="bulk")
    )
    projects = sorted(
        (str(row.title.to_json()), row.lead.slug, row.starts_on)
        for row in Project.objects.filter(title__seed="bulk").select_related("lead")
    )
    return organizations, demands, projects, *membership_snapshot()


def in_order(rows) -> list:
    """Rows sorted whatever they hold (None among strings and dates)."""
    return sorted(rows, key=repr)


def membership_snapshot() -> tuple[list, ...]:
    """The bulk people and membership rows, by natural keys (ids differ from run to run)."""
    people = list(
        User.objects.filter(**BULK_PEOPLE)
        .order_by("email")
        .values_list("email", "full_name", "preferred_language", "date_joined")
    )
    roles = in_order(
        NetworkRole.objects.filter(user__email__endswith="@people.example.org").values_list(
            "user__email", "role"
        )
    )
    staff = in_order(
        OrganizationStaff.objects.filter(organization__slug__startswith="bulk-").values_list(
            "organization__slug",
            "user__email",
            "role",
            "title",
            "shown_publicly",
            "is_representative",
            "joined_at",
        )
    )
    contacts = in_order(
        OrganizationContact.objects.filter(organization__slug__startswith="bulk-").values_list(
            "organization__slug", "name", "email", "phone", "public"
        )
    )
    applications = in_order(
        MembershipApplication.objects.filter(organization__slug__startswith="bulk-").values_list(
            "organization__slug",
            "applicant__email",
            "status",
            "endorsed_by__slug",
            "created_at",
            "submitted_at",
            "forwarded_at",
            "decided_at",
            "decision_reason",
        )
    )
    messages = in_order(
        ApplicationMessage.objects.filter(
            application__organization__slug__startswith="bulk-"
        ).values_list("application__organization__slug", "author__email", "kind", "text")
    )
    votes = in_order(
        ApplicationVote.objects.filter(
            application__organization__slug__startswith="bulk-"
        ).values_list("application__organization__slug", "voter__email", "choice", "cast_at")
    )
    history = in_order(
        StatusChange.objects.filter(organization__slug__startswith="bulk-").values_list(
            "organization__slug", "from_status", "to_status", "actor__email", "created_at"
        )
    )
    return people, roles, staff, contacts, applications, messages, votes, history


@pytest.mark.django_db
def test_seed_bulk_writes_the_expected_rows_deterministically(demo):
    demo_counts = [Organization.objects.count(), Demand.objects.count(), Project.objects.count()]
    demo_people = User.objects.count()
    demo_emails = set(User.objects.values_list("email", flat=True))
    demo_staff = OrganizationStaff.objects.count()

    run("seed_bulk", "--scale", "small", "--factor", "0.5")

    assert Organization.objects.filter(slug__startswith="bulk-").count() == 50
    assert Demand.objects.filter(title__seed="bulk").count() == 500
    assert Project.objects.filter(title__seed="bulk").count() == 250
    assert Event.objects.filter(title__seed="bulk").count() == 100
    scripts = {d.title.original for d in Demand.objects.filter(title__seed="bulk")}
    assert {"en", "zh-hans", "ru", "ar"} <= scripts
    first = bulk_snapshot()

    run("seed_bulk", "--scale", "small", "--factor", "0.5", "--clear")

    assert bulk_snapshot() == first
    # The demo rows survive --clear.
    assert Organization.objects.count() == demo_counts[0] + 50
    assert Demand.objects.count() == demo_counts[1] + 500
    assert Project.objects.count() == demo_counts[2] + 250
    assert User.objects.count() == demo_people + 250
    assert demo_emails <= set(User.objects.values_list("email", flat=True))
    assert OrganizationStaff.objects.exclude(organization__slug__startswith="bulk-").count() == (
        demo_staff
    )


@pytest.mark.django_db
def test_seed_bulk_without_clear_adds_new_rows():
    run("seed_bulk", "--scale", "small", "--factor", "0.2")
    run("seed_bulk", "--scale", "small", "--factor", "0.2")

    assert Organization.objects.filter(slug__startswith="bulk-").count() == 40
    assert Demand.objects.count() == 400

    assert User.objects.filter(**BULK_PEOPLE).count() == 200
    # The second run numbers its people after the first run's.
    assert User.objects.filter(email="bulk-000200@people.example.org").exists()
    assert NetworkRole.objects.filter(role=NetworkRole.Role.COMMITTEE).count() == 30

    run("seed_bulk", "--scale", "small", "--factor", "0.2", "--clear")

    assert Organization.objects.count() == 20
    assert Demand.objects.count() == 200
    assert Project.objects.count() == 100
    assert User.objects.count() == 100
    assert EmailAddress.objects.count() == 100
    assert NetworkRole.objects.count() == 18
    assert OrganizationStaff.objects.filter(organization__slug__startswith="bulk-").count() == (
        OrganizationStaff.objects.count()
    )
    assert MembershipApplication.objects.count() == len(
        {slug for slug, *_rest in membership_snapshot()[4]}
    )
    # The back-dated bulk rows leave automatic timestamps working for everyone else.
    fresh = Demand.objects.create(
        title=MultilingualText.create("Test", "en"),
        description=MultilingualText.create("Test", "en"),
        country_id="KE",
        area_id="health",
    )
    assert timezone.now() - fresh.created_at < timedelta(minutes=1)


SCRIPTS = {
    "Han": re.compile(r"[\u4e00-\u9fff]"),
    "Cyrillic": re.compile(r"[\u0400-\u04ff]"),
    "Arabic": re.compile(r"[\u0600-\u06ff]"),
    "Latin": re.compile(r"[A-Za-z\u00c0-\u024f]"),
}


@pytest.fixture
def bulk(db):
    return run("seed_bulk", "--scale", "small", "--factor", "0.5")


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
        seed_bulk, "make_password", wraps=seed_bulk.make_password
    ) as make_password:
        run("seed_bulk", "--scale", "small", "--factor", "0.3")

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
    assert committee.count() == seed_bulk.COMMITTEE_SIZE
    votes = ApplicationVote.objects.filter(application__organization__slug__startswith="bulk-")
    assert votes.count() > 0
    assert not votes.exclude(voter__in=committee).exists()
    repeated = votes.values("application", "voter").annotate(n=Count("pk")).filter(n__gt=1)
    assert not repeated.exists()
    quorum = seed_bulk.committee_quorum()
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

    run("seed_bulk", "--scale", "small", "--factor", "0.1", "--clear")

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


@pytest.mark.django_db
def test_seed_bulk_moves_the_data_versions_once_per_run(django_capture_on_commit_callbacks):
    """bulk_create sends no signals, so cached pages would outlive a run unless it counts it."""
    kinds = ("organizations", "projects", "events", "demands")
    before = data_versions.current(*kinds).split(".")

    with django_capture_on_commit_callbacks(execute=True):
        run("seed_bulk", "--scale", "small", "--factor", "0.1")
    after_run = data_versions.current(*kinds).split(".")
    with django_capture_on_commit_callbacks(execute=True):
        run("seed_bulk", "--scale", "small", "--factor", "0.1", "--clear")
    after_clear = data_versions.current(*kinds).split(".")

    assert all(a != b for a, b in zip(before, after_run, strict=True))
    # A clear deletes thousands of rows but counts one change per kind (and the new run one more).
    assert [int(c) - int(r) for r, c in zip(after_run, after_clear, strict=True)] == [2, 2, 2, 2]
