"""iCalendar (RFC 5545) for events: one event, an organisation's, all or a list's filter.

Streamed: events are written as they are read, in chunks, and the time zones they used
(VTIMEZONE, from zoneinfo) close the calendar, so memory stays flat for any number of events.
UIDs are the event's id at the site's host, so a subscribed calendar updates, never duplicates.
"""

from __future__ import annotations

import functools
import zoneinfo
from collections.abc import Iterable, Iterator
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

CHUNK = 500


@functools.lru_cache(maxsize=64)
def _vtimezone(name: str) -> bytes:
    return icalendar.Timezone.from_tzid(name).to_ical()


def uid_of(event) -> str:
    host = urlsplit(settings.SITE_URL).hostname or "sironet"
    return f"event-{event.pk}@{host}"


def _zone_name(event) -> str:
    try:
        zoneinfo.ZoneInfo(event.time_zone)
        return event.time_zone
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return "UTC"


def vevent(event, language: str) -> icalendar.Event:
    zone_name = _zone_name(event)
    zone = zoneinfo.ZoneInfo(zone_name)
    item = icalendar.Event()
    item.add("uid", uid_of(event))
    item.add("dtstamp", event.updated_at or timezone.now())
    item.add("last-modified", event.updated_at or timezone.now())
    item.add("summary", event.title.render(language).text)
    if event.description:
        item.add("description", event.description.render(language).text)
    item.add("dtstart", event.starts_at.astimezone(zone))
    item.add("dtend", event.ends_at.astimezone(zone))
    item.add(
        "location", ", ".join(part for part in (event.venue, event.city, event.country_id) if part)
    )
    item.add("categories", [event.kind])
    with translation.override(language):
        item.add(
            "url", settings.SITE_URL + reverse("exchanges:event", kwargs={"event_id": event.pk})
        )
    return item


def stream(events: Iterable, request=None) -> Iterator[bytes]:
    language = translation.get_language() or settings.LANGUAGE_CODE
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    yield (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//SIRONET//Events//EN\r\n"
        b"CALSCALE:GREGORIAN\r\nX-WR-CALNAME:SIRONET events\r\n"
    )
    zones: set[str] = set()
    iterator = events.iterator(chunk_size=CHUNK) if hasattr(events, "iterator") else iter(events)
    chunk: list[bytes] = []
    for event in iterator:
        if event.starts_at is None or event.ends_at is None:
            continue
        zones.add(_zone_name(event))
        chunk.append(vevent(event, language).to_ical())
        if len(chunk) >= 100:
            yield b"".join(chunk)
            chunk = []
    if chunk:
        yield b"".join(chunk)
    for name in sorted(zones - {"UTC"}):
        yield _vtimezone(name)
    yield b"END:VCALENDAR\r\n"
