import functools
from html import escape

from django.conf import settings
from django.urls import translate_url
from django.utils.safestring import SafeString
from django.utils.translation import get_language

_CODES = {code for code, _name in settings.LANGUAGES}


def _language_links(path: str) -> tuple[dict[str, str], ...]:
    # Every page lives under a language prefix and the paths are the same in every language,
    # so a link is the path with another prefix; resolving and reversing the address six
    # times cost about a millisecond on every page that is not served from the cache.
    current = path.split("/", 2)[1] if path.startswith("/") else ""
    if current in _CODES:
        rest = path[len(current) + 1 :]
        return tuple(
            {"code": code, "name": name, "url": f"/{code}{rest}"}
            for code, name in settings.LANGUAGES
        )
    return tuple(
        {"code": code, "name": name, "url": translate_url(path, code)}
        for code, name in settings.LANGUAGES
    )


@functools.lru_cache(maxsize=2048)
def _language_links_html(path: str, current: str) -> tuple[SafeString, SafeString]:
    """The page in each language as the frame writes it: the head's alternates and the
    language menu (written here: the template's loops over six links cost a fifth of a
    millisecond on every page). Everything is escaped here."""
    links = [{key: escape(value) for key, value in link.items()} for link in _language_links(path)]
    alternates = "".join(
        f'<link rel="alternate" hreflang="{link["code"]}" href="{link["url"]}">\n  '
        for link in links
    )
    chosen = ' aria-current="true"'
    menu = "".join(
        f'\n          <li><a href="{link["url"]}" hreflang="{link["code"]}" '
        f'lang="{link["code"]}"{chosen if link["code"] == current else ""}>'
        f"{link['name']}</a></li>\n        "
        for link in links
    )
    return SafeString(alternates), SafeString(menu)


def site(request):
    """The language switcher: this page in each of the site's languages."""
    alternates, menu = _language_links_html(request.get_full_path(), get_language())
    return {"language_alternates": alternates, "language_menu": menu}
