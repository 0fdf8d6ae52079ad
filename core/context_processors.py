import functools

from django.conf import settings
from django.urls import translate_url

_CODES = {code for code, _name in settings.LANGUAGES}


@functools.lru_cache(maxsize=2048)
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


def site(request):
    """The language switcher: this page in each of the site's languages."""
    return {"language_links": _language_links(request.get_full_path())}
