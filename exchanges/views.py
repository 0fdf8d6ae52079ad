"""The events pages: the list and month calendar, an event, registering (people and
delegations), the organisers' registrations, check-in, tickets, visa letters, verification."""

from __future__ import annotations

import csv
import functools
import zoneinfo
from datetime import date, datetime
from html import escape
from urllib.parse import unquote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import dateformat, timezone, translation
from django.utils.formats import date_format
from django.utils.functional import SimpleLazyObject
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from core import data_versions, uploads
from core.dates import DateWriter
from core.models import country_name
from core.multilingual import shown_html
from core.page_cache import cache_anonymous_page
from core.selectors import country_choices, taxonomy
from core.widgets import options_html
from exchanges import calendars, selectors, services
from exchanges.forms import (
    DeclineForm,
    DelegateAnswersForm,
    DelegationForm,
    DocumentForm,
    EventEditForm,
    EventForm,
    FeedbackForm,
    MessageForm,
    ProgrammeForm,
    QuestionForm,
    RegisterForm,
    SessionForm,
    VisaDetailsForm,
)
from exchanges.models import (
    CertificateBatch,
    Event,
    EventDocument,
    Programme,
    Registration,
    Session,
    VisaLetter,
)
from members.models import Organization, OrganizationStaff
from members.rules import may

PER_PAGE = 20
GENDER_LABELS = (
    ("female", _lazy("Women")),
    ("male", _lazy("Men")),
    ("other", _lazy("Another gender")),
    ("undisclosed", _lazy("Preferred not to say")),
)


def shown(text, language=None) -> dict | None:
    """A text in the reader's language, or the original with a note (see the template)."""
    if text is None:
        return None
    rendering = text.render(language or get_language())
    return {
        "text": rendering.text,
        "language": rendering.language,
        "is_translation": rendering.is_translation,
        "original_text": text.original_text,
        "original_language": text.original,
    }


READER_ZONE_COOKIE_DAYS = 365


def _zone_or_none(name: str) -> zoneinfo.ZoneInfo | None:
    try:
        return zoneinfo.ZoneInfo(name) if name and len(name) <= 64 else None
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


def _reader_zone(request) -> zoneinfo.ZoneInfo | None:
    """The reader's time zone: chosen on the page (`?tz=`), else the one in their account's
    settings, else the one chosen earlier on a page (the `tz` cookie), else the one their device
    reports (the `tz_device` cookie, set by static/exchanges/reader_zone.js)."""
    for name in (
        request.GET.get("tz"),
        getattr(request.user, "time_zone", ""),
        request.COOKIES.get("tz"),
        request.COOKIES.get("tz_device"),
    ):
        zone = _zone_or_none(unquote(name or ""))
        if zone is not None:
            return zone
    return None


def _times(moment: datetime | None, event_zone: str, reader_zone) -> dict | None:
    if moment is None:
        return None
    zone = zoneinfo.ZoneInfo(event_zone)
    local = moment.astimezone(zone)
    theirs = moment.astimezone(reader_zone) if reader_zone else None
    if theirs is not None and theirs.utcoffset() == local.utcoffset():
        theirs = None
    return {
        "event": local,
        "event_zone": event_zone,
        "reader": theirs,
        "reader_zone": str(reader_zone),
    }


# --- the list and the calendar -----------------------------------------------------------------


@cache_anonymous_page(version=data_versions.reader(data_versions.EVENTS))
def event_list(request):
    filters = selectors.EventFilters.from_query(request.GET)
    language = get_language()
    view = "month" if request.GET.get("view") == "month" else "list"
    context = {
        "filters": filters,
        "counts": selectors.event_counts(filters),
        "kinds": Event.Kind.choices,
        "taxonomy": taxonomy(),
        "countries": country_choices(language),
        "regions": [(code, region.name) for code, region in taxonomy().regions.items()],
        "areas": [(area.slug, area.name) for area in taxonomy().areas],
        "programmes": selectors.programme_choices(language),
        "view": view,
        "ics_url": reverse("events_ics") + _query(filters),
        "api_url": reverse("api:list_events") + _query(filters),
    }
    if view == "month":
        month = _month(request.GET.get("month"))
        context["month"] = month
        context["calendar"] = calendar_html(
            _calendar_weeks(selectors.month_grid(filters, month.year, month.month)), month
        )
        context["previous_month"] = _shift(month, -1)
        context["next_month"] = _shift(month, 1)
    else:
        paginator = Paginator(selectors.event_list_rows(filters), PER_PAGE)
        paginator.count = context["counts"]["total"]  # counted already, with the facets
        page = paginator.get_page(request.GET.get("page"))
        context["page"] = page
        context["rows"] = event_rows_html(page.object_list, language)
    context["options"] = {
        "country": _kept_options("country", language, filters.country),
        "region": _kept_options("region", language, filters.region),
        "area": _kept_options("area", language, filters.area),
        "programme": options_html(context["programmes"], filters.programme),
        "kind": kind_options(filters.kind, context["counts"]["kind"]),
    }
    return render(request, "exchanges/event_list.html", context)


ROW = (
    '<li class="directory-row">\n      <h3><a href="{}">{}</a></h3>\n'
    '      <p class="muted">{} · {}{} · {}, {}</p>\n    </li>'
)


def event_rows_html(events, language: str) -> str:
    """The list's rows, written here with the markup of the template they came from (a test
    compares the two): a template's loop over twenty rows, each with an address to reverse and
    two dates to format, was the larger part of the page's own time."""
    sentinel = "987654321"
    address = reverse("exchanges:event", kwargs={"event_id": int(sentinel)})
    kinds = {value: str(label) for value, label in Event.Kind.choices}
    date_format = DateWriter("DATE_FORMAT")
    return format_html_join(
        "",
        ROW,
        (
            (
                address.replace(sentinel, str(event.pk)),
                shown_html(event.title, language),
                kinds.get(event.kind, event.kind),
                date_format(event.starts_on),
                "" if event.ends_on == event.starts_on else f" – {date_format(event.ends_on)}",
                event.city,
                country_name(event.country_id, language),
            )
            for event in events
        ),
    )


@functools.lru_cache(maxsize=64)
def _taxonomy_options(name: str, language: str) -> tuple[tuple[str, str, str], ...]:
    """The options of a taxonomy filter, escaped once per process and language (the taxonomy
    changes only with a deploy): (value, the option's opening, its label and end)."""
    pairs = {
        "country": lambda: country_choices(language),
        "region": lambda: [(code, region.name) for code, region in taxonomy().regions.items()],
        "area": lambda: [(area.slug, area.name) for area in taxonomy().areas],
    }[name]()
    with translation.override(language):
        return tuple(
            (str(value), f'<option value="{escape(str(value))}"', f">{escape(str(label))}</option>")
            for value, label in pairs
        )


def _kept_options(name: str, language: str, selected: str) -> str:
    """_options for a taxonomy filter, from the options escaped once (_taxonomy_options)."""
    return mark_safe(  # escaped in _taxonomy_options
        "".join(
            f"{start}{' selected' if value == selected else ''}{end}"
            for value, start, end in _taxonomy_options(name, language)
        )
    )


def kind_options(selected: str, counted: dict[str, int]) -> str:
    """The kind filter's options with their counts, written here with the markup of the
    template's loop they came from (a test compares the two)."""
    options = []
    for value, label in Event.Kind.choices:
        # As the template's loop wrote it: 0 when nothing is counted at all, nothing between
        # the brackets for a kind without events among counted ones.
        number = intcomma(counted[value]) if value in counted else ("" if counted else "0")
        options.append(
            f'<option value="{escape(value)}"{" selected" if selected == value else ""}>'
            f"{escape(str(label))} ({escape(str(number))})</option>"
        )
    return mark_safe("".join(options))  # every value escaped here


def _calendar_weeks(weeks: list[list[dict]]) -> list[list[dict]]:
    """The month grid with each day's events written once as list items (`events_html`): an
    event lasting days is written once, not once a day."""
    sentinel = "987654321"
    address = escape(reverse("exchanges:event", kwargs={"event_id": int(sentinel)}))
    written: dict[int, str] = {}
    language = get_language()
    for week in weeks:
        for day in week:
            items = []
            for event in day["events"]:
                if event.pk not in written:
                    written[event.pk] = (
                        f'<li><a href="{address.replace(sentinel, str(event.pk))}">'
                        f"{escape(event.title.render(language).text)}</a></li>"
                    )
                items.append(written[event.pk])
            day["events_html"] = mark_safe("".join(items))  # escaped above
    return weeks


def calendar_html(weeks: list[list[dict]], month: date) -> str:
    """The month's table, written here with the markup of the template it came from (a test
    compares the two): six weeks of seven days cost the template more than the query."""
    head = "".join(
        f'<th scope="col">{escape(dateformat.format(day["day"], "D"))}</th>' for day in weeks[0]
    )
    body = "".join(
        "<tr>"
        + "".join(
            '\n      <td{}><span class="day">{}</span>\n        {}</td>\n    '.format(
                "" if day["in_month"] else ' class="muted"',
                day["day"].day,
                f"<ul>{day['events_html']}</ul>" if day["events"] else "",
            )
            for day in week
        )
        + "</tr>"
        for week in weeks
    )
    return mark_safe(  # dates and numbers written here; the events' titles escaped already
        '<table class="calendar">\n'
        f"    <caption>{escape(date_format(month, 'F Y'))}</caption>\n"
        f"    <thead><tr>{head}</tr></thead>\n"
        f"    <tbody>{body}</tbody>\n"
        "  </table>"
    )


def _query(filters) -> str:
    from urllib.parse import urlencode

    query = filters.as_query()
    return f"?{urlencode(query)}" if query else ""


def _month(value: str | None) -> date:
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        if 1900 <= year <= 2200 and 1 <= month <= 12:
            return date(year, month, 1)
    except ValueError:
        pass
    today = timezone.localdate()
    return date(today.year, today.month, 1)


def _shift(month: date, by: int) -> str:
    index = month.year * 12 + month.month - 1 + by
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


# --- one event ---------------------------------------------------------------------------------


def _event_or_404(event_id: int) -> Event:
    event = selectors.event_detail(event_id)
    if event is None:
        raise Http404
    return event


def _admin_organizations(user):
    if not user.is_authenticated:
        return []
    return list(
        Organization.objects.filter(
            staff__user=user,
            staff__role=OrganizationStaff.Role.ADMIN,
            status=Organization.Status.MEMBER,
        ).order_by("slug")
    )


def event_detail(request, event_id: int):
    event = _event_or_404(event_id)
    user = request.user
    language = get_language()
    reader_zone = _reader_zone(request)
    mine = selectors.my_registrations(user, event)
    is_organizer = may(user, "exchanges.manage_event", event)
    confirmed = any(r.status == Registration.Status.CONFIRMED for r in mine)
    admin_orgs = _admin_organizations(user)
    sessions = [
        {
            "title": shown(s.title, language),
            "starts": _times(s.starts_at, event.time_zone, reader_zone),
            "ends": _times(s.ends_at, event.time_zone, reader_zone),
            "speakers": s.speakers,
            "room": s.room,
        }
        for s in event.sessions.all()
    ]
    context = {
        "event": event,
        "title": shown(event.title, language),
        "description": shown(event.description, language),
        "country": country_name(event.country_id, language),
        "starts": _times(event.starts_at, event.time_zone, reader_zone),
        "ends": _times(event.ends_at, event.time_zone, reader_zone),
        "sessions": sessions,
        "places_left": services.places_left(event),
        "window_error": services.registration_window_error(event),
        "mine": mine,
        "show_link": bool(event.online_link) and (confirmed or is_organizer),
        "is_organizer": is_organizer,
        # Made when the template shows them (to signed-in readers): the questions are a query.
        "register_form": SimpleLazyObject(
            lambda: RegisterForm(questions=list(event.questions.all()), ask_gender=event.ask_gender)
        ),
        "documents": _documents(event, EventDocument.Kind.DOCUMENT, EventDocument.Kind.OUTCOME),
        "delegation_form": DelegationForm(organizations=admin_orgs) if admin_orgs else None,
        "feedback_form": SimpleLazyObject(FeedbackForm),
        "now": timezone.now(),
        "zones": _zone_choices(reader_zone),
        "reader_zone": str(reader_zone) if reader_zone else "",
        "organizers": [event.organizer, *event.co_organizers.all()] if event.organizer else [],
        "outcomes": _outcomes(event, language),
        "can_message": is_organizer,
    }
    response = render(request, "exchanges/event_detail.html", context)
    chosen = _zone_or_none(request.GET.get("tz") or "")
    if chosen is not None:  # remembered for the next pages
        response.set_cookie(
            "tz",
            str(chosen),
            max_age=READER_ZONE_COOKIE_DAYS * 86400,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response


COMMON_ZONES = (
    "UTC",
    "Asia/Shanghai",
    "Europe/Moscow",
    "Asia/Dubai",
    "Europe/Paris",
    "America/Mexico_City",
)


def _zone_choices(reader_zone) -> list[str]:
    zones = list(COMMON_ZONES)
    if reader_zone is not None and str(reader_zone) not in zones:
        zones.append(str(reader_zone))
    return zones


def _document_url(document) -> str:
    """The governance page of a network document, once governance has one."""
    from django.urls import NoReverseMatch

    try:
        return reverse("governance:document", kwargs={"slug": document.slug})
    except NoReverseMatch:
        return ""


def _service_errors(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _form_messages(request, form) -> None:
    """The errors of a form posted from another page (the event's), as messages there."""
    for errors in form.errors.values():
        for message in errors:
            messages.error(request, message)


def _outcomes(event: Event, language: str) -> list[dict]:
    """The network documents the event produced, each with its governance page."""
    return [
        {"title": shown(d.title, language), "url": _document_url(d)}
        for d in event.outcome_documents.all()
    ]


def _documents(event: Event, *kinds: str) -> list[EventDocument]:
    """The event's uploaded files of these kinds (prefetched: filtered here, not queried)."""
    return [d for d in event.documents.all() if d.kind in kinds]


@login_required
@require_POST
def register(request, event_id: int):
    event = get_object_or_404(Event, pk=event_id)
    form = RegisterForm(
        request.POST, questions=list(event.questions.all()), ask_gender=event.ask_gender
    )
    if not form.is_valid():
        _form_messages(request, form)
    else:
        try:
            registration = services.registration_register(
                actor=request.user,
                event=event,
                answers=form.cleaned_data,
                needs_visa_letter=form.cleaned_data["needs_visa_letter"],
                language=get_language(),
                gender=form.cleaned_data.get("gender", ""),
            )
        except ValidationError as error:
            _service_errors(request, error)
        else:
            messages.success(request, _status_message(registration))
    return redirect("exchanges:event", event_id=event.pk)


def _status_message(registration: Registration) -> str:
    return {
        Registration.Status.CONFIRMED: _("You are registered: your place is confirmed."),
        Registration.Status.PENDING: _(
            "You are registered: the organisers will confirm your place."
        ),
        Registration.Status.WAITING: _("The event is full: you are on the waiting list."),
    }.get(registration.status, registration.get_status_display())


@login_required
@require_POST
def register_delegation(request, event_id: int):
    event = get_object_or_404(Event, pk=event_id)
    form = DelegationForm(request.POST, organizations=_admin_organizations(request.user))
    if not form.is_valid():
        _form_messages(request, form)
        return redirect("exchanges:event", event_id=event.pk)
    organization = Organization.objects.get(slug=form.cleaned_data["organization"])
    delegates = form.cleaned_data["delegates"]
    questions = list(event.questions.all())
    if questions or event.ask_gender:
        # Second step: each delegate's answers to the organisers' questions (no script needed:
        # the names travel in a hidden field and are checked again).
        answering = request.POST.get("step") == "answers"
        answer_forms = [
            DelegateAnswersForm(
                request.POST if answering else None,
                prefix=f"d{index}",
                questions=questions,
                ask_gender=event.ask_gender,
                delegate=delegate,
            )
            for index, delegate in enumerate(delegates)
        ]
        checked = [form.is_valid() for form in answer_forms]  # each form, for its errors
        if not answering or not all(checked):
            return render(
                request,
                "exchanges/delegation_answers.html",
                {
                    "event": event,
                    "title": shown(event.title),
                    "organization": organization,
                    "form": form,
                    "answer_forms": answer_forms,
                },
            )
        delegates = [f.as_delegate() for f in answer_forms]
    try:
        made = services.delegation_register(
            actor=request.user,
            event=event,
            organization=organization,
            delegates=delegates,
            language=get_language(),
        )
    except ValidationError as error:
        _service_errors(request, error)
    else:
        confirmed = sum(1 for r in made if r.status == Registration.Status.CONFIRMED)
        waiting = sum(1 for r in made if r.status == Registration.Status.WAITING)
        messages.success(
            request,
            _("Delegation registered: %(confirmed)s confirmed, %(waiting)s on the waiting list.")
            % {"confirmed": confirmed, "waiting": waiting},
        )
    return redirect("exchanges:event", event_id=event.pk)


def _registration(request, registration_id: int, permission: str = "exchanges.view_registration"):
    registration = get_object_or_404(
        Registration.objects.select_related("event", "organization"), pk=registration_id
    )
    if not may(request.user, permission, registration):
        raise PermissionDenied
    return registration


@login_required
@require_POST
def registration_action(request, registration_id: int, action: str):
    registration = get_object_or_404(
        Registration.objects.select_related("event"), pk=registration_id
    )
    try:
        if action == "cancel":
            services.registration_cancel(actor=request.user, registration=registration)
            messages.success(request, _("The registration is cancelled."))
        elif action == "accept":
            services.offer_accept(actor=request.user, registration=registration)
            messages.success(request, _("You accepted the place: your registration is confirmed."))
        elif action == "confirm":
            services.registration_confirm(actor=request.user, registration=registration)
            messages.success(request, _("Registration confirmed."))
        elif action == "decline":
            form = DeclineForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Give the reason the person will read."))
            else:
                services.registration_decline(
                    actor=request.user,
                    registration=registration,
                    reason=form.cleaned_data["reason"],
                )
                messages.success(request, _("Registration declined."))
        elif action == "swap":
            services.delegate_swap(
                actor=request.user,
                registration=registration,
                full_name=request.POST.get("full_name", ""),
                email=request.POST.get("email", ""),
            )
            messages.success(request, _("The delegate is replaced."))
        elif action == "feedback":
            form = FeedbackForm(request.POST)
            if form.is_valid():
                services.feedback_give(
                    actor=request.user,
                    registration=registration,
                    rating=form.cleaned_data["rating"],
                    comment=form.cleaned_data["comment"],
                )
                messages.success(request, _("Thank you for your feedback."))
        else:
            raise Http404
    except ValidationError as error:
        _service_errors(request, error)
    back = request.POST.get("next") or ""
    if back.startswith("/") and not back.startswith("//"):
        return redirect(back)
    return redirect("exchanges:event", event_id=registration.event_id)


# --- organisers ---------------------------------------------------------------------------------


def _event_page(request, template: str, event: Event, **context):
    """An organisers' page about one event: the event and its title in the reader's language."""
    return render(request, template, {"event": event, "title": shown(event.title), **context})


def _naive(moment):
    """A form's datetime as wall time: the service reads it in the event's zone."""
    return moment.replace(tzinfo=None) if moment else None


def _session_fields(data: dict) -> dict:
    """A session form's fields, as session_add and session_update take them."""
    return {
        "title": data["title"],
        "language": data["language"],
        "starts_at": _naive(data["starts_at"]),
        "ends_at": _naive(data["ends_at"]),
        "speakers": data["speakers"].splitlines(),
        "room": data["room"],
    }


def _english_title(data: dict) -> dict[str, str] | None:
    """The forms' optional English title, as the services' translations."""
    return {"en": data["title_en"]} if data["title_en"] else None


def _managed_event(request, event_id: int) -> Event:
    event = get_object_or_404(Event.objects.select_related("organizer"), pk=event_id)
    if not may(request.user, "exchanges.manage_event", event):
        raise PermissionDenied
    return event


@login_required
def registrations(request, event_id: int):
    event = _managed_event(request, event_id)
    if request.method == "POST" and "capacity" in request.POST:
        value = request.POST.get("capacity", "").strip()
        try:
            services.event_set_capacity(
                actor=request.user, event=event, capacity=int(value) if value else None
            )
        except ValueError:
            messages.error(request, _("Give a whole number of places."))
        except ValidationError as error:
            _service_errors(request, error)
        else:
            messages.success(request, _("The number of places is changed."))
        return redirect("exchanges:registrations", event_id=event.pk)
    if request.method == "POST":
        form = MessageForm(request.POST)
        if form.is_valid():
            try:
                sent = services.participants_message(
                    actor=request.user, event=event, **form.cleaned_data
                )
            except ValidationError as error:
                _service_errors(request, error)
            else:
                messages.success(
                    request, _("Message sent to %(count)s participants.") % {"count": sent}
                )
        return redirect("exchanges:registrations", event_id=event.pk)
    filters = selectors.RegistrationFilters.from_query(request.GET)
    rows = selectors.registrations_of(event, filters)
    if request.GET.get("format") == "csv":
        return _csv(event, rows)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return _event_page(
        request,
        "exchanges/registrations.html",
        event,
        page=page,
        filters=filters,
        statuses=Registration.Status.choices,
        counts=selectors.registration_counts(event),
        places_left=services.places_left(event),
        decline_form=DeclineForm(),
        message_form=MessageForm(),
    )


class _Echo:
    def write(self, value):
        return value


def _csv(event: Event, rows) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())
    questions = list(event.questions.all())
    header = [
        _("Code"),
        _("Full name"),
        _("Email"),
        _("Status"),
        _("Organisation"),
        _("Country"),
        _("Language"),
        _("Dietary needs"),
        _("Access needs"),
        _("Interpretation language"),
        _("Visa letter"),
        _("Checked in"),
        _("Registered"),
        *[question.label for question in questions],
    ]

    def lines():
        yield "\ufeff" + writer.writerow(header)
        for r in rows.iterator(chunk_size=2000):
            yield writer.writerow(
                [
                    r.code,
                    r.full_name,
                    r.email,
                    r.get_status_display(),
                    r.organization.slug if r.organization else "",
                    r.country_id or "",
                    r.language,
                    r.answers.get("dietary", ""),
                    r.answers.get("access", ""),
                    r.answers.get("interpretation_language", ""),
                    "yes" if r.needs_visa_letter else "",
                    "yes" if hasattr(r, "check_in") else "",
                    r.created_at.isoformat(),
                    *[r.answers.get(question.key, "") for question in questions],
                ]
            )

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}-registrations.csv"'
    return response


@login_required
def event_create(request):
    organizations = list(
        Organization.objects.filter(
            staff__user=request.user, status=Organization.Status.MEMBER
        ).order_by("slug")
    )
    if not organizations:
        raise PermissionDenied
    form = EventForm(request.POST or None, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            event = services.event_create(
                actor=request.user,
                organizer=next(o for o in organizations if o.slug == data["organizer"]),
                title=data["title"],
                language=data["language"],
                translations=_english_title(data),
                description=data["description"],
                kind=data["kind"],
                city=data["city"],
                country=data["country"],
                starts_at=_naive(data["starts_at"]),
                ends_at=_naive(data["ends_at"]),
                time_zone=data["time_zone"],
                capacity=data["capacity"],
                online_link=data["online_link"],
                review_registrations=data["review_registrations"],
                working_languages=data["working_languages"],
                interpretation=data["interpretation"],
                registration_closes_at=_naive(data["registration_closes_at"]),
                delegation_quota=data["delegation_quota"],
                offer_hours=data["offer_hours"],
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            return redirect("exchanges:sessions", event_id=event.pk)
    return render(request, "exchanges/event_form.html", {"form": form})


def _form_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@login_required
def sessions(request, event_id: int):
    event = _managed_event(request, event_id)
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        translations = (
            {data["other_language"]: data["title_other"]}
            if data["other_language"] and data["title_other"]
            else None
        )
        try:
            services.session_add(
                actor=request.user,
                event=event,
                translations=translations,
                **_session_fields(data),
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Session added."))
            return redirect("exchanges:sessions", event_id=event.pk)
    return _event_page(
        request,
        "exchanges/sessions.html",
        event,
        form=form,
        sessions=event.sessions.all(),
    )


@login_required
def event_edit(request, event_id: int):
    event = _managed_event(request, event_id)
    form = EventEditForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.event_update(
                actor=request.user,
                event=event,
                original_language=data["original_language"],
                titles=form.texts("title"),
                descriptions=form.texts("description"),
                kind=data["kind"],
                city=data["city"],
                country=data["country"],
                venue=data["venue"],
                online_link=data["online_link"],
                starts_at=_naive(data["starts_at"]),
                ends_at=_naive(data["ends_at"]),
                time_zone=data["time_zone"],
                working_languages=data["working_languages"],
                interpretation=data["interpretation"],
                capacity=data["capacity"],
                registration_opens_at=_naive(data["registration_opens_at"]),
                registration_closes_at=_naive(data["registration_closes_at"]),
                review_registrations=data["confirmation"] == "review",
                offer_hours=data["offer_hours"],
                delegation_quota=data["delegation_quota"],
                ask_gender=data["ask_gender"],
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The event is saved."))
            return redirect("exchanges:event", event_id=event.pk)
    return _event_page(request, "exchanges/event_edit.html", event, form=form)


@login_required
def session_edit(request, event_id: int, session_id: int):
    event = _managed_event(request, event_id)
    session = get_object_or_404(Session, pk=session_id, event=event)
    if request.method == "POST" and request.POST.get("action") == "delete":
        services.session_delete(actor=request.user, session=session)
        messages.success(request, _("Session removed."))
        return redirect("exchanges:sessions", event_id=event.pk)
    others = [
        (code, text) for code, text in session.title.text.items() if code != session.title.original
    ]
    zone = zoneinfo.ZoneInfo(event.time_zone)
    initial = {
        "title": session.title.original_text,
        "language": session.title.original,
        "other_language": others[0][0] if others else "",
        "title_other": others[0][1] if others else "",
        "starts_at": session.starts_at.astimezone(zone).replace(tzinfo=None),
        "ends_at": session.ends_at.astimezone(zone).replace(tzinfo=None),
        "room": session.room,
        "speakers": "\n".join(session.speakers),
    }
    form = SessionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        translations = dict(others)
        if data["other_language"]:
            translations[data["other_language"]] = data["title_other"]
        translations.pop(data["language"], None)
        try:
            services.session_update(
                actor=request.user,
                session=session,
                translations=translations,
                **_session_fields(data),
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Session saved."))
            return redirect("exchanges:sessions", event_id=event.pk)
    return _event_page(request, "exchanges/session_edit.html", event, form=form, session=session)


@login_required
def programme_create(request):
    from core.models import KeyArea
    from members.rules import is_back_office

    if not may(request.user, "exchanges.create_programme"):
        raise PermissionDenied
    language = get_language()
    back_office = request.user.is_superuser or is_back_office(request.user)
    organizations = Organization.objects.filter(status=Organization.Status.MEMBER)
    if not back_office:
        organizations = organizations.filter(
            staff__user=request.user, staff__role=OrganizationStaff.Role.ADMIN
        )
    organizations = list(organizations.order_by("slug")[:500])
    events = Event.objects.select_related("country").order_by("-starts_on", "-id")
    if not back_office:
        ids = [o.pk for o in organizations]
        events = events.filter(Q(organizer__in=ids) | Q(co_organizers__in=ids)).distinct()
    events = list(events[:200])
    form = ProgrammeForm(
        request.POST or None,
        organizations=organizations,
        areas=[(a.slug, a.name) for a in KeyArea.objects.all()],
        events=[
            (str(e.pk), f"{shown(e.title, language)['text']} · {e.starts_on:%Y-%m-%d}")
            for e in events
        ],
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            programme = services.programme_create(
                actor=request.user,
                title=data["title"],
                language=data["language"],
                translations=_english_title(data),
                description=data["description"],
                organizers=[o for o in organizations if o.slug in data["organizers"]],
                countries=data["countries"],
                areas=data["areas"],
                events=[e for e in events if str(e.pk) in data["events"]],
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The programme is created."))
            return redirect("exchanges:programme", programme_id=programme.pk)
    return render(request, "exchanges/programme_form.html", {"form": form})


@login_required
def documents(request, event_id: int):
    """Organisers upload the event's documents, photos and outcome documents."""
    event = _managed_event(request, event_id)
    if request.method == "POST" and request.POST.get("remove"):
        document = get_object_or_404(EventDocument, pk=request.POST["remove"], event=event)
        services.document_remove(actor=request.user, document=document)
        messages.success(request, _("The document is removed."))
        return redirect("exchanges:documents", event_id=event.pk)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.document_add(
                actor=request.user,
                event=event,
                kind=data["kind"],
                title=data["title"],
                language=data["language"],
                upload=data["file"],
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The document is published."))
            return redirect("exchanges:documents", event_id=event.pk)
    return _event_page(
        request,
        "exchanges/documents.html",
        event,
        form=form,
        documents=event.documents.all(),
        max_mb=services.document_max_bytes() // (1024 * 1024),
    )


def document(request, event_id: int, document_id: int):
    """An event's document, for anyone (events are public). Office files are downloaded;
    PDFs and photos open in the browser."""
    doc = get_object_or_404(EventDocument, pk=document_id, event_id=event_id)
    response = uploads.download(
        doc.file, doc.extension, f"event-{event_id}-{doc.pk}.{doc.extension}"
    )
    response["Cache-Control"] = "public, max-age=3600"
    return response


@login_required
def questions(request, event_id: int):
    event = _managed_event(request, event_id)
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.question_add(
                actor=request.user,
                event=event,
                label=data["label"],
                kind=data["kind"],
                choices=data["choices"].splitlines(),
                required=data["required"],
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Question added."))
            return redirect("exchanges:questions", event_id=event.pk)
    return _event_page(
        request,
        "exchanges/questions.html",
        event,
        form=form,
        questions=event.questions.all(),
    )


@login_required
def check_in_page(request, event_id: int):
    event = _managed_event(request, event_id)
    result = None
    if request.method == "POST":
        try:
            registration, created = services.check_in(
                actor=request.user, event=event, code=request.POST.get("code", "")
            )
            result = {"ok": True, "name": registration.full_name, "created": created}
        except ValidationError as error:
            result = {"ok": False, "message": " ".join(error.messages)}
    q = (request.GET.get("q") or "").strip()
    found = (
        list(
            selectors.registrations_of(
                event, selectors.RegistrationFilters(q=q, status="confirmed")
            )[:20]
        )
        if q
        else []
    )
    return _event_page(
        request,
        "exchanges/check_in.html",
        event,
        result=result,
        q=q,
        found=found,
        counts=selectors.registration_counts(event),
    )


def check_in_worker(request, event_id: int):
    """The check-in page's service worker, a static script served from the page's own path so
    that its scope is that path and nothing else (see static/exchanges/check_in_worker.js)."""
    from pathlib import Path

    script = (Path(__file__).parent / "static" / "exchanges" / "check_in_worker.js").read_bytes()
    response = HttpResponse(script, content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    return response


# --- tickets, visa letters, verification ---------------------------------------------------------


@login_required
def ticket(request, registration_id: int):
    import segno

    registration = _registration(request, registration_id)
    if registration.status != Registration.Status.CONFIRMED:
        raise Http404
    qr = segno.make(registration.code, error="m").svg_inline(scale=6, title=registration.code)
    return render(
        request,
        "exchanges/ticket.html",
        {"registration": registration, "title": shown(registration.event.title), "qr": qr},
    )


@login_required
def certificate(request, registration_id: int):
    """An attendance certificate for someone checked in, in the reader's language."""
    from exchanges import letters

    registration = _registration(request, registration_id)
    if not hasattr(registration, "check_in"):
        raise Http404
    pdf = letters.certificate_pdf(registration=registration, language=get_language())
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{registration.code}.pdf"'
    return response


@login_required
def certificates(request, event_id: int, batch_id: int | None = None):
    """Organisers: ask for all certificates (POST), then follow the batch's progress."""
    event = _managed_event(request, event_id)
    if request.method == "POST":
        try:
            batch = services.certificates_request(
                actor=request.user, event=event, language=get_language()
            )
        except ValidationError as error:
            _service_errors(request, error)
            return redirect("exchanges:registrations", event_id=event.pk)
        return redirect("exchanges:certificates", event_id=event.pk, batch_id=batch.pk)
    batch = get_object_or_404(CertificateBatch, pk=batch_id, event=event)
    if request.GET.get("download") and batch.status == CertificateBatch.Status.DONE:
        response = HttpResponse(batch.file.read(), content_type="application/zip")
        response["Content-Disposition"] = (
            f'attachment; filename="event-{event.pk}-certificates.zip"'
        )
        return response
    return _event_page(request, "exchanges/certificates.html", event, batch=batch)


@login_required
def visa_letter(request, registration_id: int):
    registration = _registration(request, registration_id)
    letter = VisaLetter.objects.filter(registration=registration).first()
    can_see = may(request.user, "exchanges.see_visa_details", registration)
    is_holder = may(request.user, "exchanges.change_registration", registration)
    form = VisaDetailsForm(request.POST or None) if is_holder else None
    if request.method == "POST":
        try:
            if request.POST.get("action") == "issue" and letter is not None:
                services.visa_letter_issue(
                    actor=request.user, letter=letter, costs=request.POST.get("costs", "")
                )
                messages.success(request, _("The letter is issued."))
                return redirect("exchanges:visa_letter", registration_id=registration.pk)
            if form is not None and form.is_valid():
                services.visa_details_submit(
                    actor=request.user, registration=registration, details=form.details()
                )
                messages.success(request, _("Thank you: the organisers will prepare your letter."))
                return redirect("exchanges:visa_letter", registration_id=registration.pk)
            if form is None:
                raise PermissionDenied
        except ValidationError as error:
            _service_errors(request, error)
    details = (
        services.visa_details_read(actor=request.user, letter=letter)
        if letter and can_see
        else None
    )
    return render(
        request,
        "exchanges/visa_letter.html",
        {
            "registration": registration,
            "title": shown(registration.event.title),
            "letter": letter,
            "details": details,
            "can_issue": can_see,
            "form": form,
        },
    )


@login_required
def visa_letter_pdf(request, registration_id: int):
    registration = _registration(request, registration_id)
    letter = get_object_or_404(
        VisaLetter, registration=registration, status=VisaLetter.Status.ISSUED
    )
    response = HttpResponse(bytes(letter.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="invitation-{letter.code}.pdf"'
    return response


def verify(request, code: str):
    letter = (
        VisaLetter.objects.select_related("registration__event")
        .filter(code=code.strip().upper()[:16], status=VisaLetter.Status.ISSUED)
        .first()
    )
    context = {"code": code[:16], "letter": letter}
    if letter:
        context["title"] = shown(letter.registration.event.title)
    return render(request, "exchanges/verify.html", context, status=200 if letter else 404)


def report(request, event_id: int):
    """After the event: people reached by country and language, check-ins, feedback, outcomes."""
    event = _event_or_404(event_id)
    language = get_language()
    figures = selectors.event_report(event)
    figures["by_country"] = [
        (country_name(code, language) if code else "—", n) for code, n in figures["by_country"]
    ]
    labels = dict(GENDER_LABELS)
    figures["by_gender"] = [(labels.get(code, code), n) for code, n in figures["by_gender"]]
    return render(
        request,
        "exchanges/report.html",
        {
            "event": event,
            "title": shown(event.title, language),
            "figures": figures,
            "outcomes": _outcomes(event, language),
            "photos": _documents(event, EventDocument.Kind.PHOTO),
            "outcome_files": _documents(event, EventDocument.Kind.OUTCOME),
        },
    )


def programme_detail(request, programme_id: int):
    programme = get_object_or_404(
        Programme.objects.prefetch_related("organizers", "countries", "areas"), pk=programme_id
    )
    language = get_language()
    events = list(programme.events.select_related("country").order_by("-starts_on"))
    return render(
        request,
        "exchanges/programme.html",
        {
            "programme": programme,
            "title": shown(programme.title, language),
            "description": shown(programme.description, language),
            "events": [{"event": e, "title": shown(e.title, language)} for e in events],
        },
    )


# --- calendars ----------------------------------------------------------------------------------


def _ics_response(content, name: str, *, stream: bool = False):
    response_class = StreamingHttpResponse if stream else HttpResponse
    response = response_class(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{name}.ics"'
    return response


@cache_anonymous_page(version=data_versions.reader(data_versions.EVENTS))
def events_ics(request):
    """All events, or a list filter's. A feed that fits in one chunk (most filters) is written
    whole, so a calendar application asking for it again is served it from the page cache;
    a larger one (the full feed) streams, with flat memory."""
    filters = selectors.EventFilters.from_query(request.GET)
    events = selectors.calendar_events(filters)
    small = calendars.whole_if_small(events, request)
    if small is not None:
        return _ics_response(small, "events")
    return _ics_response(calendars.stream(events, request), "events", stream=True)


def event_ics(request, event_id: int):
    event = get_object_or_404(Event.objects.select_related("country"), pk=event_id)
    return _ics_response(b"".join(calendars.stream([event], request)), f"event-{event.pk}")


def organization_ics(request, slug: str):
    organization = get_object_or_404(Organization, slug=slug)
    events = selectors.calendar_events(selectors.EventFilters(organizer=organization.slug))
    return _ics_response(calendars.stream(events, request), f"events-{slug}", stream=True)


def organization_events_section(request, organization) -> str:
    """The events an organisation organises, on its profile (core.page_sections). Written in
    Python: a profile nobody has opened yet is a common first request, and a template's loop
    cost more than the query."""
    events = selectors.organization_events(organization.pk)
    if not events:
        return ""
    language = get_language()
    address = reverse("exchanges:event", args=[0]).removesuffix("0/")
    rows = format_html_join(
        "",
        '<li><a href="{}{}/">{}</a> · {} · {}, {}</li>',
        (
            (
                address,
                event.pk,
                shown_html(event.title, language),
                date_format(event.starts_on, "DATE_FORMAT"),
                event.city,
                country_name(event.country_id, language),
            )
            for event in events
        ),
    )
    return format_html(
        '<section aria-labelledby="org-events"><h2 id="org-events">{}</h2><ul>{}</ul>'
        '<p><a href="{}">{}</a></p></section>',
        _("Events"),
        rows,
        reverse("organization_ics", args=[organization.slug]),
        _("Subscribe (iCalendar)"),
    )
