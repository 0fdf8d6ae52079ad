"""Form widgets that render quickly when they hold hundreds of options."""

from html import escape

from django import forms
from django.forms.utils import flatatt
from django.utils.safestring import mark_safe


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
        options = "".join(
            f'<option value="{escape(str(option_value))}"'
            f"{' selected' if str(option_value) == chosen else ''}>{escape(str(label))}</option>"
            for option_value, label in self.choices
        )
        return mark_safe(f"<select{flatatt(final_attrs)}>{options}</select>")
