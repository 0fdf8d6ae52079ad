"""The forms of the events pages. Cleaning beyond shapes happens in exchanges.services."""

import zoneinfo

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from exchanges.models import Event
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

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
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


ZONE_CHOICES = sorted(zoneinfo.available_timezones())


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
    time_zone = forms.ChoiceField(
        label=_("Time zone"), choices=[(z, z) for z in ZONE_CHOICES], initial="UTC"
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
