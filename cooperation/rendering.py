"""A form renderer for the lists' filter forms: a select with two hundred countries written in
Python, as Django's templates write it (django/forms/widgets/select.html and select_option.html),
instead of one template include per option, which cost the demands and projects lists more than
the rest of the page. Anything else is rendered by Django's templates as usual."""

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

SELECT = "django/forms/widgets/select.html"
OPTION = "django/forms/widgets/select_option.html"


def _attrs(attrs: dict) -> str:
    return "".join(
        f" {conditional_escape(name)}"
        + ("" if value is True else f'="{conditional_escape(str(value))}"')
        for name, value in attrs.items()
        if value is not False
    )


class ListFormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        widget = context.get("widget")
        if template_name != SELECT or widget is None or not self._plain(widget):
            return super().render(template_name, context, request=request)
        parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
        for _group, options, _index in widget["optgroups"]:
            parts.extend(
                f'\n  <option value="{conditional_escape(str(option["value"]))}"'
                f"{_attrs(option['attrs'])}>{conditional_escape(option['label'])}</option>\n"
                for option in options  # select_option.html ends with a new line
            )
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # every value, label and attribute escaped above

    @staticmethod
    def _plain(widget) -> bool:
        """Without option groups or options of another template: what is written here."""
        return all(
            not group and all(option.get("template_name") == OPTION for option in options)
            for group, options, _index in widget["optgroups"]
        )


LIST_FORMS = ListFormRenderer()
