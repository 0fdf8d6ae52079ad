import functools

from django.conf import settings
from django.urls import translate_url


@functools.lru_cache(maxsize=2048)
def _language_links(path: str) -> tuple[dict[str, str], ...]:
    # The same address gives the same links in every request: resolving and reversing it six
    # times cost about a millisecond on every page that is not served from the cache.
    return tuple(
        {"code": code, "name": name, "url": translate_url(path, code)}
        for code, name in settings.LANGUAGES
    )


def site(request):
    """The language switcher: this page in each of the site's languages."""
    return {"language_links": _language_links(request.get_full_path())}
