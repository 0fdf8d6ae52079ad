"""Forms of the Secretariat's and the Steering Committee's pages (and of the back office)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from members.models import ApplicationVote, Organization

MAX_TEXT = 5000


class ForwardForm(forms.Form):
    """Forwarding needs no input: the form exists so errors have a place to show."""


class ReturnForm(forms.Form):
    question = forms.CharField(
        label=_("Question for the applicant"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "The applicant receives it by email, answers it and sends the application back."
        ),
    )


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the rejection"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The applicant receives it by email."),
    )


class VoteForm(forms.Form):
    choice = forms.ChoiceField(
        label=_("Your vote"), choices=ApplicationVote.Choice.choices, widget=forms.RadioSelect
    )


# The actions of the status page, named by what they do, keyed by the status they lead to.
STATUS_ACTIONS = {
    Organization.Status.SUSPENDED: pgettext_lazy("membership action", "Suspend"),
    Organization.Status.MEMBER: pgettext_lazy("membership action", "Reinstate"),
    Organization.Status.WITHDRAWN: pgettext_lazy("membership action", "Withdraw"),
}


class StatusChangeForm(forms.Form):
    """Every action is a valid value; the page offers only those allowed, the service decides."""

    to_status = forms.ChoiceField(
        label=pgettext_lazy("membership status", "Change"),
        choices=list(STATUS_ACTIONS.items()),
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Kept in the membership history and sent to the organisation's administrators."
        ),
    )

    def __init__(self, *args, allowed: list[str] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_status"].widget.choices = [
            (value, label) for value, label in STATUS_ACTIONS.items() if value in allowed
        ]


class IdentityDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept the change")), ("refuse", _("Refuse the change"))],
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you refuse; sent to the person who asked for the change."),
    )


class ReasonForm(forms.Form):
    """The back office's intermediate page for actions that need a text (reject, suspend …)."""

    text = forms.CharField(label=_("Reason"), max_length=MAX_TEXT, widget=forms.Textarea)

    def __init__(self, *args, label=None, required: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if label is not None:
            self.fields["text"].label = label
        self.fields["text"].required = required
