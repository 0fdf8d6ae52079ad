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
    one = count(client, f"/en/events/{event.pk}/")
    for n in range(6):
        Session.objects.create(
            event=event,
            title=MultilingualText.create(f"Session {n}", "en"),
            starts_at=event.starts_at,
            ends_at=event.ends_at,
        )
    assert count(client, f"/en/events/{event.pk}/") == one
