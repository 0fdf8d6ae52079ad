"""The search page: one box for everything the network publishes, with filters and pages."""

import math
import re
from html import escape
from urllib.parse import quote_plus, urlencode

from django.shortcuts import render
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext, pgettext

from core import data_versions
from core.page_cache import cache_anonymous_page
from core.selectors import taxonomy
from core.taxonomy import KEY_AREAS_BY_SLUG
from search import registry, selectors
from search.text import MAX_QUERY_CHARACTERS

PER_PAGE = 20
# Past this page nobody reads on; an address asking for more is answered with the last page.
MAX_PAGE = 500
SHOWN_COUNTRIES = 12


def _version(request) -> str:
    return data_versions.current(*registry.data_versions())


def search_selection(data) -> dict[str, str]:
    """The query and filters from the address; a filter that cannot mean anything is dropped."""
    selected = {
        "q": (data.get("q") or "")[: MAX_QUERY_CHARACTERS * 4],
        "kind": (data.get("kind") or "").strip(),
        "country": (data.get("country") or "").strip().upper(),
        "area": (data.get("area") or "").strip(),
    }
    if not registry.is_kind(selected["kind"]):
        selected["kind"] = ""
    if selected["country"] not in taxonomy().countries:
        selected["country"] = ""
    if selected["area"] not in KEY_AREAS_BY_SLUG:
        selected["area"] = ""
    return selected


def _page_number(value: str | None) -> int:
    try:
        return min(max(1, int(value or 1)), MAX_PAGE)
    except (TypeError, ValueError):
        return 1


def _address(selected: dict[str, str], **changes: str | int | None) -> str:
    values = {**selected, **changes}
    return "?" + urlencode({key: value for key, value in values.items() if value})


def _facet_list(selected: dict[str, str], name: str, values) -> SafeString:
    """A facet's values as links that choose (or, when chosen, drop) the value, each with its
    count. Written in Python: a common word has two hundred countries, which the template
    engine took longer to write than the search took to find."""
    before = urlencode({k: v for k, v in selected.items() if v and k in _BEFORE[name]})
    after = urlencode({k: v for k, v in selected.items() if v and k in _AFTER[name]})
    # Escaped once: a value's own part (quote_plus) holds nothing HTML escapes.
    prefix = escape(before + "&") if before else ""
    suffix = escape("&" + after) if after else ""
    without_value = escape("&".join(part for part in (before, after) if part))
    items = []
    for value in values:
        if value.selected:
            link, chosen = without_value, ' aria-current="true" class="facet-selected"'
        else:
            code = value.value
            if not _PLAIN_VALUE.fullmatch(code):  # codes and slugs are; anything else is quoted
                code = quote_plus(code)
            link, chosen = f"{prefix}{name}={code}{suffix}", ""
        count = "" if value.count is None else f' <span class="count">{value.count}</span>'
        items.append(f'<li><a href="?{link}"{chosen}>{escape(value.label)}{count}</a></li>')
    return mark_safe("".join(items))


def _hits_list(hits) -> SafeString:
    """The page's results, as the template wrote them, written in Python: twenty results with
    their highlighted titles, snippets and places cost the template engine a millisecond.
    Highlighted titles and snippets come escaped (search.text); everything else is escaped
    here."""
    items = []
    for hit in hits:
        other = (
            f'<p class="search-other-title" lang="{escape(hit.other_title_language)}" '
            f'dir="auto">{hit.other_title_html}</p>'
            if hit.other_title_html
            else ""
        )
        snippet = (
            f'<p class="search-snippet" dir="auto">{hit.snippet_html}</p>' if hit.snippet else ""
        )
        places = ""
        if hit.country_names or hit.area_names:
            separator = " · " if hit.country_names and hit.area_names else ""
            places = (
                f'<p class="muted">{escape(", ".join(hit.country_names))}{separator}'
                f"{escape(', '.join(hit.area_names))}</p>"
            )
        items.append(
            f'<li class="search-hit">\n'
            f'          <p class="search-kind">{escape(hit.kind_label)}</p>\n'
            f'          <h3><a href="{escape(hit.url)}" lang="{escape(hit.title_language)}" '
            f'dir="auto">{hit.title_html}</a></h3>\n'
            f"          {other}\n"
            f"          {snippet}\n"
            f"          {places}\n"
            f"        </li>"
        )
    return mark_safe("\n        ".join(items))


def _facets_html(context) -> str:
    """The facets' column of the results region (see _results_region)."""
    parts = [
        '<aside class="search-facets" aria-labelledby="facets-title">\n'
        f'      <h2 id="facets-title" class="visually-hidden">{gettext("Narrow the results")}'
        "</h2>"
    ]
    if context["kinds"]:
        parts.append(
            '<section aria-labelledby="facet-kind">\n'
            f'        <h3 id="facet-kind">{gettext("Kind")}</h3>\n'
            f'        <ul class="facet-list">{context["kinds"]}</ul>\n'
            "      </section>"
        )
    if context["countries"]:
        more = ""
        if context["more_countries"]:
            counter = context["more_countries_count"]
            summary = ngettext(
                "%(counter)s more country", "%(counter)s more countries", counter
            ) % {"counter": counter}
            more = (
                f"\n        <details>\n          <summary>{summary}</summary>\n"
                f'          <ul class="facet-list">{context["more_countries"]}</ul>\n'
                "        </details>"
            )
        parts.append(
            '<section aria-labelledby="facet-country">\n'
            f'        <h3 id="facet-country">{gettext("Country")}</h3>\n'
            f'        <ul class="facet-list">{context["countries"]}</ul>{more}\n'
            "      </section>"
        )
    if context["areas"]:
        parts.append(
            '<section aria-labelledby="facet-area">\n'
            f'        <h3 id="facet-area">{gettext("Key area")}</h3>\n'
            f'        <ul class="facet-list">{context["areas"]}</ul>\n'
            "      </section>"
        )
    if context["filtered"]:
        parts.append(
            f'<p><a href="{escape(context["clear_url"])}">{gettext("Clear the filters")}</a></p>'
        )
    return "\n      ".join(parts) + "\n    </aside>"


def _listing_html(context) -> str:
    """The results' column of the results region (see _results_region)."""
    results = context["results"]
    values = {"counter": results.count, "query": escape(context["selected"]["q"])}
    if results.count_exact:
        heading = ngettext(
            "%(counter)s result for “%(query)s”",
            "%(counter)s results for “%(query)s”",
            results.count,
        )
        note = ""
    else:
        heading = ngettext(
            "More than %(counter)s result for “%(query)s”",
            "More than %(counter)s results for “%(query)s”",
            results.count,
        )
        note = (
            '\n      <p class="muted">'
            + gettext(
                "Titles that hold your words come first. Add a word or choose a filter to "
                "narrow the results."
            )
            + "</p>"
        )
    parts = [f'<h2 id="results-title">{heading % values}</h2>{note}']
    if context["corrections"]:
        separator = pgettext("list separator", ", ")
        marked = separator.join(f"<mark>{escape(word)}</mark>" for word in context["corrections"])
        parts.append(
            f'<p class="muted">{gettext("Also showing words one typo away:")} {marked}</p>'
        )
    if results.hits:
        parts.append(
            f'<ol class="search-list" start="{context["start"]}">\n'
            f"        {context['hits']}\n      </ol>"
        )
        if context["pages"] > 1:
            links = []
            if context["previous_url"]:
                links.append(
                    f'<li><a href="{escape(context["previous_url"])}" rel="prev">'
                    f"{gettext('Previous page')}</a></li>"
                )
            page_of = gettext("Page %(number)s of %(total)s") % {
                "number": context["page"],
                "total": context["pages"],
            }
            links.append(f"<li>{page_of}</li>")
            if context["next_url"]:
                links.append(
                    f'<li><a href="{escape(context["next_url"])}" rel="next">'
                    f"{gettext('Next page')}</a></li>"
                )
            parts.append(
                f'<nav class="pagination" aria-label="{escape(gettext("Pages"))}">\n'
                "        <ul>\n          "
                + "\n          ".join(links)
                + "\n        </ul>\n      </nav>"
            )
    else:
        if context["filtered"]:
            advice = gettext(
                'Try <a href="%(url)s">without the filters</a>, fewer words, or another spelling.'
            ) % {"url": escape(context["clear_url"])}
        else:
            advice = gettext("Try fewer words, the start of a word, or another spelling.")
        parts.append(f'<p class="empty">{gettext("Nothing matches.")}</p>\n      <p>{advice}</p>')
    return (
        '<section class="search-results" aria-labelledby="results-title">\n      '
        + "\n      ".join(parts)
        + "\n    </section>"
    )


def _results_region(context) -> SafeString:
    """The facets and results of a query, as the template wrote them, written in Python: the
    engine took 0.6 ms to write this region (a dozen translated strings, four counted ones, the
    conditions between them), more than half as much as the rest of the page with its frame.
    Translations are the template's own strings (the catalogues' msgids), not escaped, as the
    template did not; every other value is escaped here or comes escaped (facets, hits)."""
    return mark_safe(
        '<div class="search-layout">\n    '
        + _facets_html(context)
        + "\n\n    "
        + _listing_html(context)
        + "\n  </div>"
    )


_ORDER = ("q", "kind", "country", "area")
_PLAIN_VALUE = re.compile(r"[A-Za-z0-9_-]+")
_BEFORE = {name: _ORDER[: _ORDER.index(name)] for name in _ORDER}
_AFTER = {name: _ORDER[_ORDER.index(name) + 1 :] for name in _ORDER}


@cache_anonymous_page(version=_version)
def search(request):
    selected = search_selection(request.GET)
    number = _page_number(request.GET.get("page"))
    filters = {key: selected[key] for key in ("kind", "country", "area")}
    results = selectors.search(
        query=selected["q"],
        reader=request.user,
        offset=(number - 1) * PER_PAGE,
        limit=PER_PAGE,
        **filters,
    )
    pages = max(1, math.ceil(results.available / PER_PAGE))
    if number > pages:  # past the end: the last page
        number = pages
        results = selectors.search(
            query=selected["q"],
            reader=request.user,
            offset=(number - 1) * PER_PAGE,
            limit=PER_PAGE,
            **filters,
        )

    countries = sorted(results.countries, key=lambda c: (not c.selected, -(c.count or 0)))
    context = {
        "selected": selected,
        "results": results,
        "start": (number - 1) * PER_PAGE + 1,
        "page": number,
        "pages": pages,
        "previous_url": _address(selected, page=number - 1) if number > 1 else "",
        "next_url": _address(selected, page=number + 1) if number < pages else "",
        "kinds": _facet_list(selected, "kind", results.kinds),
        "countries": _facet_list(selected, "country", countries[:SHOWN_COUNTRIES]),
        "more_countries": _facet_list(
            selected,
            "country",
            sorted(countries[SHOWN_COUNTRIES:], key=lambda c: c.label.casefold()),
        ),
        "more_countries_count": max(0, len(countries) - SHOWN_COUNTRIES),
        "areas": _facet_list(selected, "area", results.areas),
        "hits": _hits_list(results.hits),
        "filtered": any(filters.values()),
        "clear_url": _address({"q": selected["q"]}),
        "kind_names": [kind.plural for kind in registry.kinds()],
        "corrections": sorted({t for terms in results.corrections.values() for t in terms}),
    }
    if results.words:
        context["region"] = _results_region(context)
    return render(request, "search/search.html", context)
