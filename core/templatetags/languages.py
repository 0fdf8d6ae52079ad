from django import template

from core.languages import language_name as name_of_language

register = template.Library()


@register.filter
def language_name(code: str) -> str:
    """{{ "zh-hans"|language_name }} → "Simplified Chinese" (in the reader's language)."""
    return name_of_language(code)
