"""Form widgets that render quickly when they hold hundreds of options."""

from html import escape

from django import forms
from django.forms.utils import flatatt
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe


class FastSelect(forms.Select):
    """A <select> rendered in Python rather than one template per option: the country lists of
    the directory have two hundred options, and the template engine made them the slowest part
    of the page. Values and labels are escaped here. Its choices are (value, label) pairs,
    taken as given (Django's normalising of each one cost as much as writing it)."""

    @property
    def choices(self):
        return self._choices

    @choices.setter
    def choices(self, value):
        self._choices = list(value)

    def render(self, name, value, attrs=None, renderer=None):
        final_attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        chosen = (
            "" if value is None else str(value[0] if isinstance(value, list | tuple) else value)
        )
        options = options_html(self.choices, chosen)
        return mark_safe(f"<select{flatatt(final_attrs)}>{options}</select>")


def options_html(choices, selected: str | None = None) -> SafeString:
    """A select's <option>s from (value, label) pairs, each escaped here, the one whose value
    is `selected` marked (none without it): what the lists' filters write for hundreds of options."""
    return mark_safe(  # every value and label escaped here
        "".join(
            f'<option value="{escape(str(value))}"'
            f"{' selected' if str(value) == selected else ''}>{escape(str(label))}</option>"
            for value, label in choices
        )
    )


class FilterChoiceField(forms.ChoiceField):
    """A choice field told its choices as ready (value, label) pairs, written by FastSelect:
    Django's normalising of each of two hundred country options, and the template per option,
    were the slowest part of a list's filters."""

    widget = FastSelect

    @property
    def choices(self):
        return self._choices

    @choices.setter
    def choices(self, value):
        self._choices = self.widget.choices = list(value)


def fields_html(form: forms.Form) -> SafeString:
    """A list's filter form's fields as templates/includes/field.html writes them (label,
    widget, help, errors), in Python: the template included once per field cost a list page
    more than its rows. A field it does not write (a fieldset, a checkbox) goes through the
    template."""
    parts = []
    for bound in form:
        if bound.use_fieldset or bound.widget_type == "checkbox":
            parts.append(render_to_string("includes/field.html", {"field": bound}))
            continue
        errors = bound.errors
        required = (
            ' <span class="required" aria-hidden="true">*</span>' if bound.field.required else ""
        )
        help_html = (
            f'<div class="help" id="{bound.auto_id}_helptext">{escape(str(bound.help_text))}</div>'
            if bound.help_text
            else ""
        )
        errors_html = "".join(
            f'<p class="error" id="{bound.auto_id}_error">{escape(str(error))}</p>'
            for error in errors
        )
        parts.append(
            f'<div class="field{" field-invalid" if errors else ""}">\n'
            f'  <label for="{bound.id_for_label}">{escape(str(bound.label))}{required}</label>\n'
            f"  {bound}\n  {help_html}{errors_html}\n</div>\n"
        )
    return mark_safe("".join(parts))  # labels, help and errors escaped here, widgets by Django
