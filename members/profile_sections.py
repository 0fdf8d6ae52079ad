"""Sections other apps add to an organisation's profile (its projects, say), so that members
knows no app above it. An app registers in its apps.py:

    profile_sections.register(render, data_version=PROJECTS)

`render(request, organization)` returns HTML (or ""); cached profiles follow `data_version` too.
"""

from collections.abc import Callable

from django.utils.safestring import SafeString, mark_safe

_sections: list[Callable] = []
_versions: list[str] = []


def register(render: Callable, *, data_version: str | None = None) -> None:
    _sections.append(render)
    if data_version and data_version not in _versions:
        _versions.append(data_version)


def data_versions() -> tuple[str, ...]:
    return tuple(_versions)


def render_all(request, organization) -> list[SafeString]:
    return [mark_safe(html) for render in _sections if (html := render(request, organization))]
