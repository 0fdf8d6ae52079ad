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
