"""Parts of a page that another app adds: the page asks for the sections registered for its
place and shows them, without importing the apps that render them (an organisation's profile
lists its events, say). Each section names the data version its content follows, so a cached
page follows it too."""

from collections.abc import Callable

from django.utils.safestring import SafeString

_sections: dict[str, list[tuple[Callable, str]]] = {}


def register(place: str, render: Callable[..., str], data_version: str) -> None:
    """`render(request, obj)` answers HTML (or "" to show nothing)."""
    _sections.setdefault(place, []).append((render, data_version))


def versions(place: str) -> tuple[str, ...]:
    return tuple(version for _render, version in _sections.get(place, ()))


def render(place: str, request, obj) -> list[SafeString]:
    return [
        SafeString(html)
        for section, _v in _sections.get(place, ())
        if (html := section(request, obj))
    ]
