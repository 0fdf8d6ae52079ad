"""Forms of the directory, the organisation's profile and its staff pages."""

import functools

from django import forms
from django.conf import settings
from django.conf.locale import LANG_INFO
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django_countries import countries as country_names

from core.languages import EXTRA_LANGUAGE_NAMES, language_name
from core.models import KeyArea, country_name
from core.multilingual import LANGUAGE_CODES, normalise_language
from core.selectors import country_choices, taxonomy
from core.taxonomy import KEY_AREAS, REGIONS_BY_CODE
from core.widgets import FastSelect, FilterChoiceField
from members.models import Organization, OrganizationStaff
from members.selectors import DIRECTORY_SORTS, Facets


@functools.cache
def known_language_codes() -> frozenset[str]:
    """The language codes offered anywhere: Django's, the site's, and the extra ones we name."""
    codes = {
        code
        for code, info in LANG_INFO.items()
        if "fallback" not in info and normalise_language(code) == code and "-" not in code
    }
    return frozenset(codes | set(LANGUAGE_CODES) | set(EXTRA_LANGUAGE_NAMES))


def language_choices(extra=()) -> list[tuple[str, str]]:
    """Languages to choose from, by name in the reader's language, plus any codes in `extra`."""
    codes = known_language_codes() | set(extra)
    return sorted(((code, language_name(code)) for code in codes), key=lambda c: c[1].casefold())


def error_messages(error: ValidationError) -> dict[str, list[str]]:
    """A service's validation error as {field: messages}; errors about no field under __all__."""
    if hasattr(error, "error_dict"):
        return error.message_dict
    return {"__all__": error.messages}


# --- the directory ----------------------------------------------------------------------------


class DirectoryFilterForm(forms.Form):
    """The directory's filters. Only rendered, never validated: the selector cleans the values,
    so a bad value in the address narrows nothing and never fails. Each option shows how many
    members it would list."""

    q = forms.CharField(
        label=_("Name"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
        help_text=_("In any language or script."),
    )
    country = FilterChoiceField(widget=FastSelect, label=_("Country"), required=False)
    region = FilterChoiceField(widget=FastSelect, label=_("Region"), required=False)
    area = FilterChoiceField(widget=FastSelect, label=_("Key area"), required=False)
    language = FilterChoiceField(widget=FastSelect, label=_("Working language"), required=False)
    sort = forms.ChoiceField(
        widget=FastSelect,
        label=_("Sort by"),
        required=False,
        choices=[
            ("name", _("name")),
            ("newest", _("newest members first")),
            ("country", pgettext_lazy("sort by", "country")),
        ],
    )

    @property
    def choice_fields(self):
        return [self[name] for name in ("country", "region", "area", "language", "sort")]

    def __init__(self, *args, facets: Facets, total: int, selected: dict[str, str], **kwargs):
        super().__init__(*args, initial=selected, **kwargs)

        # Translators: a filter option and the number of organisations it would list.
        option = str(_("%(name)s (%(count)d)"))  # translated once for the few hundred options

        def label(name, count):
            return option % {"name": name, "count": count}

        language = get_language()
        countries = [
            (c.code, label(country_name(c.code, language), n)) for c, n in facets.countries
        ]
        regions = [(r.code, label(r.name, n)) for r, n in facets.regions]
        areas = [(a.slug, label(a.name, n)) for a, n in facets.areas]
        languages = [(code, label(language_name(code), n)) for code, n in facets.languages]
        # A chosen value the facets do not list (no member with it under the other filters)
        # is still shown as chosen; its count is the number of results.
        chosen_country = selected.get("country")
        if chosen_country and chosen_country not in {code for code, _n in countries}:
            countries.append((chosen_country, label(country_names.name(chosen_country), total)))
        chosen_region = selected.get("region")
        if chosen_region and chosen_region not in {code for code, _n in regions}:
            regions.append((chosen_region, label(REGIONS_BY_CODE[chosen_region].name, total)))
        chosen_language = selected.get("language")
        if chosen_language and chosen_language not in {code for code, _n in languages}:
            languages.append((chosen_language, label(language_name(chosen_language), total)))
        self.fields["country"].choices = [("", _("All countries")), *countries]
        self.fields["region"].choices = [("", _("All regions")), *regions]
        self.fields["area"].choices = [("", _("All key areas")), *areas]
        self.fields["language"].choices = [("", _("All languages")), *languages]


def directory_selection(data) -> dict[str, str]:
    """The filter values from the address, each kept only if it can mean something."""
    selected = {
        name: (data.get(name) or "").strip()
        for name in ("q", "country", "region", "area", "language", "sort")
    }
    selected["q"] = selected["q"][:100]
    selected["country"] = selected["country"].upper()
    if selected["country"] not in taxonomy().countries:
        selected["country"] = ""
    if selected["region"] not in REGIONS_BY_CODE:
        selected["region"] = ""
    if selected["area"] not in {area.slug for area in KEY_AREAS}:
        selected["area"] = ""
    language = selected["language"].lower()
    selected["language"] = language if language in known_language_codes() else ""
    if selected["sort"] not in DIRECTORY_SORTS:
        selected["sort"] = "name"
    return selected


# --- editing the profile ----------------------------------------------------------------------


def _name_field_name(language: str) -> str:
    return "name_" + language.replace("-", "_")


class ProfileForm(forms.Form):
    """What an organisation's admin may change. Changes to the names, the country and the
    registration wait for the Secretariat's check; the rest is saved at once."""

    name = forms.CharField(
        label=_("Name in its original language"),
        max_length=200,
        help_text=_("As the organisation writes it, in its own script."),
    )
    original_language = forms.ChoiceField(label=_("Language of the name"))
    kind = forms.ChoiceField(label=_("Type of organisation"), choices=Organization.Kind.choices)
    country = forms.ChoiceField(label=_("Country"))
    city = forms.CharField(label=_("City"), max_length=100, required=False)
    founded_year = forms.IntegerField(label=_("Founding year"), required=False, min_value=1800)
    registration_number = forms.CharField(
        label=_("Registration number"), max_length=80, required=False
    )
    registering_authority = forms.CharField(
        label=_("Registering authority"), max_length=200, required=False
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    areas = forms.MultipleChoiceField(
        label=_("Key areas"), widget=forms.CheckboxSelectMultiple, required=False
    )
    countries_of_activity = forms.MultipleChoiceField(
        label=_("Countries of activity"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Hold Ctrl (⌘ on a Mac) to choose several."),
    )
    working_languages = forms.MultipleChoiceField(
        label=_("Working languages"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Hold Ctrl (⌘ on a Mac) to choose several."),
    )
    staff_count = forms.IntegerField(label=_("Paid staff"), required=False, min_value=0)
    volunteer_count = forms.IntegerField(label=_("Volunteers"), required=False, min_value=0)
    description = forms.CharField(
        label=_("Description"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    description_language = forms.ChoiceField(label=_("Language of the description"))
    contact_name = forms.CharField(label=_("Contact person"), max_length=150, required=False)
    contact_email = forms.EmailField(label=_("Contact email"), required=False)
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=40, required=False)
    contact_public = forms.BooleanField(
        label=_("The contact person agrees to be shown on the public profile"), required=False
    )

    def __init__(self, *args, organization: Organization, **kwargs):
        self.organization = organization
        kwargs.setdefault("initial", self.initial_for(organization))
        super().__init__(*args, **kwargs)
        languages = language_choices(
            [organization.name.original, *(organization.working_languages or [])]
        )
        self.fields["original_language"].choices = languages
        self.fields["description_language"].choices = languages
        self.fields["working_languages"].choices = languages
        self.fields["founded_year"].max_value = timezone.now().year
        self.fields["founded_year"].widget.attrs["max"] = timezone.now().year
        countries = country_choices()
        self.fields["country"].choices = [("", "—"), *countries]
        self.fields["countries_of_activity"].choices = countries
        self.fields["areas"].choices = [(area.slug, area.name) for area in KeyArea.objects.all()]
        # Translations of the name in the site's languages, after the original.
        for code, _language in settings.LANGUAGES:
            field = forms.CharField(
                label=_("Name in %(language)s") % {"language": language_name(code)},
                max_length=200,
                required=False,
            )
            field.widget.attrs["lang"] = code
            self.fields[_name_field_name(code)] = field

    @staticmethod
    def initial_for(organization: Organization) -> dict:
        contact = getattr(organization, "contact", None)
        description = organization.description
        initial = {
            "name": organization.name.original_text,
            "original_language": organization.name.original,
            "kind": organization.kind,
            "country": organization.country_id,
            "city": organization.city,
            "founded_year": organization.founded_year,
            "registration_number": organization.registration_number,
            "registering_authority": organization.registering_authority,
            "website": organization.website,
            "areas": [area.slug for area in organization.areas.all()],
            "countries_of_activity": [c.code for c in organization.countries_of_activity.all()],
            "working_languages": organization.working_languages,
            "staff_count": organization.staff_count,
            "volunteer_count": organization.volunteer_count,
            "description": description.original_text if description else "",
            "description_language": description.original
            if description
            else organization.name.original,
            "contact_name": contact.name if contact else "",
            "contact_email": contact.email if contact else "",
            "contact_phone": contact.phone if contact else "",
            "contact_public": contact.public if contact else False,
        }
        for language, text in organization.name.text.items():
            if language != organization.name.original:
                initial[_name_field_name(language)] = text
        return initial

    @property
    def name_fields(self):
        return [self[_name_field_name(code)] for code, _n in settings.LANGUAGES]

    def names(self) -> dict[str, str]:
        data = self.cleaned_data
        original = data["original_language"]
        names = {original: data["name"]}
        for code, _n in settings.LANGUAGES:
            text = (data.get(_name_field_name(code)) or "").strip()
            if text and code != original:
                names[code] = text
        return names

    def service_fields(self) -> dict:
        """The keyword arguments of services.organization_update_profile."""
        data = self.cleaned_data
        fields = {
            name: data[name]
            for name in (
                "kind",
                "country",
                "city",
                "founded_year",
                "registration_number",
                "registering_authority",
                "website",
                "areas",
                "countries_of_activity",
                "working_languages",
                "staff_count",
                "volunteer_count",
                "description",
                "description_language",
            )
        }
        names = self.names()
        current = self.organization.name
        if names != current.text or data["original_language"] != current.original:
            fields["names"] = names
            fields["original_language"] = data["original_language"]
        contact = {
            "name": data["contact_name"],
            "email": data["contact_email"],
            "phone": data["contact_phone"],
            "public": data["contact_public"],
        }
        has_contact = getattr(self.organization, "contact", None) is not None
        if has_contact or any(value for key, value in contact.items() if key != "public"):
            fields["contact"] = contact
        return fields

    def add_service_errors(self, error: ValidationError) -> None:
        """Put a service's validation errors next to the fields they are about."""
        aliases = {"names": "name", "__all__": None}
        for field, messages in error_messages(error).items():
            target = aliases.get(field, field)
            if target is not None and target not in self.fields:
                target = None
            for message in messages:
                self.add_error(target, message)


# --- staff ------------------------------------------------------------------------------------


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's validation errors on the form: on their field, else on the whole form."""
    for field, messages in error_messages(error).items():
        for message in messages:
            form.add_error(field if field in form.fields else None, message)


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    role = forms.ChoiceField(
        label=_("Role"),
        choices=OrganizationStaff.Role.choices,
        initial=OrganizationStaff.Role.STAFF,
        help_text=_("Administrators edit the profile and manage the staff."),
    )


class StaffRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=OrganizationStaff.Role.choices)


class StaffDetailsForm(forms.Form):
    title = forms.CharField(label=_("Job title"), max_length=100, required=False)
    shown_publicly = forms.BooleanField(
        label=_("Show on the organisation's public profile"), required=False
    )


class ActionForm(forms.Form):
    """An action without input (remove, name the representative): a place for its errors."""
