"""The API for events: public lists of events and programmes; registering (oneself, a
delegation), cancelling and accepting an offer; organisers' registrations and check-in. Every
write goes through exchanges.services, like the pages."""

from datetime import date, datetime, time
from typing import Annotated, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Path, Query, Router, Schema, Status, UploadedFile
from ninja.decorators import decorate_view
from ninja.pagination import paginate

from accounts.auth import authenticated
from core import data_versions
from core.page_cache import cache_anonymous_page
from core.pagination import Pagination
from core.schemas import TitledOut
from exchanges import selectors, services
from exchanges.models import Event, EventDocument, Registration
from members.models import Organization
from members.rules import may

router = Router()
cached = decorate_view(cache_anonymous_page(version=data_versions.reader(data_versions.EVENTS)))
events = Router(tags=["events"])
registrations = Router(tags=["events"], auth=authenticated)

EventKind = Literal[tuple(Event.Kind.values)]  # type: ignore[valid-type]
RegistrationStatus = Literal[tuple(Registration.Status.values)]  # type: ignore[valid-type]
DocumentKind = Literal[tuple(EventDocument.Kind.values)]  # type: ignore[valid-type]
Id = Annotated[int, Path(ge=1, le=2**62)]
LanguageCode = Annotated[str, Field(min_length=2, max_length=10)]


class EventOut(TitledOut):
    id: int
    title: str = Field(..., description="The title in its original language.")
    title_language: str
    titles: dict[str, str]
    kind: EventKind
    programme: int | None
    city: str
    country: str
    starts_on: date
    ends_on: date
    starts_at: datetime | None
    ends_at: datetime | None
    time_zone: str
    working_languages: list[str]
    interpretation: list[str]
    capacity: int | None
    organizer: str | None
    url: str

    @staticmethod
    def resolve_title_language(obj) -> str:
        return obj.title.original

    @staticmethod
    def resolve_programme(obj) -> int | None:
        return obj.programme_id

    @staticmethod
    def resolve_country(obj) -> str:
        return obj.country_id

    @staticmethod
    def resolve_organizer(obj) -> str | None:
        return obj.organizer.slug if obj.organizer_id else None

    @staticmethod
    def resolve_url(obj) -> str:
        return reverse("exchanges:event", kwargs={"event_id": obj.pk})


class SessionOut(TitledOut):
    title: str
    titles: dict[str, str]
    starts_at: datetime
    ends_at: datetime
    speakers: list[str]


class EventDocumentOut(Schema):
    id: int
    kind: str
    title: str
    language: str
    size: int
    url: str

    @staticmethod
    def resolve_url(obj) -> str:
        return reverse(
            "exchanges:document", kwargs={"event_id": obj.event_id, "document_id": obj.pk}
        )


class EventDetailOut(EventOut):
    description: str | None
    sessions: list[SessionOut]
    places_left: int | None
    documents: list[EventDocumentOut]

    @staticmethod
    def resolve_documents(obj) -> list:
        return list(obj.documents.all())

    @staticmethod
    def resolve_description(obj) -> str | None:
        return obj.description.original_text if obj.description else None

    @staticmethod
    def resolve_sessions(obj) -> list:
        return list(obj.sessions.all())

    @staticmethod
    def resolve_places_left(obj) -> int | None:
        return services.places_left(obj)


class ProgrammeOut(TitledOut):
    id: int
    title: str
    titles: dict[str, str]
    organizers: list[str]
    countries: list[str]
    areas: list[str]
    events: int

    @staticmethod
    def resolve_organizers(obj) -> list[str]:
        return [o.slug for o in obj.organizers.all()]

    @staticmethod
    def resolve_countries(obj) -> list[str]:
        return [c.code for c in obj.countries.all()]

    @staticmethod
    def resolve_areas(obj) -> list[str]:
        return [a.slug for a in obj.areas.all()]

    @staticmethod
    def resolve_events(obj) -> int:
        return obj.event_count


class EventQuery(Schema):
    q: str = Field("", max_length=200)
    country: str = Field("", max_length=2)
    region: str = Field("", max_length=3)
    area: str = Field("", max_length=40)
    kind: EventKind | Literal[""] = ""
    programme: int | None = Field(None, ge=1, le=2**62)
    when: Literal["", "upcoming", "past"] = ""


@events.get("/events", response=list[EventOut], operation_id="list_events", url_name="list_events")
@cached
@paginate(Pagination)
def list_events(request, filters: Query[EventQuery]):
    """Events, filtered like the events page; upcoming ones soonest first, others latest first."""
    data = filters.dict()
    data["programme"] = str(data["programme"] or "")
    return selectors.event_list(selectors.EventFilters(**data).cleaned())


@events.get("/events/{event_id}", response=EventDetailOut, operation_id="get_event")
@cached
def get_event(request, event_id: Id):
    event = selectors.event_detail(event_id)
    if event is None:
        raise Http404
    return event


@events.get("/programmes", response=list[ProgrammeOut], operation_id="list_programmes")
@cached
@paginate(Pagination)
def list_programmes(request):
    return selectors.programme_list()


# --- organisers: events, programmes, documents ----------------------------------------------------


class EventPatchIn(Schema):
    """What organisers change about an event; what is left out stays as it is."""

    original_language: LanguageCode | None = Field(
        None, description="The language the title and description were written in."
    )
    titles: dict[LanguageCode, Annotated[str, Field(max_length=200)]] | None = Field(
        None,
        max_length=10,
        description="The title in each language (all of them: those left out are removed); "
        "one in the original language.",
    )
    descriptions: dict[LanguageCode, Annotated[str, Field(max_length=20000)]] | None = Field(
        None, max_length=10, description="The description in each language (all of them)."
    )
    kind: EventKind | None = None
    city: Annotated[str, Field(min_length=1, max_length=100)] | None = None
    country: Annotated[str, Field(min_length=2, max_length=2)] | None = None
    venue: Annotated[str, Field(max_length=200)] | None = None
    online_link: Annotated[str, Field(max_length=200)] | None = Field(
        None, description="Shown to confirmed participants only; empty for none."
    )
    starts_at: datetime | None = Field(
        None, description="Without an offset, read in the event's time zone."
    )
    ends_at: datetime | None = None
    time_zone: Annotated[str, Field(min_length=1, max_length=64)] | None = Field(
        None,
        description="An IANA zone. Changed alone, the times stay the same moments.",
    )
    working_languages: list[LanguageCode] | None = Field(None, max_length=10)
    interpretation: list[LanguageCode] | None = Field(None, max_length=10)
    capacity: Annotated[int, Field(ge=1, le=1_000_000)] | None = Field(
        None, description="The places; null for no limit. Never fewer than the places held."
    )
    registration_opens_at: datetime | None = Field(None, description="Null: open now.")
    registration_closes_at: datetime | None = Field(None, description="Null: until it starts.")
    review_registrations: bool | None = Field(
        None, description="Organisers confirm each registration (else while places are left)."
    )
    offer_hours: Annotated[int, Field(ge=1, le=720)] | None = None
    delegation_quota: Annotated[int, Field(ge=1, le=1000)] | None = None
    ask_gender: bool | None = None


# Fields that may be set to null (no limit, no date); the others' null means "unchanged".
NULLABLE = {"capacity", "registration_opens_at", "registration_closes_at"}


def _event_as_it_is(event: Event) -> dict:
    """The event's current values, as event_update takes them."""
    return {
        "original_language": event.title.original,
        "titles": dict(event.title.text),
        "descriptions": dict(event.description.text) if event.description else {},
        "kind": event.kind,
        "city": event.city,
        "country": event.country_id,
        "venue": event.venue,
        "online_link": event.online_link,
        # an event made in the back office may have days only: their start and end, in its zone
        "starts_at": event.starts_at or datetime.combine(event.starts_on, time.min),
        "ends_at": event.ends_at
        or datetime.combine(event.ends_on, time.max.replace(microsecond=0)),
        "time_zone": event.time_zone,
        "working_languages": list(event.working_languages),
        "interpretation": list(event.interpretation),
        "capacity": event.capacity,
        "registration_opens_at": event.registration_opens_at,
        "registration_closes_at": event.registration_closes_at,
        "review_registrations": event.review_registrations,
        "offer_hours": event.offer_hours,
        "delegation_quota": event.delegation_quota,
        "ask_gender": event.ask_gender,
    }


@events.patch(
    "/events/{event_id}", response=EventDetailOut, operation_id="update_event", auth=authenticated
)
def update_event(request, event_id: Id, payload: EventPatchIn):
    """Organisers and the Secretariat change an event, with the checks of its edit page."""
    event = get_object_or_404(Event, pk=event_id)
    changes = {
        name: value
        for name, value in payload.dict(exclude_unset=True).items()
        if value is not None or name in NULLABLE
    }
    services.event_update(actor=request.user, event=event, **{**_event_as_it_is(event), **changes})
    return selectors.event_detail(event_id)


class ProgrammeIn(Schema):
    title: Annotated[str, Field(min_length=1, max_length=200)]
    language: LanguageCode = Field(..., description="The language the title is written in.")
    translations: dict[LanguageCode, Annotated[str, Field(max_length=200)]] = Field(
        default_factory=dict, max_length=10, description="The title in other languages."
    )
    description: str = Field("", max_length=20000)
    organizers: list[Annotated[str, Field(min_length=1, max_length=100)]] = Field(
        default_factory=list,
        max_length=20,
        description="Slugs of the organising member organisations (the caller an admin of "
        "each; the Secretariat may leave it empty).",
    )
    countries: list[Annotated[str, Field(min_length=2, max_length=2)]] = Field(
        default_factory=list, max_length=50, description="Partner countries (ISO codes)."
    )
    areas: list[Annotated[str, Field(min_length=1, max_length=40)]] = Field(
        default_factory=list, max_length=20, description="Key areas (slugs)."
    )
    events: list[Annotated[int, Field(ge=1, le=2**31 - 1)]] = Field(
        default_factory=list, max_length=200, description="Events it groups (their organisers)."
    )


def _rows_named(model, field: str, values: list, name: str, message: str) -> list:
    """The rows `values` name, or a 400 naming the field if any is unknown."""
    rows = list(model.objects.filter(**{f"{field}__in": values}))
    if len(rows) != len(set(values)):
        raise ValidationError({name: message})
    return rows


@events.post(
    "/programmes", response={201: ProgrammeOut}, operation_id="create_programme", auth=authenticated
)
def create_programme(request, payload: ProgrammeIn):
    """The Secretariat, or an admin of each organising member organisation, create a
    programme, grouping events they organise."""
    if not may(request.user, "exchanges.create_programme"):
        raise PermissionDenied
    data = payload.dict()
    organizers = _rows_named(
        Organization,
        "slug",
        data.pop("organizers"),
        "organizers",
        _("Choose member organisations from the list."),
    )
    events = _rows_named(
        Event, "pk", data.pop("events"), "events", _("Choose events from the list.")
    )
    programme = services.programme_create(
        actor=request.user, organizers=organizers, events=events, **data
    )
    return Status(201, selectors.programme_list().get(pk=programme.pk))


@events.post(
    "/events/{event_id}/documents",
    response={201: EventDocumentOut},
    operation_id="add_event_document",
    auth=authenticated,
)
def add_document(
    request,
    event_id: Id,
    file: File[UploadedFile],
    kind: Annotated[DocumentKind, Form(..., description="For participants, report, outcome.")],
    title: Annotated[str, Form(..., min_length=1, max_length=200)],
    language: Annotated[str, Form(max_length=10)] = "",
):
    """Organisers publish a document (PDF, Office, OpenDocument) or a photo (JPEG, PNG), with
    the limits of the event's documents page."""
    event = get_object_or_404(Event, pk=event_id)
    document = services.document_add(
        actor=request.user, event=event, kind=kind, title=title, upload=file, language=language
    )
    return Status(201, document)


# --- registering -------------------------------------------------------------------------------


class RegistrationOut(Schema):
    id: int
    event: int
    full_name: str
    email: str
    status: RegistrationStatus
    organization: str | None
    language: str
    code: str | None = Field(None, description="The ticket code, once confirmed.")
    checked_in: bool
    offer_expires_at: datetime | None

    @staticmethod
    def resolve_event(obj) -> int:
        return obj.event_id

    @staticmethod
    def resolve_organization(obj) -> str | None:
        return obj.organization.slug if obj.organization_id else None

    @staticmethod
    def resolve_code(obj) -> str | None:
        return obj.code if obj.status == Registration.Status.CONFIRMED else None

    @staticmethod
    def resolve_checked_in(obj) -> bool:
        return hasattr(obj, "check_in")


class RegisterIn(Schema):
    dietary: str = Field("", max_length=500)
    access: str = Field("", max_length=500)
    interpretation_language: str = Field("", max_length=10)
    needs_visa_letter: bool = False
    language: str = Field("", max_length=10)
    gender: str = Field(
        "", max_length=12, description="Where the event asks: female, male, other, undisclosed."
    )
    answers: dict[str, str] = Field(
        default_factory=dict,
        description="Answers to the organisers' questions, by key (`q<id>`).",
        max_length=50,
    )


class EventDelegateIn(Schema):
    full_name: str = Field(..., min_length=1, max_length=200)
    email: str = Field(..., min_length=3, max_length=254)
    language: str = Field("", max_length=10)
    needs_visa_letter: bool = False
    gender: str = Field("", max_length=12)
    answers: dict[str, str] = Field(
        default_factory=dict,
        description="This delegate's answers: the built-in questions (`dietary`, `access`, "
        "`interpretation_language`) and the organisers' (`q<id>`).",
        max_length=50,
    )


class DelegationIn(Schema):
    organization: str = Field(..., min_length=1, max_length=100, description="Its slug.")
    delegates: list[EventDelegateIn] = Field(..., min_length=1, max_length=200)


@registrations.post(
    "/events/{event_id}/registrations", response={201: RegistrationOut}, operation_id="register"
)
def register(request, event_id: Id, payload: RegisterIn):
    """Register yourself: a place if one is left, else the waiting list."""
    event = get_object_or_404(Event, pk=event_id)
    registration = services.registration_register(
        actor=request.user,
        event=event,
        answers={**payload.answers, **payload.dict(exclude={"answers"})},
        needs_visa_letter=payload.needs_visa_letter,
        language=payload.language or None,
        gender=payload.gender,
    )
    return Status(201, registration)


@registrations.post(
    "/events/{event_id}/delegations",
    response={201: list[RegistrationOut]},
    operation_id="register_delegation",
)
def register_delegation(request, event_id: Id, payload: DelegationIn):
    """An organisation's admin registers its delegates: confirmed up to the places left, the
    rest on the waiting list."""
    event = get_object_or_404(Event, pk=event_id)
    organization = get_object_or_404(Organization, slug=payload.organization)
    made = services.delegation_register(
        actor=request.user,
        event=event,
        organization=organization,
        delegates=[d.dict() for d in payload.delegates],
    )
    return Status(201, made)


def _registration(registration_id: int) -> Registration:
    return get_object_or_404(
        Registration.objects.select_related("event", "organization"), pk=registration_id
    )


@registrations.post(
    "/registrations/{registration_id}/cancel",
    response=RegistrationOut,
    operation_id="cancel_registration",
)
def cancel(request, registration_id: Id):
    return services.registration_cancel(
        actor=request.user, registration=_registration(registration_id)
    )


@registrations.post(
    "/registrations/{registration_id}/accept",
    response=RegistrationOut,
    operation_id="accept_offer",
)
def accept(request, registration_id: Id):
    """Accept a place offered from the waiting list."""
    return services.offer_accept(actor=request.user, registration=_registration(registration_id))


# --- organisers ---------------------------------------------------------------------------------


class RegistrationQuery(Schema):
    status: RegistrationStatus | Literal[""] = ""
    country: str = Field("", max_length=2)
    organization: str = Field("", max_length=100)
    language: str = Field("", max_length=10)
    q: str = Field("", max_length=200)


@registrations.get(
    "/events/{event_id}/registrations",
    response=list[RegistrationOut],
    operation_id="list_event_registrations",
    url_name="list_event_registrations",
)
@paginate(Pagination)
def list_registrations(request, event_id: Id, filters: Query[RegistrationQuery]):
    """The event's registrations, for its organisers and the Secretariat."""
    event = get_object_or_404(Event, pk=event_id)
    if not may(request.user, "exchanges.manage_event", event):
        raise PermissionDenied
    return selectors.registrations_of(event, selectors.RegistrationFilters(**filters.dict()))


class CheckInIn(Schema):
    code: str = Field(..., min_length=1, max_length=20)
    at: datetime | None = Field(None, description="When the device checked them in (offline).")


class CheckInOut(Schema):
    registration: RegistrationOut
    created: bool = Field(..., description="False when they were checked in already.")


@registrations.post(
    "/events/{event_id}/check-ins",
    response=CheckInOut,
    operation_id="check_in",
    url_name="check_in",
)
def check_in(request, event_id: Id, payload: CheckInIn):
    """Check a participant in by ticket code; sending the same code again counts nobody twice."""
    event = get_object_or_404(Event, pk=event_id)
    registration, created = services.check_in(
        actor=request.user, event=event, code=payload.code, at=payload.at
    )
    return {"registration": registration, "created": created}


router.add_router("", events)
router.add_router("", registrations)
