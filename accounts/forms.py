from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.widgets import FastSelect
from core.zones import zone_names


class ProfileForm(forms.ModelForm):
    # Some six hundred zones: written by FastSelect, not a template per option.
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        required=False,
        widget=FastSelect,
        help_text=_(
            "Event times are also shown in this zone. From your browser: the zone your device "
            "reports."
        ),
    )

    class Meta:
        model = User
        fields = ["full_name", "preferred_language", "time_zone"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = [
            ("", _("From my browser")),
            *((name, name) for name in zone_names()),
        ]


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=100,
        help_text=_('What the token is for, e.g. "reporting script".'),
    )
    expires_at = forms.DateField(
        label=_("Expires on"),
        required=False,
        help_text=_("Leave empty for a token that does not expire."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
