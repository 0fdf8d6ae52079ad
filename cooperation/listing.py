"""The demands' and projects' lists written in Python: their filters and their rows.

Each list page is asked with every combination of filters, page and language, so its own work
counts on every request: Django's form widgets, with two hundred countries to escape, and the
template engine's loop over twenty rows cost more than the queries. The markup is the one of
templates/includes/field.html (through core.widgets.fields_html) and of the list templates'
rows, kept the same (the tests compare them). What does not change with the address (the
options of the country, region and goal selects, in each language) is written once per process.
"""

from __future__ import annotations

import functools
from html import escape

from django import forms
from django.urls import reverse
from django.utils import dateformat
from django.utils.formats import get_format, localize
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext

from core.models import country_name
from core.selectors import taxonomy
from core.widgets import fields_html, options_html

# The selects whose options are the same for every reader of a language (no counts in them).
KEPT_CHOICES = ("country", "region", "sdg")


@functools.lru_cache(maxsize=64)
def _kept_options(form_class: type[forms.Form], name: str, language: str) -> str:
    # Made with the form's own choices (in the reader's language, active while this runs).
    return options_html(form_class().fields[name].choices)


def _select(name: str, options: str, chosen: str) -> str:
    option = f'<option value="{escape(chosen)}">'
    options = options.replace(option, f'<option value="{escape(chosen)}" selected>', 1)
    return f'<select id="id_{name}" name="{name}">{options}</select>'


def filters_html(form: forms.Form) -> SafeString:
    """The filter form's fields as core.widgets.fields_html writes them. A form with errors (a
    value not among the choices), or with a field of another kind, is left to fields_html."""
    if form.is_bound and form.errors:
        return fields_html(form)
    language = get_language()
    data = form.data if form.is_bound else {}
    parts = []
    for name, field in form.fields.items():
        value = str(data.get(name) or "")
        if field.help_text or field.required:
            return fields_html(form)
        if type(field.widget) is forms.TextInput and not field.widget.attrs:
            shown = f' value="{escape(value)}"' if value else ""
            widget = f'<input type="text" name="{name}"{shown} id="id_{name}">'
        elif name in KEPT_CHOICES:
            widget = _select(name, _kept_options(type(form), name, language), value)
        elif hasattr(field, "choices") and not field.widget.attrs:
            widget = _select(name, options_html(field.choices), value)
        else:
            return fields_html(form)
        parts.append(
            f'<div class="field">\n  <label for="id_{name}">{escape(str(field.label))}</label>\n'
            f"  {widget}\n  \n</div>\n"
        )
    return mark_safe("".join(parts))  # every value and label escaped here


def _address(name: str) -> str:
    """The address of one demand or project, with {} where its number goes."""
    sentinel = "987654321"
    return escape(reverse(name, args=[int(sentinel)])).replace(sentinel, "{}")


PROJECT_ROW = (
    '\n      <li class="directory-row">\n'
    '        <h3><a href="{url}"><bdi lang="{title_language}">{title}</bdi></a></h3>\n'
    '        <p class="muted"><bdi>{lead}</bdi> · {countries} · {status}{starts}</p>\n'
    "      </li>\n      "
)


def project_rows_html(rows, language: str) -> SafeString:
    """The projects' rows (selectors.ProjectRow), as project_list.html wrote them."""
    from cooperation.models import Project

    address = _address("cooperation:project")
    statuses = {value: escape(str(label)) for value, label in Project.Status.choices}
    short_date = get_format("SHORT_DATE_FORMAT")
    parts = []
    for row in rows:
        title = row.title.render(language)
        parts.append(
            PROJECT_ROW.format(
                url=address.format(row.pk),
                title_language=escape(title.language),
                title=escape(title.text),
                lead=escape(row.lead_name.render(language).text),
                countries=", ".join(escape(country_name(c, language)) for c in row.countries),
                status=statuses.get(row.status, escape(row.status)),
                starts=f" · {escape(dateformat.format(row.starts_on, short_date))}"
                if row.starts_on
                else "",
            )
        )
    return mark_safe("".join(parts))  # escaped above


DEMAND_ROW = (
    '\n      <li class="directory-row">\n'
    '        <h3><a href="{url}"><bdi lang="{title_language}">{title}</bdi></a></h3>\n'
    '        <p class="muted">{country}{locality} · {area} · {status} · {urgency}</p>\n'
    "      </li>\n      "
)


def demand_rows_html(rows, language: str) -> SafeString:
    """The demands' rows (values of selectors.DEMAND_ROW_FIELDS), as demand_list.html wrote
    them."""
    from cooperation.models import Demand

    address = _address("cooperation:demand")
    statuses = {value: escape(str(label)) for value, label in Demand.Status.choices}
    urgencies = {value: escape(str(label)) for value, label in Demand.Urgency.choices}
    areas = {area.slug: escape(area.name) for area in taxonomy().areas}
    parts = []
    for row in rows:
        title = row["title"].render(language)
        locality = row["locality"]
        parts.append(
            DEMAND_ROW.format(
                url=address.format(row["pk"]),
                title_language=escape(title.language),
                title=escape(title.text),
                country=escape(country_name(row["country_id"], language)),
                locality=f", <bdi>{escape(locality)}</bdi>" if locality else "",
                area=areas.get(row["area_id"], ""),
                status=statuses.get(row["status"], escape(row["status"])),
                urgency=urgencies.get(row["urgency"], escape(row["urgency"])),
            )
        )
    return mark_safe("".join(parts))  # escaped above


MATCH = '\n    <li><a href="{url}">{name}</a> — {score}\n      <ul>{reasons}</ul>\n    </li>\n    '


def matches_html(matches) -> SafeString:
    """A demand's matches (selectors.demand_matches) as demand_detail.html wrote them: ten
    organisations, each with its address, its score in words and its reasons, were a template
    loop costing more than reading them."""
    sentinel = "slug-987654321"
    address = escape(reverse("members:profile", args=[sentinel]))
    score = gettext("score %(score)s of 100")
    parts = []
    for match in matches:
        organization = match.organization
        parts.append(
            MATCH.format(
                url=address.replace(sentinel, escape(organization.slug)),
                name=escape(str(organization.name)),
                score=score % {"score": escape(localize(match.score))},
                reasons="".join(f"<li>{escape(str(r['text']))}</li>" for r in match.reasons),
            )
        )
    return mark_safe("".join(parts))  # escaped above
