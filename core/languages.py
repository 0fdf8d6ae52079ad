"""Names of languages in the reader's language, for working languages and texts' originals."""

import functools

from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _

# Languages that members work in but that Django has no name for.
EXTRA_LANGUAGE_NAMES = {
    "am": _("Amharic"),
    "lo": _("Lao"),
    "ps": _("Pashto"),
    "qu": _("Quechua"),
    "si": _("Sinhala"),
    "so": _("Somali"),
}


def language_name(code: str) -> str:
    """A language's name in the reader's language (the code itself when no name is known)."""
    return _language_name(code, get_language())


@functools.lru_cache(maxsize=4096)
def _language_name(code: str, reader_language: str | None) -> str:
    """Looked up once per process for each language and reader's language: a demand page's
    matches named the demand's language ten times, each a lookup and a translation."""
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return str(EXTRA_LANGUAGE_NAMES.get(code, code))


def language_name_with_local(code: str) -> str:
    """The name in the reader's language followed by the language's own name, for choosing."""
    try:
        info = get_language_info(code)
    except KeyError:
        return language_name(code)
    translated, local = str(info["name_translated"]), info["name_local"]
    return translated if translated == local else f"{translated} ({local})"
