"""Every write about events: creating them, registering people and delegations, the waiting
list and its offers, organisers' decisions, check-in, visa letters, feedback, anonymising.

Capacity is never exceeded: every change to who holds a place locks the event's row
(select_for_update) and recounts the places held in the same transaction. Places are held by
confirmed participants and by open waiting-list offers; the waiting list is served in arrival
order (the registrations' ids).
"""

from __future__ import annotations

import json
import zoneinfo
from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core import uploads
from core.data_versions import EVENTS, touch
from core.models import Country
from core.multilingual import MultilingualText, normalise_language
from core.notifications import notify
from core.services import audit_record
from exchanges.models import (
    CertificateBatch,
    CheckIn,
    Event,
    EventDocument,
    Feedback,
    Programme,
    Question,
    Registration,
    Session,
    VisaLetter,
    new_code,
)
from members.models import Organization
from members.rules import may

Status = Registration.Status
VISA_FIELDS = ("passport_name", "nationality", "passport_number", "passport_expiry", "birth_date")
BUILT_IN_QUESTIONS = ("dietary", "access", "interpretation_language")
# The optional built-in question where organisers collect it: stored apart from the answers,
# never listed, only counted in the report (and the counts kept when the data is anonymised).
GENDERS = ("female", "male", "other", "undisclosed")


def _gender(event: Event, value: Any) -> str:
    value = str(value or "").strip()
    if not event.ask_gender or not value:
        return ""
    if value not in GENDERS:
        raise ValidationError({"gender": _("Choose one of the answers offered.")})
    return value


def _known_language(code: str) -> bool:
    """A language of the site, as a tag may name it (zh-Hans, zh_CN, AR …)."""
    return normalise_language(code or "-") in {c for c, _name in settings.LANGUAGES}


def _require(condition: bool) -> None:
    if not condition:
        raise PermissionDenied


def _lock_event(event_id: int) -> Event:
    """The event's row, locked until the transaction ends: the one gate every change to the
    places held passes through."""
    return Event.objects.select_for_update().get(pk=event_id)


def places_held(event: Event) -> int:
    return Registration.objects.filter(event=event, status__in=Registration.HOLDING).count()


def places_left(event: Event) -> int | None:
    """Places left to show (not to take: those are counted under the event's lock); counted
    with the event where selectors.event_detail read it."""
    if event.capacity is None:
        return None
    held = getattr(event, "places_held_now", None)
    return max(event.capacity - (places_held(event) if held is None else held), 0)


# --- events ------------------------------------------------------------------------------------


def _zone(name: str) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, TypeError) as error:
        raise ValidationError({"time_zone": _("Choose a known time zone.")}) from error


def _local(moment: datetime, zone: zoneinfo.ZoneInfo) -> datetime:
    if timezone.is_naive(moment):
        return moment.replace(tzinfo=zone)
    return moment


EARLIEST, LATEST = datetime(1900, 1, 1, tzinfo=UTC), datetime(2200, 1, 1, tzinfo=UTC)


def _event_errors(
    *,
    kind: str,
    city: str,
    country: str,
    online_link: str,
    starts_at: datetime,
    ends_at: datetime,
    capacity: int | None,
    held: int,
    opens: datetime | None,
    closes: datetime | None,
    offer_hours: int,
    delegation_quota: int,
    languages: list[str],
) -> tuple[dict[str, Any], Country | None]:
    """What is wrong with an event's fields, by field, as creating and editing it check them
    (times already in the event's zone); and its country's row."""
    errors: dict[str, Any] = {}
    for name, moment in (
        ("starts_at", starts_at),
        ("ends_at", ends_at),
        ("registration_opens_at", opens),
        ("registration_closes_at", closes),
    ):
        if moment is not None and not EARLIEST <= moment < LATEST:
            errors[name] = _("Give a date between the years 1900 and 2199.")
    if errors:  # the other checks compare these times
        return errors, None
    if ends_at < starts_at:
        errors["ends_at"] = _("The event cannot end before it starts.")
    if kind not in Event.Kind.values:
        errors["kind"] = _("Choose a kind of event.")
    if not (city or "").strip():
        errors["city"] = _("This field is required.")
    elif len(city.strip()) > 100:
        errors["city"] = _("Ensure this value has at most %(max)s characters.") % {"max": 100}
    country_row = Country.objects.filter(code=(country or "").upper()[:2]).first()
    if country_row is None:
        errors["country"] = _("Choose a country from the list.")
    if online_link:
        try:
            URLValidator(schemes=["http", "https"])(online_link)
        except ValidationError:
            errors["online_link"] = _("Enter a valid URL.")
    if capacity is not None and capacity < max(held, 1):
        errors["capacity"] = (
            _("%(held)s places are held: the event cannot have fewer.") % {"held": held}
            if held
            else _("Give at least one place, or leave empty for no limit.")
        )
    if opens and closes and closes < opens:
        errors["registration_closes_at"] = _("Registration must close after it opens.")
    if closes and closes > ends_at:
        errors["registration_closes_at"] = _("Registration must close before the event ends.")
    if not 1 <= offer_hours <= 720:
        errors["offer_hours"] = _("Hold an offer between 1 and 720 hours.")
    if not 1 <= delegation_quota <= 1000:
        errors["delegation_quota"] = _("Give between 1 and 1,000 places per delegation.")
    known = {code for code, _name in settings.LANGUAGES}
    if any(normalise_language(code) not in known for code in languages):
        errors["working_languages"] = _("Choose languages from the list.")
    return errors, country_row


@transaction.atomic
def event_create(
    *,
    actor: User,
    organizer: Organization,
    title: str,
    language: str,
    kind: str,
    city: str,
    country: str,
    starts_at: datetime,
    ends_at: datetime,
    time_zone: str = "UTC",
    description: str = "",
    translations: dict[str, str] | None = None,
    capacity: int | None = None,
    online_link: str = "",
    working_languages: list[str] | None = None,
    interpretation: list[str] | None = None,
    review_registrations: bool = False,
    offer_hours: int = 48,
    delegation_quota: int = 10,
    registration_closes_at: datetime | None = None,
) -> Event:
    """Staff of an organisation (or the Secretariat) create an event it organises. Times
    without a zone are read in the event's zone."""
    _require(
        may(actor, "members.edit_organization", organizer)
        or may(actor, "exchanges.create_event", organizer)
    )
    zone = _zone(time_zone)
    starts_at, ends_at = _local(starts_at, zone), _local(ends_at, zone)
    closes = _local(registration_closes_at, zone) if registration_closes_at else None
    errors, country_row = _event_errors(
        kind=kind,
        city=city,
        country=country,
        online_link=online_link,
        starts_at=starts_at,
        ends_at=ends_at,
        capacity=capacity,
        held=0,
        opens=None,
        closes=closes,
        offer_hours=offer_hours,
        delegation_quota=delegation_quota,
        languages=[*(working_languages or []), *(interpretation or [])],
    )
    if not (title or "").strip() or len(title.strip()) > 200:
        errors["title"] = _("Give the event a title.")
    if errors:
        raise ValidationError(errors)
    language = normalise_language(language)
    title_text = MultilingualText.create(title.strip(), language)
    description_text = (
        MultilingualText.create(description.strip(), language) if description else None
    )
    for other, text in (translations or {}).items():
        if text and text.strip():
            title_text.add_translation(other, text.strip())
    event = Event.objects.create(
        title=title_text,
        description=description_text,
        kind=kind,
        city=city.strip(),
        country=country_row,
        starts_at=starts_at,
        ends_at=ends_at,
        starts_on=starts_at.astimezone(zone).date(),
        ends_on=ends_at.astimezone(zone).date(),
        time_zone=time_zone,
        capacity=capacity,
        online_link=online_link,
        working_languages=[normalise_language(c) for c in working_languages or []] or [language],
        interpretation=[normalise_language(c) for c in interpretation or []],
        organizer=organizer,
        review_registrations=review_registrations,
        offer_hours=offer_hours,
        delegation_quota=delegation_quota,
        registration_closes_at=closes,
    )
    audit_record(actor=actor, action="event.create", target=event)
    _schedule_clean_up(event)
    return event


def _schedule_clean_up(event: Event) -> None:
    """Queue the removal of personal data for the event's end (passport details) and for the
    configured time after it (registrations), where the tasks backend can defer work; the
    worker's daily `clean_up_personal_data` run catches the rest."""
    from exchanges.tasks import clean_up_personal_data

    if not clean_up_personal_data.get_backend().supports_defer:
        return
    days = getattr(settings, "EXCHANGES_KEEP_PERSONAL_DATA_DAYS", 180)
    for moment in (event.ends_at, event.ends_at + timedelta(days=days, minutes=1)):
        transaction.on_commit(
            lambda moment=moment: clean_up_personal_data.using(run_after=moment).enqueue(),
            robust=True,
        )


@transaction.atomic
def event_set_capacity(*, actor: User, event: Event, capacity: int | None) -> Event:
    """Organisers change the number of places: never below the places held; new places are
    offered to the people waiting, first come first served."""
    _require(may(actor, "exchanges.manage_event", event))
    event = _lock_event(event.pk)
    held = places_held(event)
    if capacity is not None and capacity < max(held, 1):
        raise ValidationError(
            {
                "capacity": _("%(held)s places are held: the event cannot have fewer.")
                % {"held": held}
            }
        )
    event.capacity = capacity
    event.save(update_fields=["capacity", "updated_at"])
    _offer_free_places(event)
    audit_record(actor=actor, action="event.set_capacity", target=event, capacity=capacity)
    return event


@transaction.atomic
def session_add(
    *,
    actor: User,
    event: Event,
    title: str,
    language: str,
    starts_at: datetime,
    ends_at: datetime,
    speakers: list[str] | None = None,
    room: str = "",
    translations: dict[str, str] | None = None,
) -> Session:
    _require(may(actor, "exchanges.manage_event", event))
    session = Session.objects.create(
        event=event,
        **_session_fields(
            event,
            title=title,
            language=language,
            starts_at=starts_at,
            ends_at=ends_at,
            speakers=speakers,
            room=room,
            translations=translations,
        ),
    )
    touch(EVENTS)
    return session


def _multilingual(
    texts: dict[str, str], original: str, *, field: str, required: bool, max_length: int
) -> MultilingualText | None:
    """A text written in several languages, `original` marking the one it was written in."""
    cleaned = {
        normalise_language(code): (value or "").strip()
        for code, value in (texts or {}).items()
        if (value or "").strip()
    }
    original = normalise_language(original)
    known = {code for code, _name in settings.LANGUAGES}
    if any(code not in known for code in [*cleaned, original]):
        raise ValidationError({field: _("Choose languages from the list.")})
    if any(len(value) > max_length for value in cleaned.values()):
        raise ValidationError(
            {field: _("Ensure this value has at most %(max)s characters.") % {"max": max_length}}
        )
    if not cleaned:
        if required:
            raise ValidationError({field: _("Give the event a title.")})
        return None
    if original not in cleaned:
        raise ValidationError({field: _("Write the text in the language marked as the original.")})
    text = MultilingualText.create(cleaned.pop(original), original)
    for code, value in cleaned.items():
        text.add_translation(code, value)
    return text


@transaction.atomic
def event_update(
    *,
    actor: User,
    event: Event,
    original_language: str,
    titles: dict[str, str],
    descriptions: dict[str, str] | None = None,
    kind: str,
    city: str,
    country: str,
    venue: str = "",
    online_link: str = "",
    starts_at: datetime,
    ends_at: datetime,
    time_zone: str,
    working_languages: list[str] | None = None,
    interpretation: list[str] | None = None,
    capacity: int | None = None,
    registration_opens_at: datetime | None = None,
    registration_closes_at: datetime | None = None,
    review_registrations: bool = False,
    offer_hours: int = 48,
    delegation_quota: int = 10,
    ask_gender: bool = False,
) -> Event:
    """Organisers (or the Secretariat) change an event. Times without a zone are read in the
    (new) event zone. The places never fall below those held; new places go to the people
    waiting, first come first served."""
    _require(may(actor, "exchanges.manage_event", event))
    event = _lock_event(event.pk)
    errors: dict[str, Any] = {}
    zone = _zone(time_zone)
    starts_at, ends_at = _local(starts_at, zone), _local(ends_at, zone)
    opens = _local(registration_opens_at, zone) if registration_opens_at else None
    closes = _local(registration_closes_at, zone) if registration_closes_at else None
    try:
        title = _multilingual(
            titles, original_language, field="title", required=True, max_length=200
        )
        described = {code: value for code, value in (descriptions or {}).items() if value}
        description = _multilingual(
            described,
            original_language if original_language in described else next(iter(described), ""),
            field="description",
            required=False,
            max_length=20000,
        )
    except ValidationError as error:
        errors.update(error.message_dict)
    more, country_row = _event_errors(
        kind=kind,
        city=city,
        country=country,
        online_link=online_link,
        starts_at=starts_at,
        ends_at=ends_at,
        capacity=capacity,
        held=places_held(event),
        opens=opens,
        closes=closes,
        offer_hours=offer_hours,
        delegation_quota=delegation_quota,
        languages=[*(working_languages or []), *(interpretation or [])],
    )
    errors.update(more)
    if errors:
        raise ValidationError(errors)
    event.title = title
    event.description = description
    event.kind = kind
    event.city = city.strip()
    event.country = country_row
    event.venue = (venue or "").strip()[:200]
    event.online_link = online_link or ""
    event.starts_at, event.ends_at = starts_at, ends_at
    event.starts_on = starts_at.astimezone(zone).date()
    event.ends_on = ends_at.astimezone(zone).date()
    event.time_zone = time_zone
    event.working_languages = [normalise_language(c) for c in working_languages or []] or [
        title.original
    ]
    event.interpretation = [normalise_language(c) for c in interpretation or []]
    event.capacity = capacity
    event.registration_opens_at, event.registration_closes_at = opens, closes
    event.review_registrations = review_registrations
    event.offer_hours = offer_hours
    event.delegation_quota = delegation_quota
    event.ask_gender = ask_gender
    event.save()
    _offer_free_places(event)
    audit_record(actor=actor, action="event.update", target=event)
    touch(EVENTS)
    return event


def programme_create(
    *,
    actor: User,
    title: str,
    language: str,
    translations: dict[str, str] | None = None,
    description: str = "",
    organizers: list[Organization],
    countries: list[str] | None = None,
    areas: list[str] | None = None,
    events: list[Event] | None = None,
) -> Programme:
    """The Secretariat, or an admin of each organising member organisation, create a
    programme and attach events they organise."""
    from core.models import KeyArea
    from members.rules import is_back_office, is_org_admin

    back_office = bool(is_back_office(actor)) or getattr(actor, "is_superuser", False)
    _require(getattr(actor, "is_authenticated", False))
    _require(bool(organizers) or back_office)
    _require(
        back_office
        or all(
            is_org_admin(actor, org) and org.status == Organization.Status.MEMBER
            for org in organizers
        )
    )
    for event in events or []:
        _require(may(actor, "exchanges.manage_event", event))
    errors: dict[str, str] = {}
    if not (title or "").strip() or len(title.strip()) > 200:
        errors["title"] = _("Give the programme a title (at most 200 characters).")
    country_rows = list(Country.objects.filter(code__in=[c.upper() for c in countries or []]))
    if len(country_rows) != len(set(countries or [])):
        errors["countries"] = _("Choose countries from the list.")
    area_rows = list(KeyArea.objects.filter(slug__in=areas or []))
    if len(area_rows) != len(set(areas or [])):
        errors["areas"] = _("Choose key areas from the list.")
    if not _known_language(language):
        errors["language"] = _("Choose a language from the list.")
    if not all(_known_language(code) for code in translations or {}):
        errors["translations"] = _("Choose languages from the list.")
    if errors:
        raise ValidationError(errors)
    language = normalise_language(language)
    title_text = MultilingualText.create(title.strip(), language)
    for other, text in (translations or {}).items():
        if text and text.strip():
            title_text.add_translation(other, text.strip()[:200])
    with transaction.atomic():
        programme = Programme.objects.create(
            title=title_text,
            description=MultilingualText.create(description.strip(), language)
            if (description or "").strip()
            else None,
        )
        programme.organizers.set(organizers)
        programme.countries.set(country_rows)
        programme.areas.set(area_rows)
        if events:
            Event.objects.filter(pk__in=[e.pk for e in events]).update(
                programme=programme, updated_at=timezone.now()
            )
        audit_record(
            actor=actor,
            action="programme.create",
            target=programme,
            events=[e.pk for e in events or []],
        )
        touch(EVENTS)
    return programme


def _session_fields(
    event: Event,
    *,
    title: str,
    language: str,
    starts_at: datetime,
    ends_at: datetime,
    speakers: list[str] | None,
    room: str,
    translations: dict[str, str] | None,
) -> dict[str, Any]:
    zone = _zone(event.time_zone)
    starts_at, ends_at = _local(starts_at, zone), _local(ends_at, zone)
    if ends_at < starts_at:
        raise ValidationError({"ends_at": _("The session cannot end before it starts.")})
    if not (title or "").strip():
        raise ValidationError({"title": _("Give the session a title.")})
    text = MultilingualText.create(title.strip(), language)
    for other, value in (translations or {}).items():
        if value and value.strip():
            text.add_translation(other, value.strip())
    return {
        "title": text,
        "starts_at": starts_at,
        "ends_at": ends_at,
        "room": (room or "").strip()[:100],
        "speakers": [s.strip() for s in speakers or [] if s.strip()],
    }


@transaction.atomic
def session_update(
    *,
    actor: User,
    session: Session,
    title: str,
    language: str,
    starts_at: datetime,
    ends_at: datetime,
    speakers: list[str] | None = None,
    room: str = "",
    translations: dict[str, str] | None = None,
) -> Session:
    """Organisers change an agenda item (times read in the event's zone)."""
    session = Session.objects.select_for_update().select_related("event").get(pk=session.pk)
    _require(may(actor, "exchanges.manage_event", session.event))
    fields = _session_fields(
        session.event,
        title=title,
        language=language,
        starts_at=starts_at,
        ends_at=ends_at,
        speakers=speakers,
        room=room,
        translations=translations,
    )
    for name, value in fields.items():
        setattr(session, name, value)
    session.save()
    audit_record(actor=actor, action="session.update", target=session.event, session=session.pk)
    touch(EVENTS)
    return session


@transaction.atomic
def session_delete(*, actor: User, session: Session) -> None:
    session = Session.objects.select_related("event").get(pk=session.pk)
    _require(may(actor, "exchanges.manage_event", session.event))
    audit_record(actor=actor, action="session.delete", target=session.event, session=session.pk)
    session.delete()
    touch(EVENTS)


# --- registering -------------------------------------------------------------------------------


def registration_window_error(event: Event, now: datetime | None = None) -> str | None:
    now = now or timezone.now()
    if event.registration_opens_at and now < event.registration_opens_at:
        return _("Registration has not opened yet.")
    if event.registration_closes_at and now > event.registration_closes_at:
        return _("Registration is closed.")
    if event.ends_at and now > event.ends_at:
        return _("This event is over.")
    return None


def _clean_answers(
    answers: dict[str, Any] | None,
    event: Event | None = None,
    *,
    enforce_required: bool = True,
    questions: list[Question] | None = None,
) -> dict[str, str]:
    """The built-in answers and those to the organisers' questions (keys `q<id>`), for a
    person registering themselves or for each delegate of a delegation."""
    answers = answers or {}
    cleaned = {}
    errors = {}
    for key in BUILT_IN_QUESTIONS:
        value = str(answers.get(key) or "").strip()
        if len(value) > 500:
            errors[key] = _("Ensure this value has at most 500 characters.")
        elif value:
            cleaned[key] = value
    if questions is None:
        questions = list(event.questions.all()) if event is not None else []
    for question in questions:
        value = answers.get(question.key)
        if isinstance(value, bool):
            value = "yes" if value else "no"
        value = str(value or "").strip()
        if not value:
            if question.required and enforce_required:
                errors[question.key] = _("Answer this question.")
            continue
        if len(value) > 500:
            errors[question.key] = _("Ensure this value has at most 500 characters.")
        elif question.kind == Question.Kind.CHOICE and value not in question.choices:
            errors[question.key] = _("Choose one of the answers offered.")
        elif question.kind == Question.Kind.YES_NO and value not in ("yes", "no"):
            errors[question.key] = _("Answer yes or no.")
        else:
            cleaned[question.key] = value
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def question_add(
    *,
    actor: User,
    event: Event,
    label: str,
    kind: str,
    choices: list[str] | None = None,
    required: bool = False,
) -> Question:
    """Organisers add a question to the registration form."""
    _require(may(actor, "exchanges.manage_event", event))
    label = (label or "").strip()
    errors = {}
    if not label or len(label) > 200:
        errors["label"] = _("Write the question (at most 200 characters).")
    if kind not in Question.Kind.values:
        errors["kind"] = _("Choose a kind of question.")
    cleaned_choices = [c.strip()[:100] for c in choices or [] if c.strip()]
    if kind == Question.Kind.CHOICE and len(cleaned_choices) < 2:
        errors["choices"] = _("Give at least two answers to choose from.")
    if errors:
        raise ValidationError(errors)
    return Question.objects.create(
        event=event,
        label=label,
        kind=kind,
        choices=cleaned_choices if kind == Question.Kind.CHOICE else [],
        required=required,
    )


def _place_for(event: Event, held: int) -> str:
    """The status a newcomer gets, the event locked and `held` places counted."""
    if event.capacity is not None and held >= event.capacity:
        return Status.WAITING
    return Status.PENDING if event.review_registrations else Status.CONFIRMED


def _notify(registration: Registration, template: str, **extra: Any) -> None:
    context = {
        "event_title": registration.event.title.render(registration.language).text,
        "event_id": registration.event_id,
        "full_name": registration.full_name,
        "code": registration.code,
        "status": registration.status,
        "reason": registration.reason,
        **extra,
    }
    if registration.user_id:
        notify(template=template, context=context, users=[registration.user])
    elif registration.email:
        notify(
            template=template,
            context=context,
            emails=[registration.email],
            language=registration.language,
        )


def _create(event: Event, status: str, **fields: Any) -> Registration:
    try:
        with transaction.atomic():
            return Registration.objects.create(event=event, status=status, **fields)
    except IntegrityError as error:
        raise ValidationError(
            {
                "email": _("%(email)s is already registered for this event.")
                % {"email": fields["email"]}
            }
        ) from error


@transaction.atomic
def registration_register(
    *,
    actor: User,
    event: Event,
    answers: dict[str, Any] | None = None,
    needs_visa_letter: bool = False,
    language: str | None = None,
    country: str | None = None,
    gender: str = "",
) -> Registration:
    """A signed-in person registers themselves: a place if one is left, else the waiting list."""
    _require(getattr(actor, "is_authenticated", False))
    cleaned = _clean_answers(answers, event)
    gender = _gender(event, gender)
    event = _lock_event(event.pk)
    problem = registration_window_error(event)
    if problem:
        raise ValidationError(problem)
    status = _place_for(event, places_held(event))
    registration = _create(
        event,
        status,
        user=actor,
        registered_by=actor,
        full_name=actor.full_name or actor.email,
        email=actor.email,
        language=normalise_language(language or actor.preferred_language or "en"),
        country=Country.objects.filter(code=(country or "").upper()).first(),
        answers=cleaned,
        needs_visa_letter=needs_visa_letter,
        gender=gender,
    )
    _notify(registration, "exchanges_registered")
    touch(EVENTS)
    return registration


@transaction.atomic
def delegation_register(
    *,
    actor: User,
    event: Event,
    organization: Organization,
    delegates: list[dict[str, Any]],
    language: str | None = None,
) -> list[Registration]:
    """An organisation's admin registers delegates (staff or by name and email) within the
    organisation's quota: confirmed up to the places left, the rest waits, in the order given.
    Each delegate's answers to the registration questions (`answers`, `needs_visa_letter`,
    `gender`) are stored on their own registration."""
    _require(may(actor, "exchanges.register_delegation", organization))
    if not delegates:
        raise ValidationError({"delegates": _("Name at least one delegate.")})
    cleaned = []
    questions = list(event.questions.all())
    for index, delegate in enumerate(delegates):
        name = str(delegate.get("full_name") or "").strip()
        email = str(delegate.get("email") or "").strip().lower()
        if not name or len(name) > 200:
            raise ValidationError(
                {"delegates": _("Give each delegate's full name (line %(n)s).") % {"n": index + 1}}
            )
        if not email or "@" not in email or len(email) > 254:
            raise ValidationError(
                {"delegates": _("Give each delegate's email (line %(n)s).") % {"n": index + 1}}
            )
        # Each delegate answers the organisers' questions, as a person registering would.
        try:
            answers = _clean_answers(delegate.get("answers"), event, questions=questions)
            gender = _gender(event, delegate.get("gender"))
        except ValidationError as error:
            raise ValidationError(
                {
                    "delegates": [
                        _("%(name)s: %(problem)s") % {"name": name, "problem": problem}
                        for problem in error.messages
                    ]
                }
            ) from error
        cleaned.append((name, email, {**delegate, "answers": answers, "gender": gender}))
    if len({email for _n, email, _d in cleaned}) != len(cleaned):
        raise ValidationError({"delegates": _("Each delegate once.")})
    event = _lock_event(event.pk)
    problem = registration_window_error(event)
    if problem:
        raise ValidationError(problem)
    already = Registration.objects.filter(
        event=event, organization=organization, status__in=Registration.ACTIVE
    ).count()
    if already + len(cleaned) > event.delegation_quota:
        raise ValidationError(
            {
                "delegates": _(
                    "Your delegation may have at most %(quota)s people (%(already)s already registered)."
                )
                % {"quota": event.delegation_quota, "already": already}
            }
        )
    users = {
        u.email.lower(): u for u in User.objects.filter(email__in=[e for _n, e, _d in cleaned])
    }
    held = places_held(event)
    made = []
    for name, email, delegate in cleaned:
        status = _place_for(event, held)
        if status == Status.CONFIRMED:
            held += 1
        registration = _create(
            event,
            status,
            user=users.get(email),
            organization=organization,
            registered_by=actor,
            full_name=name,
            email=email,
            language=normalise_language(delegate.get("language") or language or "en"),
            country=organization.country,
            answers=delegate["answers"],
            needs_visa_letter=bool(delegate.get("needs_visa_letter")),
            gender=delegate["gender"],
        )
        _notify(registration, "exchanges_registered")
        made.append(registration)
    audit_record(
        actor=actor,
        action="event.register_delegation",
        target=event,
        organization=organization.slug,
        count=len(made),
    )
    touch(EVENTS)
    return made


def _offer_free_places(event: Event) -> list[Registration]:
    """The event locked: offer every free place to the first people waiting."""
    if event.capacity is None:
        waiting = list(Registration.objects.filter(event=event, status=Status.WAITING))
        free = len(waiting)
    else:
        free = event.capacity - places_held(event)
        waiting = list(
            Registration.objects.filter(event=event, status=Status.WAITING).order_by("id")[
                : max(free, 0)
            ]
        )
    offered = []
    expires = timezone.now() + timedelta(hours=event.offer_hours)
    for registration in waiting[: max(free, 0)]:
        registration.status = Status.OFFERED
        registration.offer_expires_at = expires
        registration.save(update_fields=["status", "offer_expires_at", "updated_at"])
        _notify(registration, "exchanges_offer", hours=event.offer_hours)
        offered.append(registration)
    if offered:
        from exchanges.tasks import expire_offers

        if expire_offers.get_backend().supports_defer:  # the immediate backend (tests) cannot
            transaction.on_commit(
                lambda: expire_offers.using(run_after=expires + timedelta(seconds=5)).enqueue(
                    event_id=event.pk
                ),
                robust=True,
            )
    return offered


def _lock_registration(registration: Registration) -> tuple[Event, Registration]:
    event = _lock_event(registration.event_id)
    registration = Registration.objects.select_related("event", "organization").get(
        pk=registration.pk
    )
    return event, registration


@transaction.atomic
def registration_cancel(*, actor: User, registration: Registration) -> Registration:
    """The person, their delegation's admin or the Secretariat cancel; a freed place is offered
    to the first person waiting."""
    event, registration = _lock_registration(registration)
    _require(may(actor, "exchanges.change_registration", registration))
    if registration.status not in Registration.ACTIVE:
        raise ValidationError(_("This registration is no longer active."))
    registration.status = Status.CANCELLED
    registration.offer_expires_at = None
    registration.save(update_fields=["status", "offer_expires_at", "updated_at"])
    _offer_free_places(event)
    audit_record(actor=actor, action="registration.cancel", target=registration)
    touch(EVENTS)
    return registration


@transaction.atomic
def delegate_swap(
    *, actor: User, registration: Registration, full_name: str, email: str
) -> Registration:
    """The delegation's admin names someone else for a delegate's place (the place is kept)."""
    _event, registration = _lock_registration(registration)
    _require(
        registration.organization_id is not None
        and may(actor, "exchanges.register_delegation", registration.organization)
    )
    if registration.status not in Registration.ACTIVE:
        raise ValidationError(_("This registration is no longer active."))
    full_name, email = (full_name or "").strip(), (email or "").strip().lower()
    if not full_name or not email or "@" not in email:
        raise ValidationError({"email": _("Give the new delegate's full name and email.")})
    registration.full_name = full_name
    registration.email = email
    registration.user = User.objects.filter(email__iexact=email).first()
    registration.code = new_code()
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError as error:
        raise ValidationError(
            {"email": _("%(email)s is already registered for this event.") % {"email": email}}
        ) from error
    audit_record(actor=actor, action="registration.swap", target=registration)
    return registration


@transaction.atomic
def offer_accept(*, actor: User, registration: Registration) -> Registration:
    _event, registration = _lock_registration(registration)
    _require(may(actor, "exchanges.change_registration", registration))
    if registration.status != Status.OFFERED:
        raise ValidationError(_("There is no place on offer for this registration."))
    if registration.offer_expires_at and registration.offer_expires_at < timezone.now():
        raise ValidationError(_("This offer has lapsed."))
    # The offer held the place: accepting never takes one more.
    registration.status = Status.CONFIRMED
    registration.offer_expires_at = None
    registration.save(update_fields=["status", "offer_expires_at", "updated_at"])
    _notify(registration, "exchanges_decided")
    touch(EVENTS)
    return registration


@transaction.atomic
def offer_decline(*, actor: User, registration: Registration) -> Registration:
    return registration_cancel(actor=actor, registration=registration)


def offers_expire(*, event_id: int, now: datetime | None = None) -> int:
    """The worker: lapsed offers pass to the next people waiting."""
    now = now or timezone.now()
    with transaction.atomic():
        event = _lock_event(event_id)
        lapsed = Registration.objects.filter(
            event=event, status=Status.OFFERED, offer_expires_at__lt=now
        ).update(status=Status.LAPSED, updated_at=now)
        if lapsed:
            _offer_free_places(event)
            touch(EVENTS)
    return lapsed


@transaction.atomic
def registration_confirm(*, actor: User, registration: Registration) -> Registration:
    event, registration = _lock_registration(registration)
    _require(may(actor, "exchanges.decide_registration", registration))
    if registration.status not in (Status.PENDING, Status.WAITING, Status.DECLINED):
        raise ValidationError(
            _("Only pending, waiting or declined registrations can be confirmed.")
        )
    if event.capacity is not None and places_held(event) >= event.capacity:
        raise ValidationError(_("No place is left: the registration stays where it is."))
    registration.status = Status.CONFIRMED
    registration.reason = ""
    registration.save(update_fields=["status", "reason", "updated_at"])
    _notify(registration, "exchanges_decided")
    audit_record(actor=actor, action="registration.confirm", target=registration)
    touch(EVENTS)
    return registration


@transaction.atomic
def registration_decline(*, actor: User, registration: Registration, reason: str) -> Registration:
    event, registration = _lock_registration(registration)
    _require(may(actor, "exchanges.decide_registration", registration))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason the person will read.")})
    if registration.status not in Registration.ACTIVE:
        raise ValidationError(_("This registration is no longer active."))
    was_holding = registration.status in Registration.HOLDING
    registration.status = Status.DECLINED
    registration.reason = reason[:2000]
    registration.offer_expires_at = None
    registration.save(update_fields=["status", "reason", "offer_expires_at", "updated_at"])
    if was_holding:
        _offer_free_places(event)
    _notify(registration, "exchanges_decided")
    audit_record(actor=actor, action="registration.decline", target=registration)
    touch(EVENTS)
    return registration


def participants_message(
    *,
    actor: User,
    event: Event,
    subject: str,
    body: str,
    statuses: tuple[str, ...] = ("confirmed",),
) -> int:
    """Organisers write to the participants (by email, each in their language around the
    organisers' own words). Answers how many people it was sent to."""
    _require(may(actor, "exchanges.manage_event", event))
    subject, body = (subject or "").strip(), (body or "").strip()
    errors = {}
    if not subject or len(subject) > 200:
        errors["subject"] = _("Give a subject of at most 200 characters.")
    if not body or len(body) > 10000:
        errors["body"] = _("Write the message (at most 10,000 characters).")
    if errors:
        raise ValidationError(errors)
    sent = 0
    with transaction.atomic():
        for registration in Registration.objects.filter(
            event=event, status__in=statuses
        ).select_related("user", "event"):
            _notify(registration, "exchanges_message", subject=subject, body=body)
            sent += 1
        audit_record(actor=actor, action="event.message", target=event, sent=sent)
    return sent


# --- check-in ----------------------------------------------------------------------------------


def check_in(
    *, actor: User, event: Event, code: str, at: datetime | None = None
) -> tuple[Registration, bool]:
    """Organisers check a confirmed participant in by ticket code. Idempotent: a second scan (or
    a device's queue sent twice) answers the first check-in, and nobody is counted twice."""
    _require(may(actor, "exchanges.manage_event", event))
    code = (code or "").strip().upper()
    registration = Registration.objects.filter(event=event, code=code).first()
    if registration is None:
        raise ValidationError({"code": _("No ticket with this code for this event.")})
    if registration.status != Status.CONFIRMED:
        raise ValidationError({"code": _("This person's registration is not confirmed.")})
    at = at or timezone.now()
    if timezone.is_naive(at):
        at = at.replace(tzinfo=timezone.get_current_timezone())
    if at > timezone.now() + timedelta(minutes=5):
        at = timezone.now()
    _check_in, created = CheckIn.objects.get_or_create(
        registration=registration, defaults={"checked_in_at": at, "checked_in_by": actor}
    )
    if created:
        touch(EVENTS)
    return registration, created


# --- visa letters ------------------------------------------------------------------------------


def _fernet():
    import base64
    import hashlib

    from cryptography.fernet import Fernet, MultiFernet

    keys = getattr(settings, "EXCHANGES_FERNET_KEYS", None) or [
        base64.urlsafe_b64encode(
            hashlib.sha256(("visa-letters:" + settings.SECRET_KEY).encode()).digest()
        )
    ]
    return MultiFernet([Fernet(key) for key in keys])


def visa_details_read(*, actor: User, letter: VisaLetter) -> dict[str, str]:
    """The passport details, for the organisers and the Secretariat only."""
    _require(may(actor, "exchanges.see_visa_details", letter.registration))
    if not letter.details:
        return {}
    return json.loads(_fernet().decrypt(bytes(letter.details)))


@transaction.atomic
def visa_details_submit(
    *, actor: User, registration: Registration, details: dict[str, str]
) -> VisaLetter:
    """A confirmed participant (or their delegation's admin) gives what a letter needs."""
    registration = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("event")
        .get(pk=registration.pk)
    )
    _require(may(actor, "exchanges.change_registration", registration))
    if registration.status != Status.CONFIRMED:
        raise ValidationError(_("Only confirmed participants can ask for a visa letter."))
    cleaned = {key: str(details.get(key) or "").strip()[:200] for key in VISA_FIELDS}
    missing = [key for key, value in cleaned.items() if not value]
    if missing:
        raise ValidationError({key: _("This field is required.") for key in missing})
    letter, _created = VisaLetter.objects.get_or_create(registration=registration)
    if letter.status == VisaLetter.Status.ISSUED:
        raise ValidationError(_("The letter has been issued already."))
    letter.details = _fernet().encrypt(json.dumps(cleaned).encode())
    letter.holder_name = cleaned["passport_name"]
    letter.save()
    registration.needs_visa_letter = True
    registration.save(update_fields=["needs_visa_letter", "updated_at"])
    return letter


@transaction.atomic
def visa_letter_issue(
    *, actor: User, letter: VisaLetter, signatory: str = "", costs: str = ""
) -> VisaLetter:
    """Organisers issue the letter: rendered as PDF (event's language and English) with a code."""
    from exchanges import letters

    letter = (
        VisaLetter.objects.select_for_update(of=("self",))
        .select_related("registration__event__organizer", "registration__event__country")
        .get(pk=letter.pk)
    )
    _require(may(actor, "exchanges.see_visa_details", letter.registration))
    if not letter.details:
        raise ValidationError(_("The participant has not given the passport details yet."))
    details = json.loads(_fernet().decrypt(bytes(letter.details)))
    letter.code = letter.code or new_code(12)
    letter.pdf = letters.visa_letter_pdf(
        letter=letter,
        details=details,
        signatory=signatory or actor.full_name or actor.email,
        costs=costs,
    )
    letter.status = VisaLetter.Status.ISSUED
    letter.issued_at = timezone.now()
    letter.issued_by = actor
    letter.save()
    audit_record(actor=actor, action="visa_letter.issue", target=letter.registration)
    return letter


# --- certificates --------------------------------------------------------------------------------


@transaction.atomic
def certificates_request(*, actor: User, event: Event, language: str) -> CertificateBatch:
    """Organisers ask for every checked-in participant's certificate, in one zip the worker
    makes (progress shown on the batch's page)."""
    _require(may(actor, "exchanges.manage_event", event))
    total = Registration.objects.filter(event=event, check_in__isnull=False).count()
    if not total:
        raise ValidationError(_("Nobody has been checked in yet."))
    batch = CertificateBatch.objects.create(
        event=event, requested_by=actor, language=normalise_language(language), total=total
    )
    from exchanges.tasks import make_certificates

    transaction.on_commit(lambda: make_certificates.enqueue(batch_id=batch.pk), robust=True)
    return batch


def certificates_make(*, batch_id: int) -> CertificateBatch:
    """The worker: each certificate rendered and added to the zip, the count of those done
    saved as it goes. Running again starts the batch over (idempotent)."""
    import io
    import zipfile

    from django.core.files.base import ContentFile

    from exchanges import letters

    batch = CertificateBatch.objects.select_related("event").get(pk=batch_id)
    CertificateBatch.objects.filter(pk=batch.pk).update(
        status=CertificateBatch.Status.RUNNING, done=0
    )
    buffer = io.BytesIO()
    try:
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            registrations = Registration.objects.filter(
                event=batch.event, check_in__isnull=False
            ).select_related("event")
            for done, registration in enumerate(registrations.iterator(), start=1):
                pdf = letters.certificate_pdf(registration=registration, language=batch.language)
                archive.writestr(f"certificate-{registration.code}.pdf", pdf)
                CertificateBatch.objects.filter(pk=batch.pk).update(done=done)
        batch.refresh_from_db()
        batch.file.save(
            f"event-{batch.event_id}-certificates.zip", ContentFile(buffer.getvalue()), save=False
        )
        batch.status = CertificateBatch.Status.DONE
        batch.save(update_fields=["file", "status"])
    except Exception:
        CertificateBatch.objects.filter(pk=batch.pk).update(status=CertificateBatch.Status.FAILED)
        raise
    return batch


# --- documents --------------------------------------------------------------------------------

# What organisers may upload: the extension decides the type, and the file's first bytes must
# match it (a renamed executable or an HTML page is refused).
DOCUMENT_TYPES = uploads.DOCUMENT_SIGNATURES
PHOTO_TYPES = uploads.PHOTO_SIGNATURES


def document_max_bytes() -> int:
    return int(getattr(settings, "EXCHANGES_DOCUMENT_MAX_MB", 20)) * 1024 * 1024


@transaction.atomic
def document_add(
    *, actor: User, event: Event, kind: str, title: str, upload: Any, language: str = ""
) -> EventDocument:
    """Organisers publish a document (PDF or Office) on the event's page, or a photo or an
    outcome document in its report. Type and size are checked on the file itself."""
    _require(may(actor, "exchanges.manage_event", event))
    errors: dict[str, str] = {}
    title = (title or "").strip()
    if not title or len(title) > 200:
        errors["title"] = _("Give the document a title (at most 200 characters).")
    if kind not in EventDocument.Kind.values:
        errors["kind"] = _("Choose a kind of document.")
    if language and not _known_language(language):
        errors["language"] = _("Choose a language from the list.")
    allowed = PHOTO_TYPES if kind == EventDocument.Kind.PHOTO else DOCUMENT_TYPES
    name = getattr(upload, "name", "") or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if upload is None:
        errors["file"] = _("Choose a file.")
    elif extension not in allowed:
        errors["file"] = _("This kind of file is not accepted: use %(types)s.") % {
            "types": ", ".join(sorted(allowed))
        }
    elif upload.size > document_max_bytes():
        errors["file"] = _("The file is larger than %(mb)s MB.") % {
            "mb": document_max_bytes() // (1024 * 1024)
        }
    else:
        upload.seek(0)
        head = upload.read(8)
        upload.seek(0)
        if not any(head.startswith(magic) for magic in allowed[extension]):
            errors["file"] = _("The file's content does not match its type.")
    if errors:
        raise ValidationError(errors)
    upload.name = f"event-{event.pk}-{new_code(8).lower()}.{extension}"
    document = EventDocument.objects.create(
        event=event,
        kind=kind,
        title=title,
        language=normalise_language(language) if language else "",
        file=upload,
        extension=extension,
        size=upload.size,
        uploaded_by=actor,
    )
    audit_record(actor=actor, action="event.document_add", target=event, document=document.pk)
    touch(EVENTS)
    return document


@transaction.atomic
def document_remove(*, actor: User, document: EventDocument) -> None:
    _require(may(actor, "exchanges.manage_event", document.event))
    audit_record(
        actor=actor, action="event.document_remove", target=document.event, title=document.title
    )
    document.delete()  # its file leaves storage once committed (core.uploads)
    touch(EVENTS)


# --- after the event ---------------------------------------------------------------------------


@transaction.atomic
def feedback_give(
    *, actor: User, registration: Registration, rating: int, comment: str = ""
) -> Feedback:
    _require(may(actor, "exchanges.change_registration", registration))
    if registration.status != Status.CONFIRMED:
        raise ValidationError(_("Only participants can give feedback."))
    if registration.event.starts_at and registration.event.starts_at > timezone.now():
        raise ValidationError(_("Feedback opens when the event has started."))
    if not isinstance(rating, int) or not 1 <= rating <= 5:
        raise ValidationError({"rating": _("Give a rating from 1 to 5.")})
    feedback, _created = Feedback.objects.update_or_create(
        registration=registration,
        defaults={"rating": rating, "comment": (comment or "").strip()[:5000]},
    )
    return feedback


def visa_details_purge(*, now: datetime | None = None) -> int:
    """Passport details are kept until the event ends, no longer (the letters stay valid)."""
    now = now or timezone.now()
    return VisaLetter.objects.filter(
        registration__event__ends_at__lt=now, details__isnull=False
    ).update(details=None)


def _gender_counts(event: Event) -> dict[str, int]:
    from django.db.models import Count

    return dict(
        Registration.objects.filter(event=event, status=Status.CONFIRMED)
        .exclude(gender="")
        .order_by()
        .values_list("gender")
        .annotate(n=Count("id"))
    )


def events_anonymise(*, now: datetime | None = None, days: int | None = None) -> int:
    """The worker: registrations of events that ended more than `days` ago (settings
    EXCHANGES_KEEP_PERSONAL_DATA_DAYS, 180 by default) lose names, contacts, answers and letter
    details; the counts by status, country, organisation and language stay."""
    now = now or timezone.now()
    days = days if days is not None else getattr(settings, "EXCHANGES_KEEP_PERSONAL_DATA_DAYS", 180)
    done = 0
    for event_id in Event.objects.filter(
        anonymised_at__isnull=True, ends_at__lt=now - timedelta(days=days)
    ).values_list("pk", flat=True):
        with transaction.atomic():
            event = _lock_event(event_id)
            registrations = Registration.objects.filter(event=event)
            event.gender_counts = _gender_counts(event)
            for pk in registrations.values_list("pk", flat=True):
                Registration.objects.filter(pk=pk).update(
                    full_name=_("Anonymised participant"),
                    email="",
                    user=None,
                    registered_by=None,
                    answers={},
                    reason="",
                    code=new_code(12),
                    gender="",
                )
            VisaLetter.objects.filter(registration__event=event).update(
                details=None, holder_name="", pdf=None
            )
            Feedback.objects.filter(registration__event=event).update(comment="")
            event.anonymised_at = now
            event.save(update_fields=["anonymised_at", "gender_counts", "updated_at"])
            done += 1
    return done
