from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from governance.models import Ballot, Body, Consultation


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's validation errors next to their field, else on the whole form."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            for message in messages:
                form.add_error(field if field in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class ConsultationForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=20000,
        help_text=_("Markdown: *emphasis*, lists, links."),
    )
    language = forms.ChoiceField(
        label=_("Language of the text"), choices=settings.LANGUAGES, initial="en"
    )
    question = forms.CharField(
        label=_("Question put to the vote"),
        max_length=500,
        required=False,
        help_text=_("Empty: the title is the question."),
    )
    body = forms.ModelChoiceField(
        label=_("Who takes part"),
        queryset=Body.objects.order_by("kind"),
        required=False,
        empty_label=_("Every member organisation"),
    )
    discussion_opens = forms.DateTimeField(label=_("Discussion opens"), widget=DateTimeInput())
    proposals_open = forms.DateTimeField(label=_("Proposals open"), widget=DateTimeInput())
    voting_opens = forms.DateTimeField(label=_("Voting opens"), widget=DateTimeInput())
    voting_closes = forms.DateTimeField(label=_("Voting closes"), widget=DateTimeInput())
    quorum_percent = forms.IntegerField(
        label=_("Quorum, in per cent of the organisations taking part"),
        min_value=0,
        max_value=100,
        initial=50,
    )
    majority = forms.ChoiceField(label=_("Majority"), choices=Consultation.Majority.choices)
    secret = forms.BooleanField(
        label=_("Secret ballot (receipts instead of a roll call)"), required=False
    )
    ballot_kind = forms.ChoiceField(
        label=_("Kind of ballot"),
        choices=Ballot.Kind.choices,
        widget=forms.RadioSelect,
        initial=Ballot.Kind.QUESTION,
    )
    options = forms.CharField(
        label=_("Options"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("For a choice: one option a line."),
    )
    endorsement_threshold = forms.IntegerField(
        label=_("Endorsements a proposal needs to go to the vote"),
        min_value=1,
        max_value=1000,
        initial=3,
    )

    repeat_months = forms.IntegerField(
        label=_("Repeats every (months)"),
        required=False,
        min_value=0,
        max_value=120,
        initial=0,
        help_text=_("0: it does not repeat; 12: a yearly consultation."),
    )

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        data["options"] = [line for line in data["options"].splitlines() if line.strip()]
        data["repeat_months"] = data.get("repeat_months") or 0
        return data


class VoteForm(forms.Form):
    organization = forms.TypedChoiceField(label=_("Voting for"), coerce=int)
    option = forms.TypedChoiceField(label=_("Your vote"), coerce=int, widget=forms.RadioSelect)

    def __init__(self, *args, organizations, options, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].choices = [
            (organization.pk, organization.name.original_text) for organization in organizations
        ]
        if len(organizations) == 1:
            self.fields["organization"].widget = forms.HiddenInput()
            self.fields["organization"].initial = organizations[0].pk
        self.fields["option"].choices = [(option.pk, str(option)) for option in options]


class DelegateForm(forms.Form):
    organization = forms.TypedChoiceField(label=_("Organisation"), coerce=int)
    email = forms.EmailField(
        label=_("Delegate's email address"),
        required=False,
        help_text=_("A member of your staff. Empty: take the delegation back."),
    )

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].choices = [
            (organization.pk, organization.name.original_text) for organization in organizations
        ]


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Your comment"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=10000,
        help_text=_("Markdown: *emphasis*, lists, links."),
    )
    language = forms.ChoiceField(label=_("Written in"), choices=settings.LANGUAGES)
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput())


class ProposalForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(
        label=_("The proposal"), widget=forms.Textarea(attrs={"rows": 5}), max_length=10000
    )
    language = forms.ChoiceField(label=_("Written in"), choices=settings.LANGUAGES)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=500
    )


class AdoptVersionForm(forms.Form):
    text = forms.CharField(
        label=_("Text"), widget=forms.Textarea(attrs={"rows": 16}), max_length=200000
    )
    language = forms.ChoiceField(label=_("Language of the text"), choices=settings.LANGUAGES)
    adopted_on = forms.DateField(
        label=_("Adopted on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    decision = forms.ModelChoiceField(
        label=_("Adopted by decision"),
        queryset=None,
        required=False,
    )
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        from governance.models import Decision

        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = Decision.objects.order_by("-decided_on", "-pk")


class VersionTextForm(forms.Form):
    language = forms.ChoiceField(label=_("Language of the text"), choices=settings.LANGUAGES)
    text = forms.CharField(
        label=_("Text"), widget=forms.Textarea(attrs={"rows": 16}), max_length=200000
    )


def _time_zones() -> list[tuple[str, str]]:
    from zoneinfo import available_timezones

    return [(name, name) for name in sorted(available_timezones()) if "/" in name or name == "UTC"]


class MeetingForm(forms.Form):
    """A meeting's dates are typed in its own time zone."""

    body = forms.ModelChoiceField(label=_("Body"), queryset=Body.objects.none())
    title = forms.CharField(label=_("Title"), max_length=200)
    language = forms.ChoiceField(label=_("Written in"), choices=settings.LANGUAGES)
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=_time_zones, initial="UTC")
    starts_at = forms.DateTimeField(label=_("Starts"), widget=DateTimeInput())
    ends_at = forms.DateTimeField(label=_("Ends"), widget=DateTimeInput())
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    online = forms.BooleanField(label=_("Online"), required=False)
    agenda = forms.CharField(
        label=_("Agenda"),
        help_text=_("Markdown: one item a line, e.g. “1. Opening”."),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=20000,
        required=False,
    )
    attendees = forms.ModelMultipleChoiceField(
        label=_("Attended"),
        help_text=_("The people holding a seat on the body on the meeting's day."),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    internal = forms.BooleanField(
        label=_("Internal"),
        help_text=_("Seen only by the body's members and the Secretariat."),
        required=False,
    )

    def __init__(self, *args, bodies=None, seated=None, **kwargs):
        from accounts.models import User

        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies if bodies is not None else Body.objects.all()
        self.fields["attendees"].queryset = (
            seated if seated is not None else User.objects.none()
        ).order_by("full_name", "pk")

    def clean(self):
        from zoneinfo import ZoneInfo

        cleaned = super().clean()
        zone = cleaned.get("time_zone")
        if zone:
            for name in ("starts_at", "ends_at"):
                value = cleaned.get(name)
                if value is not None:  # the wall-clock time typed, in the meeting's zone
                    cleaned[name] = value.replace(tzinfo=None).replace(tzinfo=ZoneInfo(zone))
        return cleaned


class MinutesForm(forms.Form):
    minutes = forms.CharField(
        label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 16}), max_length=100000
    )
    language = forms.ChoiceField(label=_("Written in"), choices=settings.LANGUAGES)
    approve = forms.BooleanField(
        label=_("Approve the minutes"),
        help_text=_("Approved minutes are public (unless the meeting is internal) and final."),
        required=False,
    )


class MeetingDocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(label=_("File (PDF, Word, Excel, PowerPoint, OpenDocument)"))
    internal = forms.BooleanField(
        label=_("Internal"),
        help_text=_("Only the body's members and the Secretariat see an internal document."),
        required=False,
    )


class SeatForm(forms.Form):
    email = forms.EmailField(label=_("The person's email address"))
    organization = forms.ModelChoiceField(label=_("On behalf of"), queryset=None, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=[])
    term_start = forms.DateField(
        label=_("Term starts"), widget=forms.DateInput(attrs={"type": "date"})
    )
    term_end = forms.DateField(
        label=_("Term ends"), widget=forms.DateInput(attrs={"type": "date"}), required=False
    )

    def __init__(self, *args, **kwargs):
        from governance.models import Seat
        from members.models import Organization

        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.filter(
            status=Organization.Status.MEMBER
        ).order_by("sort_name", "pk")
        self.fields["role"].choices = Seat.Role.choices

    def clean_email(self):
        from accounts.models import User

        email = self.cleaned_data["email"]
        user = User.objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise ValidationError(_("Nobody has an account with this email address."))
        self.cleaned_data["user"] = user
        return email


class SeatEndForm(forms.Form):
    term_end = forms.DateField(label=_("Term ends"), widget=forms.DateInput(attrs={"type": "date"}))


class DecisionForm(forms.Form):
    decided_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    body = forms.ModelChoiceField(label=_("Body"), queryset=Body.objects.all(), required=False)
    title = forms.CharField(label=_("Title"), max_length=300)
    text = forms.CharField(
        label=_("Text"), widget=forms.Textarea(attrs={"rows": 8}), max_length=20000
    )
    language = forms.ChoiceField(label=_("Written in"), choices=settings.LANGUAGES)
    votes_for = forms.IntegerField(label=_("Votes for"), min_value=0, required=False)
    votes_against = forms.IntegerField(label=_("Votes against"), min_value=0, required=False)
    votes_abstaining = forms.IntegerField(label=_("Abstentions"), min_value=0, required=False)
    meeting = forms.ModelChoiceField(label=_("Taken at the meeting"), queryset=None, required=False)
    internal = forms.BooleanField(
        label=_("Internal"),
        help_text=_("Seen only by the Secretariat."),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        from governance.models import Meeting

        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.select_related("body").order_by(
            "-starts_at", "-pk"
        )
