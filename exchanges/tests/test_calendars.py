"""iCalendar feeds: each parses, carries VTIMEZONE for the event's zone and stable UIDs."""

import icalendar
import pytest

from core.multilingual import MultilingualText
from exchanges.tests.conftest import make_event

pytestmark = pytest.mark.django_db


def parsed(response) -> icalendar.Calendar:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(body)


def test_one_event_with_its_time_zone_and_a_stable_uid(client, event):
    first = parsed(client.get(f"/events/{event.pk}.ics"))
    event.city = "Xi'an"
    event.save()
    second = parsed(client.get(f"/events/{event.pk}.ics"))

    (vevent,) = first.walk("VEVENT")
    assert [tz["TZID"] for tz in first.walk("VTIMEZONE")] == ["Asia/Shanghai"]
    assert vevent["DTSTART"].params["TZID"] == "Asia/Shanghai"
    assert vevent.decoded("DTSTART") == event.starts_at
    assert (
        str(vevent["UID"]) == str(second.walk("VEVENT")[0]["UID"]) == f"event-{event.pk}@127.0.0.1"
    )
    assert "Xi'an" in str(second.walk("VEVENT")[0]["LOCATION"])


def test_all_events_and_a_filter(client, event, host):
    make_event(
        host,
        kind="webinar",
        time_zone="Europe/Moscow",
        title=MultilingualText.create("Online", "en"),
    )

    everything = parsed(client.get("/events.ics"))
    webinars = parsed(client.get("/events.ics", {"kind": "webinar"}))

    assert len(everything.walk("VEVENT")) == 2
    assert {tz["TZID"] for tz in everything.walk("VTIMEZONE")} == {"Asia/Shanghai", "Europe/Moscow"}
    assert [str(e["SUMMARY"]) for e in webinars.walk("VEVENT")] == ["Online"]


def test_an_organisations_events(client, event, host, guest_org):
    make_event(guest_org, title=MultilingualText.create("Elsewhere", "en"))
    feed = parsed(client.get(f"/events/organisations/{host.slug}.ics"))
    assert [str(e["SUMMARY"]) for e in feed.walk("VEVENT")] == ["Silk Road Youth Forum"]
    assert client.get("/events/organisations/nobody.ics").status_code == 404


def test_a_feed_larger_than_a_chunk_is_streamed(client, host, monkeypatch):
    from exchanges import calendars

    monkeypatch.setattr(calendars, "CHUNK", 2)
    for n in range(3):
        make_event(host, days=n + 1)
    response = client.get("/events.ics")
    assert response.streaming
    assert len(parsed(response).walk("VEVENT")) == 3


def test_a_small_feed_asked_again_comes_from_the_page_cache(
    client, event, host, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    first = client.get("/events.ics", {"kind": event.kind})
    assert not first.streaming
    with django_assert_max_num_queries(1):  # the events' data version only
        again = client.get("/events.ics", {"kind": event.kind})
    assert again.content == first.content
    assert again["Content-Disposition"] == 'inline; filename="events.ics"'
    assert again["Content-Type"].startswith("text/calendar")

    # A new event is in the feed at once: the cache is kept under the events' version.
    with django_capture_on_commit_callbacks(execute=True):
        make_event(host, kind=event.kind, title=MultilingualText.create("Later", "en"))
    summaries = [
        str(e["SUMMARY"])
        for e in parsed(client.get("/events.ics", {"kind": event.kind})).walk("VEVENT")
    ]
    assert "Later" in summaries


@pytest.mark.parametrize("zone", ["Asia/Shanghai", "UTC", "Etc/GMT+5", "Nowhere/Atlantis"])
@pytest.mark.parametrize("language", ["en", "zh-hans", "ar"])
def test_the_feed_writes_each_event_as_icalendar_does(host, zone, language):
    """The feeds write events themselves (ten times faster): line for line what icalendar
    writes, with escapes, long lines folded inside multi-byte text, and time zones."""
    from exchanges.calendars import Writer, vevent

    event = make_event(
        host,
        time_zone=zone,
        venue="Hall A; wing 2, \\ floor\n3",
        title=MultilingualText.create(
            "Форум — " + "丝绸之路民间合作网络论坛" * 4, "ru", en="Forum, the " + "long " * 20
        ),
        description=MultilingualText.create("a^b\\c " * 40 + "مرحبا" * 30, "ar"),
    )
    assert Writer(language)(event) == vevent(event, language).to_ical()


def test_a_feed_longer_than_a_chunk_has_every_event_once_in_order(client, host, monkeypatch):
    from exchanges import calendars

    monkeypatch.setattr(calendars, "CHUNK", 2)
    events = [make_event(host, days=n + 1) for n in range(5)]
    feed = parsed(client.get("/events.ics"))
    assert [str(e["UID"]).split("@")[0] for e in feed.walk("VEVENT")] == [
        f"event-{event.pk}" for event in sorted(events, key=lambda e: e.pk)
    ]
