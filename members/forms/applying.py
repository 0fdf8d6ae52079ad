"""Forms of the application pages: one per step, plus answering and endorsing.

The forms parse what a person typed; the services (members.services) decide what is valid for the
network and save it. A form's cleaned data is turned into a service call by `service_fields()`.
"""

import re
from typing import Any

from django import forms
from django.conf import global_settings, settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.languages import language_name_with_local
from core.models import KeyArea
from core.multilingual import normalise_language
from core.selectors import country_choices
from members.models import Organization

SITE_LANGUAGES = [code for code, _name in settings.LANGUAGES]
LANGUAGE_CODE_PATTERN = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})*$")


def language_choices() -> list[tuple[str, str]]:
    """Languages a name or a text can be written in, named in the reader's language.

    Django's list of languages, without the regional variants our storage folds into one code
    (en-gb is stored as en), sorted by name; the site's six languages come first.
    """
    codes = {code for code, _name in global_settings.LANGUAGES if normalise_language(code) == code}
    others = sorted(
        ((code, language_name_with_local(code)) for code in codes - set(SITE_LANGUAGES)),
        key=lambda item: item[1].casefold(),
    )
    return [
        (
            _("Languages of this site"),
            [(code, language_name_with_local(code)) for code in SITE_LANGUAGES],
        ),
        (_("Other languages"), others),
    ]


def site_language_choices() -> list[tuple[str, str]]:
    return [(code, language_name_with_local(code)) for code in SITE_LANGUAGES]


def name_field_name(language: str) -> str:
    return "name_" + language.replace("-", "_")


class IdentityForm(forms.Form):
    """Step 1: who the organisation is (its legal identity)."""

    name = forms.CharField(
        label=_("Name of the organisation"),
        max_length=200,
        help_text=_("As written in its original language and script."),
        widget=forms.TextInput(attrs={"dir": "auto", "autocomplete": "organization"}),
    )
    name_language = forms.ChoiceField(label=_("Language of this name"))
    kind = forms.ChoiceField(label=_("Type of organisation"), choices=Organization.Kind.choices)
    country = forms.ChoiceField(label=_("Country where it is registered"))
    city = forms.CharField(label=_("City"), max_length=100, required=False)
    founded_year = forms.IntegerField(
        label=_("Founding year"),
        required=False,
        min_value=1800,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    registration_number = forms.CharField(
        label=_("Registration number"), max_length=80, required=False
    )
    registering_authority = forms.CharField(
        label=_("Registering authority"),
        max_length=200,
        required=False,
        help_text=_("The public body that registered the organisation."),
    )
    website = forms.URLField(
        label=_("Website"),
        required=False,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name_language"].choices = language_choices()
        self.fields["country"].choices = [("", "—"), *country_choices()]
        self.fields["founded_year"].max_value = timezone.now().year
        self.fields["founded_year"].widget.attrs["max"] = timezone.now().year
        # The name in each of the site's languages, so readers find it in theirs.
        for code, language_name in site_language_choices():
            self.fields[name_field_name(code)] = forms.CharField(
                label=_("Name in %(language)s") % {"language": language_name},
                max_length=200,
                required=False,
                widget=forms.TextInput(attrs={"dir": "auto", "lang": code}),
            )
        if not self.is_bound and "name_language" not in self.initial:
            self.initial["name_language"] = normalise_language(get_language())

    @property
    def translation_fields(self) -> list[forms.BoundField]:
        return [self[name_field_name(code)] for code in SITE_LANGUAGES]

    @classmethod
    def initial_for(cls, organization: Organization) -> dict[str, Any]:
        name = organization.name
        initial = {
            "name": name.original_text,
            "name_language": name.original,
            "kind": organization.kind,
            "country": organization.country_id,
            "city": organization.city,
            "founded_year": organization.founded_year,
            "registration_number": organization.registration_number,
            "registering_authority": organization.registering_authority,
            "website": organization.website,
        }
        for code, text in name.text.items():
            if code != name.original and code in SITE_LANGUAGES:
                initial[name_field_name(code)] = text
        return initial

    def service_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        original = data["name_language"]
        names = {
            code: data[name_field_name(code)]
            for code in SITE_LANGUAGES
            if code != original and data[name_field_name(code)]
        }
        names[original] = data["name"]
        return {
            "names": names,
            "original_language": original,
            "kind": data["kind"],
            "country": data["country"],
            "city": data["city"],
            "founded_year": data["founded_year"],
            "registration_number": data["registration_number"],
            "registering_authority": data["registering_authority"],
            "website": data["website"],
        }


class ActivityForm(forms.Form):
    """Step 2: what the organisation does, where, in which languages, and how large it is."""

    areas = forms.MultipleChoiceField(
        label=_("Key areas of work"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    countries_of_activity = forms.MultipleChoiceField(
        label=_("Countries where it works"),
        required=False,
        help_text=_("Hold Ctrl (or Cmd) to choose more than one."),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    working_languages = forms.MultipleChoiceField(
        label=_("Working languages"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    other_languages = forms.CharField(
        label=_("Other working languages"),
        required=False,
        max_length=100,
        help_text=_("Language codes separated by commas, e.g. ur, fa, uz."),
        widget=forms.TextInput(attrs={"dir": "ltr", "spellcheck": "false"}),
    )
    staff_count = forms.IntegerField(label=_("Paid staff"), required=False, min_value=0)
    volunteer_count = forms.IntegerField(label=_("Volunteers"), required=False, min_value=0)
    description = forms.CharField(
        label=_("Description of the organisation"),
        required=False,
        max_length=5000,
        help_text=_("Its mission and main activities. Markdown may be used."),
        widget=forms.Textarea(attrs={"rows": 8, "dir": "auto"}),
    )
    description_language = forms.ChoiceField(label=_("Language of the description"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["areas"].choices = [(area.slug, area.name) for area in KeyArea.objects.all()]
        self.fields["countries_of_activity"].choices = country_choices()
        self.fields["working_languages"].choices = site_language_choices()
        self.fields["description_language"].choices = language_choices()

    def clean_other_languages(self) -> list[str]:
        codes = []
        for part in re.split(r"[,;\s]+", self.cleaned_data["other_languages"] or ""):
            code = part.strip().lower().replace("_", "-")
            if not code:
                continue
            if not LANGUAGE_CODE_PATTERN.match(code):
                raise ValidationError(
                    _("“%(code)s” is not a language code. Use codes such as ur or fa."),
                    params={"code": part},
                )
            codes.append(code)
        return codes

    @classmethod
    def initial_for(cls, organization: Organization) -> dict[str, Any]:
        languages = list(organization.working_languages or [])
        description = organization.description
        return {
            "areas": [area.slug for area in organization.areas.all()],
            "countries_of_activity": [c.code for c in organization.countries_of_activity.all()],
            "working_languages": [code for code in languages if code in SITE_LANGUAGES],
            "other_languages": ", ".join(code for code in languages if code not in SITE_LANGUAGES),
            "staff_count": organization.staff_count,
            "volunteer_count": organization.volunteer_count,
            "description": description.original_text if description else "",
            "description_language": description.original
            if description
            else organization.name.original,
        }

    def service_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "areas": data["areas"],
            "countries_of_activity": data["countries_of_activity"],
            "working_languages": [*data["working_languages"], *data["other_languages"]],
            "staff_count": data["staff_count"],
            "volunteer_count": data["volunteer_count"],
            "description": data["description"],
            "description_language": data["description_language"],
        }


class ContactForm(forms.Form):
    """Step 3: the person the Secretariat writes to."""

    contact_name = forms.CharField(
        label=_("Contact person"),
        max_length=150,
        widget=forms.TextInput(attrs={"dir": "auto", "autocomplete": "name"}),
    )
    contact_email = forms.EmailField(
        label=_("Email address"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    contact_phone = forms.CharField(
        label=_("Telephone"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "dir": "ltr"}),
    )
    contact_public = forms.BooleanField(
        label=_("The contact person agrees to be shown on the organisation's public profile"),
        required=False,
        help_text=_("Without this consent, the contact details are seen only by the Secretariat."),
    )

    @classmethod
    def initial_for(cls, organization: Organization) -> dict[str, Any]:
        contact = getattr(organization, "contact", None)
        if contact is None:
            return {}
        return {
            "contact_name": contact.name,
            "contact_email": contact.email,
            "contact_phone": contact.phone,
            "contact_public": contact.public,
        }

    def service_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "contact": {
                "name": data["contact_name"],
                "email": data["contact_email"],
                "phone": data["contact_phone"],
                "public": data["contact_public"],
            }
        }


class DocumentForm(forms.Form):
    """Step 4: one supporting document at a time."""

    file = forms.FileField(
        label=_("File"),
        help_text=_("A PDF, PNG or JPEG file of at most %(size)s."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"}
        ),
    )
    description = forms.CharField(
        label=_("What it is"),
        max_length=200,
        required=False,
        help_text=_("For example: registration certificate, statutes, annual report."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = self.fields["file"].help_text % {
            "size": filesizeformat(settings.MEMBERSHIP_DOCUMENT_MAX_BYTES)
        }


class SubmitForm(forms.Form):
    """Step 5: accept the Constitution and send the application."""

    accept_constitution = forms.BooleanField(
        label=_("On behalf of the organisation, I accept the Constitution of the network"),
        required=False,  # the service says what is missing, in one place
    )


class AnswerForm(forms.Form):
    text = forms.CharField(
        label=_("Your answer"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6, "dir": "auto"}),
    )


class EndorseForm(forms.Form):
    organization = forms.ChoiceField(
        label=_("Endorse on behalf of"),
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, organizations, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organizations = {str(org.pk): org for org in organizations}
        self.fields["organization"].choices = [
            (pk, str(org.name)) for pk, org in self.organizations.items()
        ]
        if len(self.organizations) == 1:
            self.initial.setdefault("organization", next(iter(self.organizations)))

    def clean_organization(self):
        return self.organizations[self.cleaned_data["organization"]]


STEP_FORMS = {"identity": IdentityForm, "activity": ActivityForm, "contact": ContactForm}
