"""Membership approvals by the Steering Committee's vote are decisions of the register: new ones
as the vote approves, earlier ones by the data migration."""

import importlib
from datetime import date, datetime

import pytest
from django.apps import apps as django_apps
from django.urls import reverse
from django.utils import timezone, translation

from accounts.services import network_role_grant
from core.models import AuditLogEntry
from core.multilingual import MultilingualText
from governance.models import Body, Decision
from members import services as member_services
from members.models import ApplicationVote, MembershipApplication, Organization

pytestmark = pytest.mark.django_db


@pytest.fixture
def committee(make_user):
    body = Body.objects.create(slug="sc", kind=Body.Kind.STEERING_COMMITTEE, seats=5)
    people = []
    for number in range(3):
        user = make_user(f"committee{number}@example.org")
        network_role_grant(actor=None, user=user, role="committee")
        people.append(user)
    return body, people


def application_for(make_user, slug, *, status=MembershipApplication.Status.FORWARDED, **extra):
    organization = Organization.objects.create(
        slug=slug,
        name=MultilingualText.create(f"Organisation {slug}", "en", ru=f"Организация {slug}"),
        country_id="KZ",
        status=Organization.Status.APPLICANT,
    )
    return MembershipApplication.objects.create(
        organization=organization,
        applicant=make_user(f"applicant@{slug}.example"),
        status=status,
        **extra,
    )


def test_the_committee_approving_by_vote_records_a_decision(client, make_user, committee):
    body, people = committee
    application = application_for(make_user, "new-member")
    member_services.application_vote(actor=people[0], application=application, choice="approve")
    assert not Decision.objects.exists()  # no quorum yet: nothing decided
    member_services.application_vote(actor=people[1], application=application, choice="abstain")
    member_services.application_vote(actor=people[2], application=application, choice="approve")

    decision = Decision.objects.get()
    application.refresh_from_db()
    assert application.status == MembershipApplication.Status.APPROVED
    assert decision.application == application
    assert decision.body == body
    assert decision.number == f"{timezone.localdate().year}/1"
    assert (decision.votes_for, decision.votes_against, decision.votes_abstaining) == (2, 0, 1)
    assert decision.title.render("en").text == "Admission of Organisation new-member as a member"
    assert set(decision.title.text) == {"en", "zh-hans", "ar", "ru", "fr", "es"}
    assert AuditLogEntry.objects.filter(
        action="decision.record", target_id=str(decision.pk)
    ).exists()

    page = client.get(reverse("governance:decisions")).content.decode()
    assert "Admission of Organisation new-member as a member" in page
    assert "Vote: 2 for, 0 against, 1 abstaining." in page
    assert reverse("members:profile", args=["new-member"]) in page
    only = client.get(reverse("governance:decisions"), {"show": "membership"}).content.decode()
    assert decision.number in only

    listed = client.get("/api/v1/decisions").json()["items"]
    assert listed[0]["number"] == decision.number
    assert listed[0]["application"] == application.pk
    assert listed[0]["organization"] == "new-member"
    assert listed[0]["body"] == "sc"
    assert (listed[0]["votes_for"], listed[0]["votes_abstaining"]) == (2, 1)


def test_a_rejection_records_no_decision(make_user, committee):
    _body, people = committee
    application = application_for(make_user, "refused")
    for person in people:
        member_services.application_vote(actor=person, application=application, choice="reject")
    application.refresh_from_db()
    assert application.status == MembershipApplication.Status.REJECTED
    assert not Decision.objects.exists()


def test_the_register_is_read_in_the_readers_language(client, make_user, committee):
    _body, people = committee
    application = application_for(make_user, "polyglot")
    for person in people:
        member_services.application_vote(actor=person, application=application, choice="approve")
    with translation.override("ru"):
        page = client.get(reverse("governance:decisions")).content.decode()
    decision = Decision.objects.get()
    assert decision.title.render("ru").text in page
    assert "Организация polyglot" in decision.title.render("ru").text


def test_the_migration_records_the_approvals_taken_before(make_user, committee):
    body, people = committee
    earlier = application_for(
        make_user,
        "founding-member",
        status=MembershipApplication.Status.APPROVED,
        decided_at=timezone.make_aware(datetime(2024, 3, 1, 12)),
    )
    for person, choice in zip(people, ["approve", "approve", "reject"], strict=True):
        ApplicationVote.objects.create(application=earlier, voter=person, choice=choice)
    Decision.objects.create(
        number="2024/1",
        decided_on=date(2024, 1, 10),
        title=MultilingualText.create("Budget", "en"),
        text=MultilingualText.create("Adopted.", "en"),
    )
    application_for(make_user, "still-waiting")  # not decided: not a decision

    migration = importlib.import_module(
        "governance.migrations.0010_membership_approvals_in_register"
    )
    migration.record_approvals(django_apps, None)
    migration.record_approvals(django_apps, None)  # run twice: still one decision each

    decision = Decision.objects.get(application=earlier)
    assert decision.number == "2024/2"
    assert decision.decided_on == date(2024, 3, 1)
    assert decision.body == body
    assert (decision.votes_for, decision.votes_against, decision.votes_abstaining) == (2, 1, 0)
    assert Decision.objects.count() == 2


def test_a_number_taken_meanwhile_gives_the_next_one(monkeypatch, make_user, committee):
    """Another decision took the number between reading and writing: the approval still goes
    through, under the next number."""
    from governance import services as governance_services

    Decision.objects.create(
        number=f"{timezone.localdate().year}/1",
        decided_on=timezone.localdate(),
        title=MultilingualText.create("Budget", "en"),
        text=MultilingualText.create("Adopted.", "en"),
    )
    real = governance_services._next_decision_number
    answers = iter([f"{timezone.localdate().year}/1"])  # stale: what a concurrent reader saw
    monkeypatch.setattr(
        governance_services, "_next_decision_number", lambda year: next(answers, None) or real(year)
    )
    _body, people = committee
    application = application_for(make_user, "raced")
    for person in people:
        member_services.application_vote(actor=person, application=application, choice="approve")
    assert Decision.objects.get(application=application).number == f"{timezone.localdate().year}/2"
