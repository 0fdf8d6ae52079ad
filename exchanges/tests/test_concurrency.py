"""Capacity is never exceeded when many people register, cancel and accept at the same moment
(real parallel connections on PostgreSQL)."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections

from accounts.models import User
from exchanges import services
from exchanges.models import Registration
from exchanges.tests.conftest import make_event

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL for parallel writers"
    ),
]
# Parallel connections: 50 threads, each with its own connection, serve the 200 registrations,
# all starting together at a barrier. PostgreSQL's max_connections (100 by default) leaves
# room for the test's own connection and for other work on the same server.
CONNECTIONS = 50


def run_in_parallel(calls):
    """Every call at once over CONNECTIONS threads, each with its own connection; the threads
    start together at a barrier."""
    barrier = threading.Barrier(min(CONNECTIONS, len(calls)))
    local = threading.local()

    def run(call):
        if not getattr(local, "started", False):
            local.started = True
            barrier.wait(timeout=60)
        try:
            return call()
        except Exception as error:  # inspected by the test
            return error
        finally:
            connections.close_all()

    with ThreadPoolExecutor(CONNECTIONS) as pool:
        return list(pool.map(run, calls))


def people(count, prefix="p"):
    return User.objects.bulk_create(
        [User(email=f"{prefix}{n}@example.org", full_name=f"Person {n}") for n in range(count)]
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_200_people_for_the_last_10_places_exactly_10_confirmed(host):
    event = make_event(host, capacity=30)
    Registration.objects.bulk_create(
        [
            Registration(
                event=event, full_name=f"Early {n}", email=f"e{n}@example.org", status="confirmed"
            )
            for n in range(20)
        ]
    )
    crowd = people(200)

    outcomes = run_in_parallel(
        [
            lambda person=person: services.registration_register(actor=person, event=event)
            for person in crowd
        ]
    )

    assert not [o for o in outcomes if isinstance(o, Exception)]
    late = Registration.objects.filter(event=event, user__isnull=False)
    assert late.filter(status="confirmed").count() == 10
    assert late.filter(status="waiting").count() == 190
    assert services.places_held(event) == 30
    # Arrival order: everyone confirmed came before everyone waiting.
    last_confirmed = late.filter(status="confirmed").order_by("-id").first().pk
    first_waiting = late.filter(status="waiting").order_by("id").first().pk
    assert last_confirmed < first_waiting


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_racing_cancellations_and_acceptances_never_confirm_more_than_the_places(host):
    event = make_event(host, capacity=20)
    holders = people(20, "h")
    waiting = people(30, "w")
    for person in holders + waiting:
        services.registration_register(actor=person, event=event)
    mine = {r.user_id: r for r in Registration.objects.filter(event=event)}

    def cancel(person):
        return services.registration_cancel(actor=person, registration=mine[person.pk])

    def accept(person):
        return services.offer_accept(actor=person, registration=mine[person.pk])

    # Every holder cancels while the first 15 waiting try to accept, twice each, at once.
    calls = [lambda p=p: cancel(p) for p in holders]
    calls += [lambda p=p: accept(p) for p in waiting[:15]] * 2

    outcomes = run_in_parallel(calls)

    assert not [
        o for o in outcomes if not isinstance(o, Registration | ValidationError | PermissionDenied)
    ]
    assert services.places_held(event) <= event.capacity
    confirmed = Registration.objects.filter(event=event, status="confirmed").count()
    offered = Registration.objects.filter(event=event, status="offered").count()
    assert confirmed + offered == event.capacity  # every freed place passed on, none twice
    assert Registration.objects.filter(event=event, status="cancelled").count() == 20
    assert Registration.objects.filter(event=event, status="waiting").count() == 10
    # Places went to the first twenty waiting, in arrival order.
    placed = set(
        Registration.objects.filter(event=event, status__in=["confirmed", "offered"]).values_list(
            "user_id", flat=True
        )
    )
    assert placed == {person.pk for person in waiting[:20]}
