"""The forms of the cooperation pages. They check the shape of input; the services check the
rules and say what is wrong, which the forms show next to the fields."""

import functools

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from cooperation.models import CURRENCY_CODES, BudgetLine, Demand, Project
from core.languages import language_name_with_local
from core.multilingual import LANGUAGE_CODES
from core.selectors import country_choices, taxonomy
from core.widgets import FilterChoiceField


def area_choices():
    return list(_area_choices(get_language()))


def sdg_choices():
    """The 17 goals, each a project may carry (through its key area or as its own)."""
    return list(_sdg_choices(get_language()))


def region_choices():
    return list(_region_choices(get_language()))


# Named once per language (the taxonomy is code, or rows read once per process): the filter
# forms are made on every request to the lists, and naming the options each time cost more
# than the page's queries.
@functools.lru_cache(maxsize=16)
def _area_choices(language: str) -> tuple[tuple[str, str], ...]:
    return tuple((area.slug, area.name) for area in taxonomy().areas)


@functools.lru_cache(maxsize=16)
def _sdg_choices(language: str) -> tuple[tuple[str, str], ...]:
    from core.taxonomy import SDG_SHORT_NAMES

    return tuple((str(number), f"{number}. {name}") for number, name in SDG_SHORT_NAMES.items())


@functools.lru_cache(maxsize=16)
def _region_choices(language: str) -> tuple[tuple[str, str], ...]:
    return tuple((r.code, r.name) for r in taxonomy().regions.values())


class ServiceErrorsMixin:
    def add_service_errors(self, error: ValidationError) -> None:
        if hasattr(error, "error_dict"):
            for name, errors in error.message_dict.items():
                self.add_error(name if name in self.fields else None, errors)
        else:
            self.add_error(None, error.messages)


class DemandForm(ServiceErrorsMixin, forms.Form):
    title = forms.CharField(label=_("What is needed, in a few words"), max_length=200)
    description = forms.CharField(
        label=_("Describe the need"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000
    )
    area = forms.ChoiceField(label=_("Key area"))
    country = forms.ChoiceField(label=_("Country"))
    locality = forms.CharField(label=_("Town or village"), max_length=100, required=False)
    people_concerned = forms.IntegerField(
        label=_("How many people it concerns"), min_value=1, max_value=100_000_000, required=False
    )
    urgency = forms.ChoiceField(label=_("How urgent"), choices=Demand.Urgency.choices)
    language = forms.ChoiceField(label=_("Language this is written in"))
    contact_name = forms.CharField(label=_("Your name"), max_length=150, required=False)
    contact_email = forms.EmailField(
        label=_("Your email"),
        required=False,
        help_text=_("Kept private: only the Secretariat sees it. We send a link to confirm."),
    )
    contact_phone = forms.CharField(label=_("Your phone"), max_length=40, required=False)
    organization = forms.ChoiceField(label=_("Post for"), required=False)
    # A field people do not see and robots fill in.
    website = forms.CharField(label=_("Leave this empty"), required=False)

    def __init__(self, *args, organizations=(), signed_in=False, language="en", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [("", "—"), *area_choices()]
        self.fields["country"].choices = [("", "—"), *country_choices()]
        self.fields["language"].choices = [
            (code, language_name_with_local(code)) for code in LANGUAGE_CODES
        ]
        self.fields["language"].initial = language
        self.organizations = {str(o.pk): o for o in organizations}
        if organizations:
            self.fields["organization"].choices = [
                ("", _("Myself")),
                *[(str(o.pk), str(o.name)) for o in organizations],
            ]
        else:
            del self.fields["organization"]
        if signed_in:
            self.fields["contact_email"].help_text = _(
                "Kept private: only the Secretariat sees it."
            )
        else:
            self.fields["contact_email"].required = True

    def is_spam(self) -> bool:
        return bool(self.data.get("website"))

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("website", None)
        organization = data.pop("organization", "")
        data["organization"] = self.organizations.get(organization) if organization else None
        return data


class DemandEditForm(ServiceErrorsMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, max_length=5000)
    area = forms.ChoiceField(label=_("Key area"))
    country = forms.ChoiceField(label=_("Country"))
    locality = forms.CharField(label=_("Town or village"), max_length=100, required=False)
    people_concerned = forms.IntegerField(
        label=_("How many people it concerns"), min_value=1, max_value=100_000_000, required=False
    )
    urgency = forms.ChoiceField(label=_("How urgent"), choices=Demand.Urgency.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = area_choices()
        self.fields["country"].choices = country_choices()


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (sent to the poster)"), widget=forms.Textarea(attrs={"rows": 3})
    )


class OfferForm(ServiceErrorsMixin, forms.Form):
    organization = forms.ChoiceField(label=_("Offer for"))
    contribution = forms.CharField(
        label=_("What your organisation can bring"), widget=forms.Textarea, max_length=3000
    )
    with_whom = forms.CharField(label=_("With whom"), max_length=300, required=False)
    when = forms.CharField(label=_("When"), max_length=200, required=False)

    def __init__(self, *args, organizations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.organizations = {str(o.pk): o for o in organizations}
        self.fields["organization"].choices = [(str(o.pk), str(o.name)) for o in organizations]


class DemandFilterForm(forms.Form):
    q = forms.CharField(label=_("Words"), required=False)
    country = FilterChoiceField(label=_("Country"), required=False)
    region = FilterChoiceField(label=_("Region"), required=False)
    area = FilterChoiceField(label=_("Key area"), required=False)
    status = FilterChoiceField(label=_("Status"), required=False)
    urgency = FilterChoiceField(label=_("How urgent"), required=False)

    def __init__(self, *args, counts=None, **kwargs):
        super().__init__(*args, **kwargs)
        counts = counts or {}
        everything = [("", _("All"))]

        def counted(choices, facet):
            numbers = counts.get(facet, {})
            return [(value, f"{label} ({numbers.get(value, 0)})") for value, label in choices]

        self.fields["country"].choices = everything + country_choices()
        self.fields["region"].choices = everything + region_choices()
        self.fields["area"].choices = everything + counted(area_choices(), "area")
        self.fields["status"].choices = everything + counted(Demand.Status.choices, "status")
        self.fields["urgency"].choices = everything + counted(Demand.Urgency.choices, "urgency")


class ProjectFilterForm(forms.Form):
    q = forms.CharField(label=_("Words"), required=False)
    country = FilterChoiceField(label=_("Country"), required=False)
    region = FilterChoiceField(label=_("Region"), required=False)
    area = FilterChoiceField(label=_("Key area"), required=False)
    status = FilterChoiceField(label=_("Status"), required=False)
    sdg = FilterChoiceField(label=_("Sustainable Development Goal"), required=False)
    organization = forms.CharField(label=_("Organisation (short name)"), required=False)

    def __init__(self, *args, counts=None, **kwargs):
        super().__init__(*args, **kwargs)
        counts = counts or {}
        everything = [("", _("All"))]

        def counted(choices, facet):
            numbers = counts.get(facet, {})
            return [(value, f"{label} ({numbers.get(value, 0)})") for value, label in choices]

        self.fields["country"].choices = everything + country_choices()
        self.fields["region"].choices = everything + region_choices()
        self.fields["area"].choices = everything + counted(area_choices(), "area")
        self.fields["status"].choices = everything + counted(Project.Status.choices, "status")
        self.fields["sdg"].choices = everything + sdg_choices()


class ProjectForm(ServiceErrorsMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea, required=False)
    area = forms.ChoiceField(label=_("Key area"))
    status = forms.ChoiceField(label=_("Status"), choices=Project.Status.choices)
    starts_on = forms.DateField(
        label=_("Starts"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(
        label=_("Ends"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    countries = forms.MultipleChoiceField(
        label=_("Countries"), widget=forms.SelectMultiple(attrs={"size": 6})
    )
    partners = forms.CharField(
        label=_("Partner organisations"),
        required=False,
        help_text=_("Their short names (as in their profile's address), separated by spaces."),
    )
    people_reached = forms.IntegerField(label=_("People reached"), min_value=0, required=False)
    lessons_learned = forms.CharField(
        label=_("Lessons learned"), widget=forms.Textarea, required=False
    )
    demands = forms.CharField(
        label=_("Demands it answers"),
        required=False,
        help_text=_("Their numbers (as in the demand's address), separated by spaces."),
    )
    sdg_goals = forms.TypedMultipleChoiceField(
        label=_("More Sustainable Development Goals"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Beyond the goals of its key area."),
    )
    dac_sectors = forms.CharField(
        label=_("More OECD-DAC sectors"),
        required=False,
        help_text=_("Five-digit purpose codes beyond its key area's, separated by spaces."),
    )
    report_every_months = forms.IntegerField(
        label=_("Reports every (months)"),
        min_value=1,
        max_value=24,
        required=False,
        help_text=_("A report missed for one period is flagged amber; for two, red."),
    )

    def __init__(self, *args, may_change_report_period=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = area_choices()
        self.fields["countries"].choices = country_choices()
        if not may_change_report_period:
            del self.fields["report_every_months"]
        from core.models import SdgGoal

        self.fields["sdg_goals"].choices = [(g.number, str(g)) for g in SdgGoal.objects.all()]

    def clean_demands(self):
        words = self.cleaned_data["demands"].replace(",", " ").replace("#", " ").split()
        if not all(word.isdigit() for word in words):
            raise ValidationError(_("Give the demands' numbers."))
        return [int(word) for word in dict.fromkeys(words)][:50]

    def clean_dac_sectors(self):
        return list(dict.fromkeys(self.cleaned_data["dac_sectors"].replace(",", " ").split()))[:20]

    def clean_partners(self):
        return partner_organizations(self.cleaned_data["partners"])


def partner_organizations(text: str) -> list:
    """Member organisations named by their slugs; an unknown name is an error."""
    from members.models import Organization

    slugs = list(dict.fromkeys(text.split()))[:20]
    found = {
        o.slug: o
        for o in Organization.objects.filter(slug__in=slugs, status=Organization.Status.MEMBER)
    }
    unknown = [slug for slug in slugs if slug not in found]
    if unknown:
        raise ValidationError(
            _("No member organisation has the short name %(names)s.")
            % {"names": ", ".join(unknown)}
        )
    return [found[slug] for slug in slugs]


class ProjectCreateForm(ServiceErrorsMixin, forms.Form):
    lead = forms.CharField(
        label=_("Lead organisation (short name)"),
        help_text=_("The short name in its profile's address. You must be one of its admins."),
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    language = forms.ChoiceField(label=_("Language this is written in"))
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea, required=False)
    area = forms.ChoiceField(label=_("Key area"))
    status = forms.ChoiceField(label=_("Status"), choices=Project.Status.choices)
    starts_on = forms.DateField(
        label=_("Starts"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(
        label=_("Ends"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    countries = forms.MultipleChoiceField(
        label=_("Countries"), widget=forms.SelectMultiple(attrs={"size": 6})
    )
    partners = forms.CharField(
        label=_("Partner organisations"),
        required=False,
        help_text=_("Their short names (as in their profile's address), separated by spaces."),
    )

    def __init__(self, *args, language="en", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = area_choices()
        self.fields["countries"].choices = country_choices()
        self.fields["language"].choices = [
            (code, language_name_with_local(code)) for code in LANGUAGE_CODES
        ]
        self.fields["language"].initial = language

    def clean_partners(self):
        return partner_organizations(self.cleaned_data["partners"])

    def clean_lead(self):
        return partner_organizations(self.cleaned_data["lead"])[0]


class MultiplePhotoInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultiplePhotoField(forms.FileField):
    """Several files in one field (Django's documented way); each is checked by the service."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", MultiplePhotoInput(attrs={"accept": "image/jpeg,image/png,image/webp"})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class ProgressUpdateForm(ServiceErrorsMixin, forms.Form):
    text = forms.CharField(
        label=_("What happened"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )
    photos = MultiplePhotoField(
        label=_("Photos"),
        required=False,
        help_text=_("Up to 4 JPEG, PNG or WebP photos of at most 5 MB each."),
    )
    caption = forms.CharField(
        label=_("What the photos show"),
        max_length=300,
        required=False,
        help_text=_("Read aloud to people who cannot see them."),
    )


class BudgetLineForm(ServiceErrorsMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=BudgetLine.Kind.choices)
    label = forms.CharField(label=_("What for, or from whom"), max_length=200)
    amount = forms.DecimalField(label=_("Amount"), max_digits=14, decimal_places=2, min_value=0)
    currency = forms.ChoiceField(label=_("Currency"), choices=[(c, c) for c in CURRENCY_CODES])


# --- a project's indicators, milestones and budget lines, edited as tables ---------------------


def _date_field(label, required=False):
    return forms.DateField(
        label=label, required=required, widget=forms.DateInput(attrs={"type": "date"})
    )


def _amount_field(label, required=True):
    return forms.DecimalField(
        label=label, max_digits=14, decimal_places=2, min_value=0, required=required
    )


class RowForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)


class IndicatorRowForm(RowForm):
    name = forms.CharField(label=_("Indicator"), max_length=200)
    unit = forms.CharField(label=_("Unit"), max_length=40, required=False)
    baseline = _amount_field(_("Baseline"), required=False)
    target = _amount_field(_("Target"))
    actual = _amount_field(_("Actual"), required=False)
    period_start = _date_field(_("Period start"))
    period_end = _date_field(_("Period end"))


class MilestoneRowForm(RowForm):
    title = forms.CharField(label=_("Milestone"), max_length=200)
    due_on = _date_field(_("Due"), required=True)
    done_on = _date_field(_("Reached"))


class BudgetLineRowForm(RowForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=BudgetLine.Kind.choices)
    label = forms.CharField(label=_("What for, or from whom"), max_length=200)
    amount = _amount_field(_("Amount"))
    currency = forms.ChoiceField(label=_("Currency"), choices=[(c, c) for c in CURRENCY_CODES])


class LocationRowForm(RowForm):
    country = forms.ChoiceField(label=_("Country"))
    place = forms.CharField(label=_("Town, village or site"), max_length=100, required=False)
    latitude = forms.DecimalField(
        label=_("Latitude"),
        required=False,
        min_value=-90,
        max_value=90,
        decimal_places=5,
        help_text=_("Optional: decimal degrees, for example 43.25654."),
    )
    longitude = forms.DecimalField(
        label=_("Longitude"),
        required=False,
        min_value=-180,
        max_value=180,
        decimal_places=5,
        help_text=_("Optional: decimal degrees, for example 76.92848."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "—"), *country_choices()]


ROW_FORMS = {
    "indicators": IndicatorRowForm,
    "milestones": MilestoneRowForm,
    "budget": BudgetLineRowForm,
    "locations": LocationRowForm,
}


def row_formset(kind: str, *args, **kwargs):
    """The rows of one table, with two blank rows to add and a box to delete each row."""
    formset = forms.formset_factory(ROW_FORMS[kind], extra=2, can_delete=True, max_num=100)
    return formset(*args, prefix=kind, **kwargs)


def formset_rows(formset) -> list[dict]:
    """The rows to give the service: changed, new or deleted ones (blank new rows left out)."""
    rows = []
    for form in formset.forms:
        data = dict(form.cleaned_data)
        delete = bool(data.pop("DELETE", False))
        if not data.get("id") and (delete or not form.has_changed()):
            continue
        if not delete and not form.has_changed():
            continue
        rows.append({**data, "id": data.get("id") or None, "delete": delete})
    return rows
