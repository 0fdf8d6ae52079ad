"""Whole pages for anonymous readers, cached until the data they show changes.

A page is stored under its address, its language and a *version* of the data it shows
(`core.data_versions`: counters moved as each write commits, read with one primary-key query
before the page is rendered). Any committed change gives a new version, so a cached page never
outlives what it shows — on one machine or many, since the version comes from the database and
the cache is shared (Redis) when there are many. Signed-in people, API callers with a token,
pages with messages to show, and answers that set cookies are never cached.
"""

import hashlib
import logging
import threading
from collections import defaultdict
from collections.abc import Callable
from functools import wraps

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.http import HttpRequest, HttpResponse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

PAGE_CACHE_SECONDS = 600

logger = logging.getLogger(__name__)
_pending = threading.local()


def store_after_response(key: str, value, timeout: int) -> None:
    """Store in the cache once the response has gone to the reader (at `request_finished`,
    which the server sends after writing the whole answer), all of a request's entries in one
    round trip: the reader of a page nobody asked for yet does not wait for the cache writes
    (two on a page with a shared fragment, each a round trip to Redis). Outside a request (a
    command, a test calling a view), stored at once."""
    entries = getattr(_pending, "entries", None)
    if entries is None:
        cache.set(key, value, timeout)
    else:
        entries[key] = (value, timeout)


def cached(key: str):
    """What the cache holds under this key, or what this request stores there once it has
    answered (store_after_response): asked twice in a request, it is worked out once."""
    entries = getattr(_pending, "entries", None)
    if entries and key in entries:
        return entries[key][0]
    return cache.get(key)


def _start(**kwargs) -> None:
    _pending.entries = {}


def _store_pending(**kwargs) -> None:
    entries = getattr(_pending, "entries", None)
    _pending.entries = None
    if not entries:
        return
    by_timeout: dict[int, dict] = defaultdict(dict)
    for key, (value, timeout) in entries.items():
        by_timeout[timeout][key] = value
    try:
        for timeout, values in by_timeout.items():
            cache.set_many(values, timeout)
    except Exception:  # the answer is gone already; a cache that is down only costs speed
        logger.exception("Could not store %d cached entries", len(entries))


request_started.connect(_start, dispatch_uid="core.page_cache.start")
request_finished.connect(_store_pending, dispatch_uid="core.page_cache.store")


KEPT_HEADERS = ("Content-Type", "Content-Language", "Vary", "Content-Disposition")


def _cacheable_request(request: HttpRequest) -> bool:
    if request.method != "GET" or request.user.is_authenticated:
        return False
    if "Authorization" in request.headers:  # an API caller who may see more than the public
        return False
    return len(get_messages(request)) == 0  # len() reads them without marking them shown


def _key(
    kind: str, name: str, request: HttpRequest, version: str, address: str | None = None
) -> str:
    raw = f"{request.get_full_path() if address is None else address}|{get_language()}|{version}"
    return f"{kind}:{name}:{hashlib.sha256(raw.encode()).hexdigest()}"


def cache_anonymous_page(version: Callable[[HttpRequest], str], timeout: int = PAGE_CACHE_SECONDS):
    def decorator(view):
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs):
            if not _cacheable_request(request):
                return view(request, *args, **kwargs)
            key = _key("page", f"{view.__module__}.{view.__name__}", request, version(request))
            stored = cache.get(key)
            if stored is not None:
                content, headers = stored
                response = HttpResponse(content)
                for name, value in headers.items():
                    response[name] = value
                return response
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.streaming and not response.cookies:
                headers = {
                    name: response[name] for name in KEPT_HEADERS if response.has_header(name)
                }
                store_after_response(key, (response.content, headers), timeout)
            return response

        return wrapper

    return decorator


def shared_fragment(
    request: HttpRequest,
    name: str,
    version: str,
    render: Callable[[], str],
    *,
    address: str | None = None,
) -> SafeString:
    """The part of a page that is the same for every reader, signed in or not (the directory's
    filters and results, the home page's body), cached under the page's address (or the
    `address` given: the part of it the fragment depends on), language and `version` — read by
    the caller *before* anything it renders. Signed-in readers are never served a cached page;
    with this they do not render its heaviest part again either."""
    key = _key("fragment", name, request, version, address)
    waiting = getattr(_pending, "entries", None) or {}
    html = waiting[key][0] if key in waiting else cache.get(key)
    if html is None:
        html = render()
        store_after_response(key, html, PAGE_CACHE_SECONDS)
    return mark_safe(html)  # rendered by our own templates, which escape what people wrote
