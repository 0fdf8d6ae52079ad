"""The events lists, calendar, event page and API read the database a number of times that
does not grow with the rows they show."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.multilingual import MultilingualText
from exchanges.models import Session
from exchanges.tests.conftest import make_event

pytestmark = pytest.mark.django_db

URLS = [
    "/en/events/",
    "/en/events/?when=upcoming&kind=forum",
    "/en/events/?view=month",
    "/api/v1/events",
    "/api/v1/programmes",
    "/events.ics",
]


def count(client, url) -> int:
    client.get(url)  # what a process reads once
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200
    return len(queries.captured_queries)


def add_events(host, how_many, start=0):
    from exchanges.models import Programme

    programme = Programme.objects.create(title=MultilingualText.create("Series", "en"))
    programme.organizers.add(host)
    for n in range(start, start + how_many):
        event = make_event(host, days=n % 20 + 1, programme=programme)
        Session.objects.create(
            event=event,
            title=MultilingualText.create(f"Session {n}", "en"),
            starts_at=event.starts_at,
            ends_at=event.ends_at,
        )


@pytest.mark.parametrize("url", URLS)
def test_list_queries_do_not_grow(client, host, url):
    add_events(host, 1)
    one = count(client, url)
    add_events(host, 8, start=1)
    assert count(client, url) == one


def test_event_page_queries_do_not_grow_with_sessions(client, host, participant):
    event = make_event(host)
    client.force_login(participant)
    none = count(client, f"/en/events/{event.pk}/")

    def add_session(n):
        Session.objects.create(
            event=event,
            title=MultilingualText.create(f"Session {n}", "en"),
            starts_at=event.starts_at,
            ends_at=event.ends_at,
        )

    # The agenda is read only for an event that has one, in one query however long.
    add_session(0)
    one = count(client, f"/en/events/{event.pk}/")
    assert one == none + 1
    for n in range(1, 7):
        add_session(n)
    assert count(client, f"/en/events/{event.pk}/") == one


def test_an_event_read_once_answers_its_relations_as_the_orm_did(
    host, guest_org, django_assert_num_queries
):
    """selectors.event_detail reads its five queries written once per process and makes them
    into what select_related and prefetch_related gave: the same objects, no further query."""
    from exchanges import selectors
    from exchanges.models import Event, EventDocument
    from governance.models import NetworkDocument

    event = make_event(host)
    for n in (2, 1):
        Session.objects.create(
            event=event,
            title=MultilingualText.create(f"Session {n}", "en"),
            starts_at=event.starts_at.replace(hour=n),
            ends_at=event.ends_at,
        )
    event.co_organizers.add(guest_org)
    event.outcome_documents.add(
        NetworkDocument.objects.create(
            slug="consensus", kind="declaration", title=MultilingualText.create("Consensus", "en")
        )
    )
    EventDocument.objects.create(
        event=event, kind="outcome", title="Report", file="r.pdf", extension="pdf"
    )
    expected = (
        Event.objects.select_related("country", "organizer", "programme")
        .prefetch_related("sessions", "co_organizers", "outcome_documents", "documents")
        .get(pk=event.pk)
    )

    def described(e):
        return (
            [(f.attname, getattr(e, f.attname)) for f in Event._meta.concrete_fields],
            e.country.pk,
            e.organizer.slug,
            e.programme,
            [(s.pk, s.title.original_text, s.event.pk) for s in e.sessions.all()],
            [o.slug for o in e.co_organizers.all()],
            [d.slug for d in e.outcome_documents.all()],
            [(d.pk, d.kind, d.event.pk) for d in e.documents.all()],
        )

    with django_assert_num_queries(5):
        found = selectors.event_detail(event.pk)
    with django_assert_num_queries(0):
        assert described(found) == described(expected)
    assert found.sessions.filter(title__icontains="2").count() == 1  # a query, as before
    assert selectors.event_detail(event.pk + 1000) is None


def test_an_event_without_agenda_documents_or_partners_is_read_in_one_query(
    host, participant, django_assert_num_queries
):
    """Most events have none of those: their counts come with the event's row, and so do the
    places held, which its page shows."""
    from exchanges import selectors, services
    from exchanges.models import Registration

    empty = make_event(host, capacity=5)
    with django_assert_num_queries(1):  # no place held counts 0, not "unknown"
        assert services.places_left(selectors.event_detail(empty.pk)) == 5

    event = make_event(host, capacity=5)
    Registration.objects.create(
        event=event, user=participant, full_name="P", email="p@example.org", status="confirmed"
    )
    with django_assert_num_queries(1):
        found = selectors.event_detail(event.pk)
        assert found.sessions.all()[:] == [] and found.documents.all()[:] == []
        assert found.co_organizers.all()[:] == [] and found.outcome_documents.all()[:] == []
        assert services.places_left(found) == 4
    assert services.places_left(event) == 4  # counted afresh for an event read otherwise


def test_the_longest_span_of_the_events_is_counted_in_days(host):
    from datetime import timedelta

    from django.core.cache import cache

    from exchanges import selectors
    from exchanges.models import Event

    for days in (0, 3, 10):
        event = make_event(host)
        Event.objects.filter(pk=event.pk).update(ends_on=event.starts_on + timedelta(days=days))
    cache.clear()
    assert selectors.longest_span() == timedelta(days=10)
