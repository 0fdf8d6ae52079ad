"""Counts stay exact when committee members vote at the same moment (real parallel connections)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from members import services
from members.models import ApplicationVote, MembershipApplication, Organization, StatusChange

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL for parallel writers"
    ),
]


def run_in_parallel(*calls):
    """Start every call at the same instant, each on its own database connection."""
    barrier = threading.Barrier(len(calls))
    outcomes: list = [None] * len(calls)

    def worker(index, call):
        try:
            barrier.wait()
            outcomes[index] = call()
        except Exception as error:  # collected and inspected by the test
            outcomes[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_parallel_votes_decide_exactly_once(submitted, secretariat_user, committee_members):
    services.application_forward(actor=secretariat_user, application=submitted)

    # Four members vote at once; quorum is two, so any two approvals decide.
    outcomes = run_in_parallel(
        *[
            (
                lambda member=member: services.application_vote(
                    actor=member, application=submitted, choice="approve"
                )
            )
            for member in committee_members
        ]
    )

    application = MembershipApplication.objects.get(pk=submitted.pk)
    assert application.status == MembershipApplication.Status.APPROVED
    organization = Organization.objects.get(pk=application.organization_id)
    assert organization.status == Organization.Status.MEMBER
    assert StatusChange.objects.filter(organization=organization, to_status="member").count() == 1
    recorded = ApplicationVote.objects.filter(application=application).count()
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert (
        recorded + len(refused) == 4
    )  # late voters are told the vote is over, never double counted
    assert recorded >= 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_same_member_voting_twice_at_once_counts_once(
    submitted, secretariat_user, committee_members
):
    services.application_forward(actor=secretariat_user, application=submitted)
    member = committee_members[0]

    outcomes = run_in_parallel(
        *[
            (
                lambda: services.application_vote(
                    actor=member, application=submitted, choice="approve"
                )
            )
        ]
        * 3
    )

    assert ApplicationVote.objects.filter(application=submitted, voter=member).count() == 1
    assert sum(isinstance(o, ValidationError) for o in outcomes) == 2
