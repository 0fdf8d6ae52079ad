"""seed_demo and seed_bulk over every app together: nothing duplicated, the same rows for the same
seed, --clear, and the data versions (each app's own rows are tested in its tests/test_seeding.py)."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts.models import NetworkRole, User
from conftest import run_command
from cooperation.models import Demand, Project
from core import data_versions
from core.multilingual import MultilingualText
from exchanges.models import Event
from governance.models import Seat
from members.models import (
    ApplicationMessage,
    ApplicationVote,
    MembershipApplication,
    Organization,
    OrganizationContact,
    OrganizationStaff,
    StatusChange,
)


@pytest.mark.django_db
def test_running_seed_demo_twice_does_not_duplicate(demo):
    before = [model.objects.count() for model in (Organization, User, Event, Demand, Project, Seat)]

    message = run_command("seed_demo")

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

    run_command("seed_bulk", "--scale", "small", "--factor", "0.5")

    assert Organization.objects.filter(slug__startswith="bulk-").count() == 50
    assert Demand.objects.filter(title__seed="bulk").count() == 500
    assert Project.objects.filter(title__seed="bulk").count() == 250
    assert Event.objects.filter(title__seed="bulk").count() == 100
    scripts = {d.title.original for d in Demand.objects.filter(title__seed="bulk")}
    assert {"en", "zh-hans", "ru", "ar"} <= scripts
    first = bulk_snapshot()

    run_command("seed_bulk", "--scale", "small", "--factor", "0.5", "--clear")

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
    run_command("seed_bulk", "--scale", "small", "--factor", "0.2")
    run_command("seed_bulk", "--scale", "small", "--factor", "0.2")

    assert Organization.objects.filter(slug__startswith="bulk-").count() == 40
    assert Demand.objects.count() == 400

    assert User.objects.filter(**BULK_PEOPLE).count() == 200
    # The second run numbers its people after the first run's.
    assert User.objects.filter(email="bulk-000200@people.example.org").exists()
    assert NetworkRole.objects.filter(role=NetworkRole.Role.COMMITTEE).count() == 30

    run_command("seed_bulk", "--scale", "small", "--factor", "0.2", "--clear")

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


@pytest.mark.django_db
def test_seed_bulk_moves_the_data_versions_once_per_run(django_capture_on_commit_callbacks):
    """bulk_create sends no signals, so cached pages would outlive a run unless it counts it."""
    kinds = ("organizations", "projects", "events", "demands")
    before = data_versions.current(*kinds).split(".")

    with django_capture_on_commit_callbacks(execute=True):
        run_command("seed_bulk", "--scale", "small", "--factor", "0.1")
    after_run = data_versions.current(*kinds).split(".")
    with django_capture_on_commit_callbacks(execute=True):
        run_command("seed_bulk", "--scale", "small", "--factor", "0.1", "--clear")
    after_clear = data_versions.current(*kinds).split(".")

    assert all(a != b for a, b in zip(before, after_run, strict=True))
    # A clear deletes thousands of rows but counts one change per kind (and the new run one more).
    assert [int(c) - int(r) for r, c in zip(after_run, after_clear, strict=True)] == [2, 2, 2, 2]
