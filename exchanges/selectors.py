"""Reads about events for the pages, the API and the calendars; query counts bounded."""

from __future__ import annotations

import calendar
import hashlib
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, timedelta

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connection
from django.db.models import (
    Case,
    Count,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone

from core import data_versions
from core.multilingual import MultilingualText
from core.prepared import Prepared, columns, count_column, made, prefetched, prepared, split
from exchanges.models import Event, EventDocument, Programme, Registration, Session
from search import selectors as search_selectors
from search.registry import PUBLIC, Document

WHEN_CHOICES = ("upcoming", "past")


@dataclass(frozen=True)
class EventFilters:
    q: str = ""
    country: str = ""
    region: str = ""
    area: str = ""
    kind: str = ""
    programme: str = ""
    organizer: str = ""
    when: str = ""

    @classmethod
    def from_query(cls, data) -> EventFilters:
        return cls(
            **{
                name: str(data.get(name) or "").strip()[:200]
                for name in cls.__dataclass_fields__  # type: ignore[attr-defined]
            }
        ).cleaned()

    def cleaned(self) -> EventFilters:
        return replace(
            self,
            country=self.country.upper()[:2],
            kind=self.kind if self.kind in Event.Kind.values else "",
            when=self.when if self.when in WHEN_CHOICES else "",
            programme=self.programme
            if self.programme.isdigit() and len(self.programme) < 12
            else "",
            region=self.region if self.region.isdigit() and len(self.region) <= 3 else "",
        )

    def as_query(self) -> dict[str, str]:
        return {k: v for k, v in self.__dict__.items() if v}


COUNTS_CACHE_SECONDS = 60 * 60


def events_version() -> str:
    return data_versions.current(data_versions.EVENTS)


def longest_span() -> timedelta:
    """The longest an event lasts (`ends_on - starts_on`), read once per version of the events.

    An event that ends on or after a day starts at most this long before it, so a range of days
    becomes a range of `starts_on`, which the (starts_on, id) index reads directly instead of
    walking every event before it."""
    key = f"exchanges:longest-span:{events_version()}"
    days = cache.get(key)
    if days is None:
        # In each database's own date arithmetic: on SQLite the ORM's subtraction of dates calls
        # a Python function for each of the 20,000 events, on every page the cache has lost.
        table = Event._meta.db_table
        span = (
            "julianday(ends_on) - julianday(starts_on)"
            if connection.vendor == "sqlite"
            else "ends_on - starts_on"
        )
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT MAX({span}) FROM {table}")  # noqa: S608 - our own names
            longest = cursor.fetchone()[0]
        days = int(longest or 0)
        cache.set(key, days, COUNTS_CACHE_SECONDS)
    return timedelta(days=days)


def _ending_from(events: QuerySet[Event], first: date) -> QuerySet[Event]:
    """Events ending on or after `first` (with the equivalent bound on `starts_on`)."""
    return events.filter(ends_on__gte=first, starts_on__gte=first - longest_span())


def _filtered(filters: EventFilters, *, skip: str = "") -> QuerySet[Event]:
    events = Event.objects.all()
    if filters.q:
        matching = search_selectors.matching_ids("event", filters.q)
        if matching is not None:
            events = events.filter(pk__in=matching)
    if filters.country and skip != "country":
        events = events.filter(country_id=filters.country)
    if filters.region:
        events = events.filter(country__region_id=filters.region)
    if filters.area:
        events = events.filter(areas__slug=filters.area)
    if filters.kind and skip != "kind":
        events = events.filter(kind=filters.kind)
    if filters.programme:
        events = events.filter(programme_id=int(filters.programme))
    if filters.organizer:
        events = events.filter(
            Q(organizer__slug=filters.organizer) | Q(co_organizers__slug=filters.organizer)
        ).distinct()
    today = timezone.localdate()
    if filters.when == "upcoming" and skip != "when":
        events = _ending_from(events, today)
    elif filters.when == "past" and skip != "when":
        # starts_on <= ends_on: the same events, with a bound the starts_on index reads.
        events = events.filter(ends_on__lt=today, starts_on__lt=today)
    return events


def event_list(filters: EventFilters) -> QuerySet[Event]:
    # Not the country: readers see its name (core.models.country_name), programs its code, and
    # joining it lets the database start from the countries and sort every event of them.
    events = _filtered(filters).select_related("organizer", "programme")
    if filters.when == "upcoming":
        return events.order_by("starts_on", "id")
    return events.order_by("-starts_on", "-id")


LIST_ROW_FIELDS = ("pk", "title", "kind", "starts_on", "ends_on", "city", "country_id")


def event_list_rows(filters: EventFilters) -> QuerySet:
    """event_list's events as the list's rows show them: named rows of LIST_ROW_FIELDS, not
    events with their organiser and programme (which the rows do not show)."""
    events = _filtered(filters)
    ordered = (
        events.order_by("starts_on", "id")
        if filters.when == "upcoming"
        else events.order_by("-starts_on", "-id")
    )
    return ordered.values_list(*LIST_ROW_FIELDS, named=True)


# The same query for every page: written in SQL once per process.
_programme_titles = Prepared(
    lambda: Programme.objects.order_by("-created_at", "-id").values_list("pk", "title")[:200]
)


def programme_choices(language: str) -> list[tuple[int, str]]:
    """The list's programme filter: the 200 latest programmes, titled in the reader's language."""
    return [(pk, title.render(language).text) for pk, title in _programme_titles()]


CALENDAR_FIELDS = (
    "id",
    "title",
    "description",
    "kind",
    "city",
    "country_id",
    "venue",
    "starts_at",
    "ends_at",
    "time_zone",
    "updated_at",
)


def calendar_events(filters: EventFilters) -> QuerySet[Event]:
    """The events of a feed (exchanges.calendars), oldest first: only what a VEVENT shows."""
    return event_list(filters).select_related(None).only(*CALENDAR_FIELDS).order_by("id")


def event_counts(filters: EventFilters) -> dict:
    """How many events the filters select, and how many of them by kind and by when.

    One query counts the events of the other filters by kind and by when (upcoming or past);
    kind and when are then applied here. Cached until the events change (or the day does), the
    same for every page, view, month and language, and for every kind and when."""
    base = replace(filters, kind="", when="")
    query = hashlib.sha256(repr(sorted(base.as_query().items())).encode()).hexdigest()
    key = f"exchanges:counts:{events_version()}:{timezone.localdate()}:{query}"
    rows = cache.get(key)
    if rows is None:
        rows = _counted_by_kind_and_when(base)
        cache.set(key, rows, COUNTS_CACHE_SECONDS)
    by_kind: Counter = Counter()
    when = {"upcoming": 0, "past": 0}
    total = 0
    for kind, upcoming, n in rows:
        moment = "upcoming" if upcoming else "past"
        if not filters.when or filters.when == moment:
            by_kind[kind] += n
        if not filters.kind or filters.kind == kind:
            when[moment] += n
            if not filters.when or filters.when == moment:
                total += n
    return {"total": total, "kind": dict(by_kind), "when": when}


def _counted_by_kind_and_when(filters: EventFilters) -> list[tuple[str, bool, int]]:
    today = timezone.localdate()
    rows = (
        _filtered(filters)
        .order_by()
        .annotate(upcoming=Case(When(ends_on__gte=today, then=Value(True)), default=Value(False)))
        .values_list("kind", "upcoming")
        .annotate(n=Count("id", distinct=bool(filters.organizer or filters.area)))
    )
    return [(kind, bool(upcoming), n) for kind, upcoming, n in rows]


def month_grid(filters: EventFilters, year: int, month: int) -> list[list[dict]]:
    """The weeks of a month, each day with the events on it (one query)."""
    first = date(year, month, 1)
    last = date(year, month, calendar.monthrange(year, month)[1])
    events = list(
        _ending_from(_filtered(replace(filters, when="")), first)
        .filter(starts_on__lte=last)
        .order_by("starts_on", "id")
        # Named rows, not events: a month shows a hundred or more, and making each an Event
        # cost the calendar more than its query.
        .values_list("pk", "title", "starts_on", "ends_on", "kind", named=True)[:500]
    )
    weeks = [
        [{"day": day, "in_month": day.month == month, "events": []} for day in week]
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    ]
    cells = {cell["day"]: cell for week in weeks for cell in week}
    shown_from, shown_to = weeks[0][0]["day"], weeks[-1][-1]["day"]
    for event in events:  # in order of start, so each day lists them in that order
        day = max(event.starts_on, shown_from)
        while day <= min(event.ends_on, shown_to):
            cells[day]["events"].append(event)
            day += timedelta(days=1)
    return weeks


# Counted with the event's row: most events have no sessions, documents, co-organisers or
# outcome documents, and asking for each (four round trips) cost their page more than the rest
# of its reads; the places held ride along too.
_EVENT_COUNTS = {
    "sessions_count": lambda: Session.objects.filter(event=OuterRef("pk")),
    "documents_count": lambda: EventDocument.objects.filter(event=OuterRef("pk")),
    "co_organizers_count": lambda: Event.co_organizers.through.objects.filter(event=OuterRef("pk")),
    "outcomes_count": lambda: Event.outcome_documents.through.objects.filter(event=OuterRef("pk")),
    "places_held_count": lambda: Registration.objects.filter(
        event=OuterRef("pk"), status__in=Registration.HOLDING
    ),
}


def _event_query(event_id: int) -> QuerySet:
    from core.models import Country
    from members.models import Organization

    return (
        Event.objects.filter(pk=event_id)
        .order_by()
        .annotate(**{name: count_column(related()) for name, related in _EVENT_COUNTS.items()})
        .values_list(
            *columns(Event),
            *columns(Country, "country__"),
            *columns(Organization, "organizer__"),
            *columns(Programme, "programme__"),
            *_EVENT_COUNTS,
        )
    )


def _co_organizers_query(event_id: int) -> QuerySet:
    from members.models import Organization

    return Organization.objects.filter(co_organized_events=event_id).values_list(
        *columns(Organization)
    )


def _outcome_documents_query(event_id: int) -> QuerySet:
    documents = Event.outcome_documents.field.related_model  # governance's network documents
    return documents.objects.filter(events=event_id).values_list(*columns(documents))


# Written in SQL once per process: building and compiling them cost the event's page more than
# the database's answers. The rows are made into what select_related and prefetch_related gave.
_event_row = Prepared(_event_query)
_event_sessions = Prepared(
    lambda event_id: Session.objects.filter(event_id=event_id).values_list(*columns(Session))
)
_event_co_organizers = Prepared(_co_organizers_query)
_event_outcome_documents = Prepared(_outcome_documents_query)
_event_documents = Prepared(
    lambda event_id: EventDocument.objects.filter(event_id=event_id).values_list(
        *columns(EventDocument)
    )
)


def event_detail(event_id: int) -> Event | None:
    """An event with what its page, its report and the API show (not its key areas: none
    of them shows those, and each relation prefetched is a query): what
    select_related("country", "organizer", "programme") and prefetch_related("sessions",
    "co_organizers", "outcome_documents", "documents") gave, in one query for an event without
    any of those relations and one more for each it has. `event.places_held_now` is the count
    of places held as read with it (services.places_left uses it)."""
    from core.models import Country
    from members.models import Organization

    found = _event_row(event_id)
    if not found:
        return None
    db = DEFAULT_DB_ALIAS
    row = found[0]
    *values, counts = split(row, Event, Country, Organization, Programme, len(_EVENT_COUNTS))
    event, country, organizer, programme = (
        made(model, part, db)
        for model, part in zip((Event, Country, Organization, Programme), values, strict=True)
    )
    sessions, documents, co_organizers, outcomes, held = counts
    event.places_held_now = held
    Event.country.field.set_cached_value(event, country)
    Event.organizer.field.set_cached_value(event, organizer)
    Event.programme.field.set_cached_value(event, programme)
    for name, model, count, read in (
        ("sessions", Session, sessions, _event_sessions),
        ("documents", EventDocument, documents, _event_documents),
    ):
        objects = [made(model, row, db) for row in read(event.pk)] if count else []
        for item in objects:  # as prefetch_related sets them
            model.event.field.set_cached_value(item, event)
        prefetched(event, name, objects)
    prefetched(
        event,
        "co_organizers",
        [made(Organization, row, db) for row in _event_co_organizers(event.pk)]
        if co_organizers
        else [],
    )
    prefetched(
        event,
        "outcome_documents",
        [
            made(Event.outcome_documents.field.related_model, row, db)
            for row in _event_outcome_documents(event.pk)
        ]
        if outcomes
        else [],
    )
    return event


def programme_list() -> QuerySet[Programme]:
    return Programme.objects.prefetch_related("organizers", "countries", "areas").annotate(
        event_count=Count("events", distinct=True)
    )


def organization_events(organization_id: int) -> list[Event]:
    """The twenty latest events an organisation organises or co-organises, with what its
    profile shows of them (title, date, place)."""
    return _organization_events(organization_id)


@prepared
def _organization_events(organization_id: int):
    # Their ids are a union of two subqueries, each read through its own index: a join made
    # SQLite walk every event by date, and `organizer OR id IN (co-organisers)` made PostgreSQL
    # read them all. Prepared: a profile nobody has opened yet is a common first visit.
    organised = Event.objects.filter(organizer_id=organization_id).order_by().values("pk")
    co_organised = (
        Event.co_organizers.through.objects.filter(organization_id=organization_id)
        .order_by()
        .values("event_id")
    )
    return (
        Event.objects.filter(pk__in=organised.union(co_organised))
        .only("pk", "title", "starts_on", "city", "country_id")
        .order_by("-starts_on", "-id")[:20]
    )


# --- registrations (organisers) ----------------------------------------------------------------


@dataclass(frozen=True)
class RegistrationFilters:
    status: str = ""
    country: str = ""
    organization: str = ""
    language: str = ""
    q: str = ""

    @classmethod
    def from_query(cls, data) -> RegistrationFilters:
        values = {
            name: str(data.get(name) or "").strip()[:100]
            for name in cls.__dataclass_fields__  # type: ignore[attr-defined]
        }
        if values["status"] not in Registration.Status.values:
            values["status"] = ""
        return cls(**values)


def registrations_of(event: Event, filters: RegistrationFilters | None = None) -> QuerySet:
    filters = filters or RegistrationFilters()
    rows = Registration.objects.filter(event=event).select_related(
        "organization", "country", "check_in", "visa_letter"
    )
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.country:
        rows = rows.filter(country_id=filters.country.upper()[:2])
    if filters.organization:
        rows = rows.filter(organization__slug=filters.organization)
    if filters.language:
        rows = rows.filter(language=filters.language)
    if filters.q:
        rows = rows.filter(
            Q(full_name__icontains=filters.q)
            | Q(email__icontains=filters.q)
            | Q(code=filters.q.upper())
        )
    return rows.order_by("id")


def registration_counts(event: Event) -> dict:
    """Counts by status, and of people holding places by country, organisation and language."""
    rows = Registration.objects.filter(event=event)
    by_status = dict(rows.order_by().values_list("status").annotate(n=Count("id")))
    holding = rows.filter(status__in=Registration.HOLDING).order_by()
    by_country = Counter(dict(holding.values_list("country_id").annotate(n=Count("id"))))
    by_org = Counter(dict(holding.values_list("organization__slug").annotate(n=Count("id"))))
    by_language = Counter(dict(holding.values_list("language").annotate(n=Count("id"))))
    checked_in = rows.filter(check_in__isnull=False).count()
    return {
        "status": by_status,
        "country": sorted(by_country.items(), key=lambda kv: -kv[1]),
        "organization": sorted(by_org.items(), key=lambda kv: -kv[1]),
        "language": sorted(by_language.items(), key=lambda kv: -kv[1]),
        "checked_in": checked_in,
    }


def event_report(event: Event) -> dict:
    """What an event reached, in figures that outlive the personal data (anonymising keeps the
    country, organisation and language of each registration): participants by country and by
    language, check-ins, feedback."""
    from django.db.models import Avg

    confirmed = Registration.objects.filter(event=event, status=Registration.Status.CONFIRMED)
    by_country = list(
        confirmed.order_by().values_list("country_id").annotate(n=Count("id")).order_by("-n")
    )
    by_language = list(
        confirmed.order_by().values_list("language").annotate(n=Count("id")).order_by("-n")
    )
    organisations = confirmed.exclude(organization=None).values("organization").distinct().count()
    feedback = confirmed.filter(feedback__isnull=False).aggregate(
        count=Count("feedback"), average=Avg("feedback__rating")
    )
    if event.anonymised_at:
        by_gender = dict(event.gender_counts or {})
    else:
        by_gender = dict(
            confirmed.exclude(gender="").order_by().values_list("gender").annotate(n=Count("id"))
        )
    return {
        "by_gender": sorted(by_gender.items(), key=lambda pair: -pair[1]),
        "participants": confirmed.count(),
        "checked_in": confirmed.filter(check_in__isnull=False).count(),
        "organisations": organisations,
        "by_country": by_country,
        "by_language": by_language,
        "feedback": feedback,
    }


def my_registrations(user, event: Event) -> list[Registration]:
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        Registration.objects.filter(event=event)
        .filter(Q(user=user) | Q(registered_by=user))
        .select_related("organization", "visa_letter", "check_in")
        .order_by("id")
    )


# --- search (registered in exchanges/apps.py) --------------------------------------------------


def _bodies(text: MultilingualText | None) -> dict[str, str]:
    return {k: v[:2000] for k, v in text.text.items()} if text else {}


def events_for_search() -> QuerySet[Event]:
    return Event.objects.prefetch_related("areas")


def event_search_document(event: Event) -> Document:
    return Document(
        titles=dict(event.title.text),
        original_language=event.title.original,
        url_kwargs={"event_id": event.pk},
        bodies=_bodies(event.description),
        keywords=f"{event.city} {event.kind} {event.starts_on.year}",
        visibility=PUBLIC,
        countries=[event.country_id],
        areas=[area.slug for area in event.areas.all()],
        status=event.kind,
    )


def programmes_for_search() -> QuerySet[Programme]:
    return Programme.objects.prefetch_related("countries", "areas")


def programme_search_document(programme: Programme) -> Document:
    return Document(
        titles=dict(programme.title.text),
        original_language=programme.title.original,
        url_kwargs={"programme_id": programme.pk},
        bodies=_bodies(programme.description),
        visibility=PUBLIC,
        countries=[c.code for c in programme.countries.all()],
        areas=[a.slug for a in programme.areas.all()],
    )
