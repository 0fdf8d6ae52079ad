from datetime import date, timedelta
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.utils import timezone

from accounts.models import NetworkRole, User
from cooperation.models import Demand, Project
from core.management.commands import seed_demo
from core.multilingual import MultilingualText
from exchanges.models import Event
from governance.models import Body, NetworkDocument, Seat
from members.models import Organization, OrganizationStaff


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


def bulk_snapshot() -> tuple[list, list, list]:
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
    return organizations, demands, projects


@pytest.mark.django_db
def test_seed_bulk_writes_the_expected_rows_deterministically(demo):
    demo_counts = [Organization.objects.count(), Demand.objects.count(), Project.objects.count()]

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


@pytest.mark.django_db
def test_seed_bulk_without_clear_adds_new_rows():
    run("seed_bulk", "--scale", "small", "--factor", "0.2")
    run("seed_bulk", "--scale", "small", "--factor", "0.2")

    assert Organization.objects.filter(slug__startswith="bulk-").count() == 40
    assert Demand.objects.count() == 400

    run("seed_bulk", "--scale", "small", "--factor", "0.2", "--clear")

    assert Organization.objects.count() == 20
    assert Demand.objects.count() == 200
    assert Project.objects.count() == 100
    # The back-dated bulk rows leave automatic timestamps working for everyone else.
    fresh = Demand.objects.create(
        title=MultilingualText.create("Test", "en"),
        description=MultilingualText.create("Test", "en"),
        country_id="KE",
        area_id="health",
    )
    assert timezone.now() - fresh.created_at < timedelta(minutes=1)
