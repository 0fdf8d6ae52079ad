"""Form widgets that render quickly when they hold hundreds of options."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join


class FastSelect(forms.Select):
    """A <select> rendered in Python rather than one template per option: the country lists of
    the directory have two hundred options, and the template engine made them the slowest part
    of the page."""

    def render(self, name, value, attrs=None, renderer=None):
        final_attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        chosen = (
            "" if value is None else str(value[0] if isinstance(value, list | tuple) else value)
        )
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option_value, " selected" if str(option_value) == chosen else "", label)
                for option_value, label in self.choices
            ),
        )
        return format_html("<select{}>{}</select>", flatatt(final_attrs), options)
