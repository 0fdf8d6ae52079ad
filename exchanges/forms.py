"""The forms of the events pages. Cleaning beyond shapes happens in exchanges.services."""

import zoneinfo

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.widgets import FastSelect
from core.zones import zone_names
from exchanges.models import Event, EventDocument
from exchanges.services import VISA_FIELDS

LANGUAGE_CHOICES = [(code, name) for code, name in settings.LANGUAGES]


class RegisterForm(forms.Form):
    dietary = forms.CharField(label=_("Dietary needs"), required=False, max_length=500)
    access = forms.CharField(label=_("Access needs"), required=False, max_length=500)
    interpretation_language = forms.ChoiceField(
        label=_("Interpretation language"),
        required=False,
        choices=[("", "—"), *LANGUAGE_CHOICES],
    )
    needs_visa_letter = forms.BooleanField(
        label=_("I need a visa invitation letter"), required=False
    )

    def __init__(self, *args, questions=(), ask_gender=False, **kwargs):
        super().__init__(*args, **kwargs)
        if ask_gender:
            self.fields["gender"] = gender_field()
        for question in questions:
            if question.kind == "choice":
                field = forms.ChoiceField(choices=[("", "—"), *[(c, c) for c in question.choices]])
            elif question.kind == "yes_no":
                field = forms.ChoiceField(choices=[("", "—"), ("yes", _("Yes")), ("no", _("No"))])
            else:
                field = forms.CharField(max_length=500)
            field.label = question.label
            field.required = question.required
            self.fields[question.key] = field


def gender_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Gender (optional, only counted in the report)"),
        required=False,
        choices=[
            ("", "—"),
            ("female", _("Woman")),
            ("male", _("Man")),
            ("other", _("Another gender")),
            ("undisclosed", _("Prefer not to say")),
        ],
    )


class DelegationForm(forms.Form):
    organization = forms.ChoiceField(label=_("Organisation"))
    delegates = forms.CharField(
        label=_("Delegates"),
        help_text=_("One delegate a line: full name, email."),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=20000,
    )

    def __init__(self, *args, organizations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].choices = [(o.slug, str(o.name)) for o in organizations]

    def clean_delegates(self):
        rows = []
        for number, line in enumerate(self.cleaned_data["delegates"].splitlines(), start=1):
            if not line.strip():
                continue
            name, _comma, email = line.rpartition(",")
            if not name.strip() or "@" not in email:
                raise forms.ValidationError(
                    _("Line %(number)s: write a full name, a comma and an email.")
                    % {"number": number}
                )
            rows.append({"full_name": name.strip(), "email": email.strip()})
        if not rows:
            raise forms.ValidationError(_("Name at least one delegate."))
        return rows


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (sent to the person)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )


class VisaDetailsForm(forms.Form):
    passport_name = forms.CharField(label=_("Full name as in the passport"), max_length=200)
    nationality = forms.CharField(label=_("Nationality"), max_length=100)
    passport_number = forms.CharField(label=_("Passport number"), max_length=40)
    passport_expiry = forms.DateField(
        label=_("Passport expiry date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    birth_date = forms.DateField(
        label=_("Date of birth"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def details(self) -> dict[str, str]:
        return {key: str(self.cleaned_data[key]) for key in VISA_FIELDS}


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Rating"), coerce=int, choices=[(n, str(n)) for n in range(5, 0, -1)]
    )
    comment = forms.CharField(
        label=_("Comments"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
    )


def _zone_choices() -> list[tuple[str, str]]:
    """The zones people choose from (core.zones, read once per process, not at start-up)."""
    return [(name, name) for name in zone_names()]


class EventForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    language = forms.ChoiceField(label=_("Language of the title"), choices=LANGUAGE_CHOICES)
    title_en = forms.CharField(
        label=_("Title in English (if the original is another language)"),
        max_length=200,
        required=False,
    )
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=20000,
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Event.Kind.choices)
    organizer = forms.ChoiceField(label=_("Organising organisation"))
    city = forms.CharField(label=_("City"), max_length=100)
    country = forms.CharField(
        label=_("Country code (ISO, two letters)"), max_length=2, min_length=2
    )
    # Some six hundred zones: written by FastSelect, not a template per option.
    time_zone = forms.ChoiceField(
        label=_("Time zone"), choices=_zone_choices, initial="UTC", widget=FastSelect
    )
    starts_at = forms.DateTimeField(
        label=_("Starts"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    ends_at = forms.DateTimeField(
        label=_("Ends"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    capacity = forms.IntegerField(
        label=_("Places"), required=False, min_value=1, max_value=1_000_000
    )
    online_link = forms.URLField(
        assume_scheme="https",
        label=_("Online link (shown to confirmed participants only)"),
        required=False,
    )
    review_registrations = forms.BooleanField(
        label=_("Organisers confirm each registration"), required=False
    )
    working_languages = forms.MultipleChoiceField(
        label=_("Working languages"), choices=LANGUAGE_CHOICES, required=False
    )
    interpretation = forms.MultipleChoiceField(
        label=_("Interpretation into"), choices=LANGUAGE_CHOICES, required=False
    )
    registration_closes_at = forms.DateTimeField(
        label=_("Registration closes"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    delegation_quota = forms.IntegerField(
        label=_("Places per organisation's delegation"), min_value=1, max_value=1000, initial=10
    )
    offer_hours = forms.IntegerField(
        label=_("Hours a waiting-list offer is held"), min_value=1, max_value=720, initial=48
    )

    def __init__(self, *args, organizations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organizer"].choices = [(o.slug, str(o.name)) for o in organizations]


class SessionForm(forms.Form):
    title = forms.CharField(label=_("Session title"), max_length=200)
    language = forms.ChoiceField(label=_("Language of the title"), choices=LANGUAGE_CHOICES)
    title_other = forms.CharField(
        label=_("Title in a second language"), max_length=200, required=False
    )
    other_language = forms.ChoiceField(
        label=_("Second language"), choices=[("", "—"), *LANGUAGE_CHOICES], required=False
    )
    starts_at = forms.DateTimeField(
        label=_("Starts"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    ends_at = forms.DateTimeField(
        label=_("Ends"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    room = forms.CharField(label=_("Room"), max_length=100, required=False)
    speakers = forms.CharField(
        label=_("Speakers (one a line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )


class MessageForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(
        label=_("Message"), widget=forms.Textarea(attrs={"rows": 5}), max_length=10000
    )


class QuestionForm(forms.Form):
    label = forms.CharField(label=_("Question"), max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind of answer"),
        choices=[("text", _("Text")), ("choice", _("Choice")), ("yes_no", _("Yes or no"))],
    )
    choices = forms.CharField(
        label=_("Answers to choose from (one a line)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
    )
    required = forms.BooleanField(label=_("An answer is required"), required=False)


DATETIME_LOCAL = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _in_zone(moment, zone_name: str):
    """An aware moment as the naive wall time of the event's zone, for a datetime-local input."""
    if moment is None:
        return None
    return moment.astimezone(zoneinfo.ZoneInfo(zone_name)).replace(tzinfo=None)


class EventEditForm(forms.Form):
    """Everything organisers change about an event; the title and description in each
    language, the one they were written in marked as the original."""

    original_language = forms.ChoiceField(
        label=_("Original language (the one the text was written in)"),
        choices=LANGUAGE_CHOICES,
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Event.Kind.choices)
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=_zone_choices, widget=FastSelect)
    starts_at = forms.DateTimeField(label=_("Starts"), widget=DATETIME_LOCAL)
    ends_at = forms.DateTimeField(label=_("Ends"), widget=DATETIME_LOCAL)
    venue = forms.CharField(label=_("Venue"), max_length=200, required=False)
    city = forms.CharField(label=_("City"), max_length=100)
    country = forms.CharField(
        label=_("Country code (ISO, two letters)"), max_length=2, min_length=2
    )
    online_link = forms.URLField(
        assume_scheme="https",
        label=_("Online link (shown to confirmed participants only)"),
        required=False,
    )
    working_languages = forms.MultipleChoiceField(
        label=_("Working languages"), choices=LANGUAGE_CHOICES, required=False
    )
    interpretation = forms.MultipleChoiceField(
        label=_("Interpretation into"), choices=LANGUAGE_CHOICES, required=False
    )
    capacity = forms.IntegerField(
        label=_("Places"), required=False, min_value=1, max_value=1_000_000
    )
    registration_opens_at = forms.DateTimeField(
        label=_("Registration opens"), required=False, widget=DATETIME_LOCAL
    )
    registration_closes_at = forms.DateTimeField(
        label=_("Registration closes"), required=False, widget=DATETIME_LOCAL
    )
    confirmation = forms.ChoiceField(
        label=_("Confirmation of registrations"),
        choices=[
            ("automatic", _("Automatic, while places are left")),
            ("review", _("Organisers confirm each registration")),
        ],
        widget=forms.RadioSelect,
    )
    offer_hours = forms.IntegerField(
        label=_("Hours a waiting-list offer is held"), min_value=1, max_value=720
    )
    delegation_quota = forms.IntegerField(
        label=_("Places per organisation's delegation"), min_value=1, max_value=1000
    )
    ask_gender = forms.BooleanField(
        label=_("Ask for gender (optional for people, only counted in the report)"),
        required=False,
    )

    def __init__(self, *args, event=None, **kwargs):
        if event is not None and "initial" not in kwargs:
            zone = event.time_zone
            kwargs["initial"] = {
                "original_language": event.title.original,
                "kind": event.kind,
                "time_zone": zone,
                "starts_at": _in_zone(event.starts_at, zone),
                "ends_at": _in_zone(event.ends_at, zone),
                "venue": event.venue,
                "city": event.city,
                "country": event.country_id,
                "online_link": event.online_link,
                "working_languages": event.working_languages,
                "interpretation": event.interpretation,
                "capacity": event.capacity,
                "registration_opens_at": _in_zone(event.registration_opens_at, zone),
                "registration_closes_at": _in_zone(event.registration_closes_at, zone),
                "confirmation": "review" if event.review_registrations else "automatic",
                "offer_hours": event.offer_hours,
                "delegation_quota": event.delegation_quota,
                "ask_gender": event.ask_gender,
                **{f"title_{code}": text for code, text in event.title.text.items()},
                **{
                    f"description_{code}": text
                    for code, text in (event.description.text if event.description else {}).items()
                },
            }
        super().__init__(*args, **kwargs)
        for code, name in LANGUAGE_CHOICES:
            self.fields[f"title_{code}"] = forms.CharField(
                label=_("Title (%(language)s)") % {"language": name},
                max_length=200,
                required=False,
            )
        for code, name in LANGUAGE_CHOICES:
            self.fields[f"description_{code}"] = forms.CharField(
                label=_("Description (%(language)s)") % {"language": name},
                widget=forms.Textarea(attrs={"rows": 3}),
                max_length=20000,
                required=False,
            )

    def texts(self, prefix: str) -> dict[str, str]:
        return {
            code: self.cleaned_data.get(f"{prefix}_{code}") or "" for code, _n in LANGUAGE_CHOICES
        }


class ProgrammeForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    language = forms.ChoiceField(label=_("Language of the title"), choices=LANGUAGE_CHOICES)
    title_en = forms.CharField(
        label=_("Title in English (if the original is another language)"),
        max_length=200,
        required=False,
    )
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=20000,
    )
    organizers = forms.MultipleChoiceField(
        label=_("Organising organisations"), widget=forms.CheckboxSelectMultiple
    )
    countries = forms.CharField(
        label=_("Partner countries (ISO codes, separated by spaces)"),
        required=False,
        max_length=500,
    )
    areas = forms.MultipleChoiceField(
        label=_("Key areas"), required=False, widget=forms.CheckboxSelectMultiple
    )
    events = forms.MultipleChoiceField(
        label=_("Events in the programme"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, organizations=(), areas=(), events=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organizers"].choices = [(o.slug, str(o.name)) for o in organizations]
        self.fields["areas"].choices = list(areas)
        self.fields["events"].choices = list(events)

    def clean_countries(self):
        return [c.upper() for c in self.cleaned_data["countries"].replace(",", " ").split() if c]


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=EventDocument.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    language = forms.ChoiceField(
        label=_("Language"), choices=[("", "—"), *LANGUAGE_CHOICES], required=False
    )
    file = forms.FileField(
        label=_("File (PDF, Word, Excel, PowerPoint, OpenDocument; photos JPEG or PNG)")
    )


class DelegateAnswersForm(RegisterForm):
    """One delegate's answers to the registration form, on the delegation's second step."""

    def __init__(self, *args, delegate=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.delegate = delegate or {}
        self.fields["needs_visa_letter"].label = _("Needs a visa invitation letter")

    def as_delegate(self) -> dict:
        data = self.cleaned_data
        return {
            **self.delegate,
            "answers": {k: v for k, v in data.items() if k not in ("needs_visa_letter", "gender")},
            "needs_visa_letter": data["needs_visa_letter"],
            "gender": data.get("gender", ""),
        }
