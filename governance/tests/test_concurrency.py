"""Fifty representatives voting and changing their votes at the same moment give an exact count
(real parallel connections on PostgreSQL)."""

import pytest
from django.db import connection

from governance import selectors, services
from governance.models import SecretChoice, Vote
from governance.tests.conftest import make_member, open_consultation, option
from members.tests.test_concurrency import run_in_parallel

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL for parallel writers"
    ),
]


@pytest.mark.parametrize("secret", [False, True])
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_fifty_representatives_vote_and_change_at_once(secretariat_user, make_user, secret):
    members = [make_member(make_user, f"p{n}") for n in range(50)]
    consultation = open_consultation(secretariat_user, secret=secret)
    yes, no = option(consultation, "yes"), option(consultation, "no")
    ballot = consultation.ballot

    def cast(organization, representative, choice):
        return lambda: services.ballot_cast(
            actor=representative, ballot=ballot, organization=organization, option=choice
        )

    # Everyone votes yes at once; then, at once, everyone votes again: even ones change to no.
    first = run_in_parallel(*[cast(o, r, yes) for o, r in members])
    second = run_in_parallel(
        *[cast(o, r, no if n % 2 == 0 else yes) for n, (o, r) in enumerate(members)]
    )
    assert not [outcome for outcome in first + second if isinstance(outcome, Exception)]
    assert Vote.objects.filter(ballot=ballot).count() == 50
    results = selectors.ballot_results(selectors.consultation_detail(consultation.pk))
    assert [row.votes for row in results.counts] == [25, 25, 0]
    if secret:
        assert SecretChoice.objects.filter(ballot=ballot).count() == 50


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_same_organisation_voting_twice_at_once_keeps_one_vote(secretariat_user, make_user):
    organization, representative = make_member(make_user, "twice")
    consultation = open_consultation(secretariat_user, secret=True)
    ballot = consultation.ballot
    choices = [option(consultation, kind) for kind in ("yes", "no", "abstain", "yes")] * 3
    outcomes = run_in_parallel(
        *[
            (
                lambda choice=choice: services.ballot_cast(
                    actor=representative, ballot=ballot, organization=organization, option=choice
                )
            )
            for choice in choices
        ]
    )
    assert not [o for o in outcomes if isinstance(o, Exception)]
    assert Vote.objects.filter(ballot=ballot).count() == 1
    assert SecretChoice.objects.filter(ballot=ballot).count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_body_never_holds_more_seats_than_it_has_when_seated_at_once(secretariat_user, make_user):
    from datetime import date

    from governance.models import Body, Seat

    body = Body.objects.create(slug="wg-seats", kind=Body.Kind.WORKING_GROUP, seats=3)
    members = [make_member(make_user, f"s{n}") for n in range(10)]
    outcomes = run_in_parallel(
        *[
            (
                lambda organization=organization, person=person: services.seat_assign(
                    actor=secretariat_user,
                    body=body,
                    user=person,
                    organization=organization,
                    role="member",
                    term_start=date(2026, 1, 1),
                )
            )
            for organization, person in members
        ]
    )
    assert Seat.objects.filter(body=body).count() == 3
    refused = [o for o in outcomes if isinstance(o, Exception)]
    assert len(refused) == 7 and all(isinstance(o, services.Conflict) for o in refused)
