"""Searching: one service for the search page, the search API and every list's `q`.

A query is words, never syntax. Each word must be found: words of three characters or more as a
substring of the folded text (or, from four letters on, as a title word one typo away); shorter
words, the start of a name being typed, as the start of a title word, or as characters of a
title in a script written without spaces. Ranking: the whole query as a title, then as the start
of a title, then every word in a title, then every word in a title allowing one typo, then the
rest; within a rank, by title.
"""

import hashlib
import json
import time
from array import array
from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from core import data_versions
from core.models import country_name, key_area_name
from core.multilingual import normalise_language
from core.page_cache import cached, store_after_response
from core.selectors import COUNTS_CACHE_SECONDS
from core.taxonomy import KEY_AREAS_BY_SLUG
from search import backends, registry
from search.models import SearchEntry
from search.text import (
    FUZZY_MIN_LENGTH,
    deletion_keys,
    facet_tokens,
    is_short,
    is_spaceless,
    mark_spans,
    match_spans,
    one_typo_apart,
    query_words,
    snippet,
)

# A typed word this long may be one typo away from a title word of FUZZY_MIN_LENGTH or more.
FUZZY_QUERY_MIN_LENGTH = FUZZY_MIN_LENGTH - 1
FUZZY_ALTERNATIVES = 8


@dataclass(frozen=True)
class Hit:
    kind: str
    kind_label: str
    object_id: int
    title: str
    title_html: SafeString
    title_language: str
    url: str
    snippet: str
    snippet_html: SafeString
    countries: list[str]
    areas: list[str]
    country_names: list[str]
    area_names: list[str]
    # The title the words were found in, when it is not the one shown (the original name).
    other_title: str = ""
    other_title_html: str = ""
    other_title_language: str = ""


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int | None  # None: the query has too many matches to count (see COUNT_LIMIT)
    selected: bool


@dataclass
class SearchResults:
    query: str
    words: list[str]
    # Exact when `count_exact`; otherwise there are more than this many matches.
    count: int = 0
    count_exact: bool = True
    # How many of the matches can be paged through: all of them when counted exactly,
    # otherwise those ranked (the title matches first).
    available: int = 0
    hits: list[Hit] = field(default_factory=list)
    kinds: list[FacetValue] = field(default_factory=list)
    countries: list[FacetValue] = field(default_factory=list)
    areas: list[FacetValue] = field(default_factory=list)
    corrections: dict[str, list[str]] = field(default_factory=dict)

    @property
    def empty_query(self) -> bool:
        return not self.words


def _may_be_misspelt(word: str) -> bool:
    return (
        len(word) >= FUZZY_QUERY_MIN_LENGTH
        and not word.isdigit()
        and not any(is_spaceless(c) for c in word)
    )


def fuzzy_alternatives(words: list[str]) -> dict[str, list[str]]:
    """For each word no title holds as a whole word, the title words one typo away (one
    indexed query for all the words). A word one letter shorter than FUZZY_MIN_LENGTH may be
    one of those with a letter missing ("yuth"), unless a title holds it as typed ("Aral":
    its alternatives, "baral", "karal"…, cost PostgreSQL a trigram lookup each, 29 ms)."""
    candidates = [word for word in words if _may_be_misspelt(word)]
    if not candidates:
        return {}
    keys_of = {word: deletion_keys(word) for word in candidates}
    rows = backends.terms(sorted(set().union(*keys_of.values())))
    found: dict[str, set[str]] = {word: set() for word in candidates}
    known: set[str] = set()
    for key, term in rows:
        for word, keys in keys_of.items():
            if term == word:
                known.add(word)
            elif len(term) >= FUZZY_MIN_LENGTH and key in keys and one_typo_apart(word, term):
                found[word].add(term)
    return {
        word: sorted(terms)[:FUZZY_ALTERNATIVES]
        for word, terms in found.items()
        if terms and word not in known
    }


def _match(
    words: list[str], alternatives: dict[str, list[str]], *, among_few=False, kind=None
) -> Q:
    condition = Q()
    checked = backends.checked_on_rows(words, own_index=kind is not None)
    for word in words:
        if word in checked:
            condition &= backends.word_start_condition(word)
        elif is_short(word):
            condition &= backends.short_condition(word, among_few=among_few, kind=kind)
        else:
            condition &= backends.substring_condition(
                [word, *alternatives.get(word, [])], among_few=among_few, kind=kind
            )
    return condition


# A kind with at most this many entries is read whole and checked against a query's matches,
# rather than each match looked up (see backends); its size is read again every few minutes.
FEW_ENTRIES = 15_000
KIND_SIZE_SECONDS = 300
_kind_sizes: dict[str, tuple[int, float]] = {}


def _has_few_entries(kind: str) -> bool:
    size, read_at = _kind_sizes.get(kind, (0, 0.0))
    if time.monotonic() - read_at > KIND_SIZE_SECONDS:
        size = SearchEntry.objects.filter(kind=kind).count()
        _kind_sizes[kind] = (size, time.monotonic())
    return size <= FEW_ENTRIES


def matching_object_ids(kind: str, query: str) -> set[int] | None:
    """The ids of a kind's objects that match a query, read at once (None when the query
    holds no words)."""
    words = query_words(query)
    if not words:
        return None
    alternatives = fuzzy_alternatives(words)
    # Cached until the kind's data changes: a word many readers type ("com", "network") reads
    # thousands of ids (6-13 ms on PostgreSQL), the same for every language, page and filter
    # of the list it narrows.
    registered = registry.kind(kind) if registry.is_kind(kind) else None
    versions = (registered.data_version,) if registered else None
    key = _query_key(f"ids:{kind}", words, alternatives, (), versions=versions)
    ids = cached(key)
    if ids is None:
        own_index = bool(registered and registered.own_index)
        ids = array(
            "q",
            backends.matching_object_ids(
                kind,
                [[word, *alternatives.get(word, [])] for word in words],
                among_few=not own_index and _has_few_entries(kind),
                own_index=own_index,
            ),
        )
        store_after_response(key, ids, COUNTS_CACHE_SECONDS)
    return set(ids)


def matching_ids(kind: str, query: str) -> QuerySet | None:
    """The ids of a kind's objects that match a query (a subquery for a list's `q`), or None
    when the query holds no words."""
    words = query_words(query)
    if not words:
        return None
    alternatives = fuzzy_alternatives(words)
    if registry.is_kind(kind) and registry.kind(kind).own_index:
        condition = _match(words, alternatives, kind=kind)
    else:
        condition = _match(words, alternatives, among_few=_has_few_entries(kind))
    return SearchEntry.objects.filter(condition, kind=kind).values("object_id")


def _rank(words: list[str], alternatives: dict[str, list[str]]) -> Case:
    phrase = " ".join(words)
    in_title = backends.title_holds
    every_word = Q()
    every_word_or_typo = Q()
    for word in words:
        every_word &= in_title(word)
        either = Q()
        for variant in [word, *alternatives.get(word, [])]:
            either |= in_title(variant)
        every_word_or_typo &= either
    return Case(
        When(in_title(f"\n{phrase}\n"), then=Value(0)),
        When(in_title(f"\n{phrase}"), then=Value(1)),
        When(every_word, then=Value(2)),
        When(every_word_or_typo, then=Value(3)),
        default=Value(4),
        output_field=IntegerField(),
    )


def _marked_values(text: str) -> list[str]:
    return text.split()


def _facets(groups, *, kind: str, country: str, area: str) -> tuple[int, Counter, Counter, Counter]:
    """Each facet counts the matches under every filter but its own. (Plain loops: a common
    word has a few hundred groups, and Counter.update's checks of its argument cost more than
    the adding.)"""
    kinds: Counter[str] = Counter()
    countries: Counter[str] = Counter()
    areas: Counter[str] = Counter()
    total = 0
    if not (kind or country or area):
        # No filter: every facet counts every match. Added up by distinct value first
        # (" FR ", " education health "): a thousand groups share a few dozen of them.
        by_countries: dict[str, int] = {}
        by_areas: dict[str, int] = {}
        for entry_kind, entry_countries, entry_areas, n in groups:
            kinds[entry_kind] += n
            by_countries[entry_countries] = by_countries.get(entry_countries, 0) + n
            by_areas[entry_areas] = by_areas.get(entry_areas, 0) + n
            total += n
        for values, counter in ((by_countries, countries), (by_areas, areas)):
            for value, n in values.items():
                for single in set(value.split()):
                    counter[single] += n
        return total, kinds, countries, areas
    # Each distinct value split once.
    values_of: dict[str, set[str]] = {}
    for entry_kind, entry_countries, entry_areas, n in groups:
        country_values = values_of.get(entry_countries)
        if country_values is None:
            country_values = values_of[entry_countries] = set(entry_countries.split())
        area_values = values_of.get(entry_areas)
        if area_values is None:
            area_values = values_of[entry_areas] = set(entry_areas.split())
        in_kind = not kind or entry_kind == kind
        in_country = not country or country in country_values
        in_area = not area or area in area_values
        if in_country and in_area:
            kinds[entry_kind] += n
        if in_kind and in_area:
            for value in country_values:
                countries[value] += n
        if in_kind and in_country:
            for value in area_values:
                areas[value] += n
            if in_area:
                total += n
    return total, kinds, countries, areas


# How many of a query's matches are kept in rank order for its pages and filters; past them,
# a filtered or far page is ranked by the database for that page alone.
RANKED_KEPT = 5000
# A query's matches are counted exactly up to this many. A word found in much of the network
# ("com", "community": a hundred thousand entries) is not counted to the end, which no
# database does in the time a page has: the page says "more than 300", lists the facets
# without numbers, and ranks the title matches first, read from the title words' index.
# Reading the matches is most of a broad search's time, and grows with the bound: at 1,000,
# a broad search took twice as long as at 300 (docs/benchmarks.md); fifteen pages of results
# are more than anyone pages through before choosing a filter.
COUNT_LIMIT = 300
# Moved whenever what is cached changes shape, so a new release never reads an old one's entries
# from a shared cache.
CACHED_FORMAT = 3


def _query_key(kind: str, words, alternatives, levels, *more: str, versions=None) -> str:
    """A cache key for what a query finds: the searched data's versions (every kind's, or
    those of `versions`) and the index's, the words and their typo alternatives, what the
    reader may see, and `more`."""
    names = registry.data_versions() if versions is None else (*versions, registry.INDEX_VERSION)
    version = data_versions.current(*names)
    typos = [f"{word}:{','.join(terms)}" for word, terms in sorted(alternatives.items())]
    raw = "|".join([version, *words, *typos, *sorted(levels), *more])
    return f"search:{kind}:{CACHED_FORMAT}:{hashlib.sha256(raw.encode()).hexdigest()}"


@dataclass(frozen=True)
class _Found:
    """What a query finds, read in one pass: its matches counted by kind, countries and areas
    (what every facet is added up from), and the first RANKED_KEPT of them in rank order with
    their facets (what every page under any filter is picked from). Kept compact (arrays of
    numbers, each distinct facet combination once) so a shared cache stores and returns it
    quickly."""

    facets: list[tuple[str, str, str]]  # each distinct (kind, countries, areas)
    counts: list[int]  # how many matches have each
    ranked_ids: array  # the first RANKED_KEPT matches' ids, in rank order
    ranked_facets: array  # and the index of their facets in `facets`
    complete: bool  # every match is ranked
    exact: bool = True  # every match is counted (at most COUNT_LIMIT of them)

    @property
    def count(self) -> int:
        return sum(self.counts)

    @property
    def groups(self) -> list[tuple[str, str, str, int]]:
        return [(*facets, n) for facets, n in zip(self.facets, self.counts, strict=True)]

    def ranked(self, kind: str, country: str, area: str) -> list[int]:
        """The ranked ids under the filters."""
        wanted = [
            kind_ok and country_ok and area_ok
            for kind_ok, country_ok, area_ok in (
                (
                    not kind or entry_kind == kind,
                    not country or f" {country} " in entry_countries,
                    not area or f" {area} " in entry_areas,
                )
                for entry_kind, entry_countries, entry_areas in self.facets
            )
        ]
        if all(wanted):
            return list(self.ranked_ids)
        return [
            pk
            for pk, facet in zip(self.ranked_ids, self.ranked_facets, strict=True)
            if wanted[facet]
        ]


def _filtered(matches, kind: str, country: str, area: str):
    if kind:
        matches = matches.filter(kind=kind)
    if country:
        matches = matches.filter(countries__contains=f" {country} ")
    if area:
        matches = matches.filter(areas__contains=f" {area} ")
    return matches


def _bounded_rows(
    words, alternatives, levels, *, kind="", country="", area="", facets=()
) -> tuple[list[tuple], bool]:
    """A query's matches, at most COUNT_LIMIT + 1 of them, and whether they are all of them.
    Past the bound, the title matches come first (read from the title words' index: cheap,
    and a subset of the matches): they are what is shown, and the rest is never read.
    `facets`: the filters' tokens, intersected with the words by the index (`kind`,
    `country` and `area` are the filters themselves).

    Which is read first: without filters, the titles (a word in many titles is answered by
    them alone); under a filter, the matches themselves, which then mostly fit in the bound
    and hold the title matches too, so one read answers where the titles first took two."""
    bound = COUNT_LIMIT + 1
    rank = backends.rank_sql(words, alternatives)
    visible = {"levels": levels, "kind": kind, "country": country, "area": area}
    in_titles = [[word, *alternatives.get(word, [])] for word in words]
    long_words = [[word, *alternatives.get(word, [])] for word in words if not is_short(word)]
    short_words = [word for word in words if is_short(word)]

    def read(**words):
        return backends.bounded_matches(**visible, **words, facets=facets, rank=rank, limit=bound)

    def titles():
        return read(alternatives_per_word=in_titles, titles=True)

    def documents():
        return read(alternatives_per_word=long_words, short_words=short_words)

    if not long_words:  # short words only: their matches are the title matches
        rows = titles()
        return rows, len(rows) < bound
    if kind or country or area:
        rows = documents()
        if len(rows) < bound:
            return rows, True
        titled = titles()
    else:
        titled = rows = titles()
        if len(titled) >= bound:
            return titled, False
        rows = documents()
        if len(rows) < bound:
            return rows, True
    seen = {row[0] for row in rows}
    return rows + [row for row in titled if row[0] not in seen], False


def _found(
    words, alternatives, levels, *, kind: str = "", country: str = "", area: str = ""
) -> _Found:
    """Cached until the searched data changes: the other pages, filters and languages of the
    same query read nothing but their page's entries. With filters, only the matches under
    them (search reads these first; when they are few, the query's own matches too, which
    every filter's numbers are worked out from)."""
    key = _query_key("found", words, alternatives, levels, kind, country, area)
    found = cached(key)
    if found is not None:
        return found
    facets = facet_tokens(kind=kind, countries=[country], areas=[area])
    rows, exact = _bounded_rows(
        words, alternatives, levels, kind=kind, country=country, area=area, facets=facets
    )
    index: dict[tuple[str, str, str], int] = {}
    counts: list[int] = []
    ranked = []
    for pk, entry_kind, countries, areas, entry_rank, sort_key in rows:
        facet = index.setdefault((entry_kind, countries, areas), len(index))
        if facet == len(counts):
            counts.append(0)
        counts[facet] += 1
        ranked.append((entry_rank, sort_key, pk, facet))
    ranked.sort()
    kept = ranked[:RANKED_KEPT]
    found = _Found(
        facets=list(index),
        counts=counts,
        ranked_ids=array("q", (row[2] for row in kept)),
        ranked_facets=array("L", (row[3] for row in kept)),
        complete=exact and len(ranked) <= RANKED_KEPT,
        exact=exact,
    )
    store_after_response(key, found, COUNTS_CACHE_SECONDS)
    return found


class _Shown(NamedTuple):
    """The columns of an entry a result shows (backends.entries)."""

    id: int
    kind: str
    object_id: int
    countries: str
    areas: str
    path: str
    original_language: str
    titles: dict
    bodies: dict


_SHOWN_COLUMNS = _Shown._fields


def _shown(row: tuple) -> _Shown:
    titles, bodies = row[7], row[8]
    return _Shown(
        *row[:7],
        json.loads(titles) if isinstance(titles, (str, bytes)) else titles,
        json.loads(bodies) if isinstance(bodies, (str, bytes)) else bodies,
    )


def _url(entry: _Shown, language: str) -> str:
    return f"/{language}{entry.path}"


def _hit(entry: _Shown, language: str, marks: list[str], names: dict) -> Hit:
    """One result. `names`: the kinds' names in the reader's language, filled in as the
    page's results need them (countries' and key areas' names are kept per process)."""
    title_language = language if entry.titles.get(language) else entry.original_language
    title = entry.titles.get(title_language) or next(iter(entry.titles.values()), "")
    title_spans = match_spans(title, marks)
    other_language, other_title, other_spans = "", "", []
    if not title_spans:
        for candidate_language, candidate in entry.titles.items():
            if candidate_language != title_language:
                other_spans = match_spans(candidate, marks)
                if other_spans:
                    other_language, other_title = candidate_language, candidate
                    break
    body_language = language if entry.bodies.get(language) else entry.original_language
    body = entry.bodies.get(body_language) or next(iter(entry.bodies.values()), "")
    plain, marked = snippet(body, marks)
    countries = _marked_values(entry.countries)
    areas = [slug for slug in _marked_values(entry.areas) if slug in KEY_AREAS_BY_SLUG]
    kind_label = names.get(entry.kind)
    if kind_label is None:
        kind_label = names[entry.kind] = str(registry.kind(entry.kind).label)
    # Escaped by highlight and snippet, which mark the matches in escaped text (SafeString:
    # mark_safe's check for a lazy argument, some sixty times a page, cost tenths of a ms).
    return Hit(
        kind=entry.kind,
        kind_label=kind_label,
        object_id=entry.object_id,
        title=title,
        title_html=SafeString(mark_spans(title, title_spans)),
        title_language=title_language,
        url=_url(entry, language),
        snippet=plain,
        snippet_html=SafeString(marked),
        countries=countries,
        areas=areas,
        country_names=[country_name(code, language) for code in countries],
        area_names=[key_area_name(slug, language) for slug in areas],
        other_title=other_title,
        other_title_html=SafeString(mark_spans(other_title, other_spans)) if other_title else "",
        other_title_language=other_language,
    )


def search(
    *,
    query: str,
    reader,
    kind: str = "",
    country: str = "",
    area: str = "",
    limit: int = 20,
    offset: int = 0,
) -> SearchResults:
    """One page of what matches the query and the filters among the entries the reader may
    see, with the number of matches for each kind, country and key area (up to COUNT_LIMIT
    matches; past it, "more than" and the facets without numbers). A few queries whatever the
    data: the typo lookup, the matches (cached per query, each read bounded), the page's
    entries."""
    words = query_words(query)
    results = SearchResults(query=query, words=words)
    if not words:
        return results
    language = normalise_language(get_language())
    kind = kind if registry.is_kind(kind) else ""
    alternatives = fuzzy_alternatives(words)
    results.corrections = alternatives
    levels = registry.visibility_levels(reader)
    filtered = kind or country or area
    narrowed = (
        _found(words, alternatives, levels, kind=kind, country=country, area=area)
        if filtered
        else None
    )
    if narrowed is not None and not narrowed.exact:
        # Too many to count even under the filters, so the query's own matches are too: they
        # are not read, and the facets list what the filtered matches hold, without numbers.
        everything = narrowed
    else:
        everything = _found(words, alternatives, levels)
    if everything.exact:
        found = everything
        total, kinds, countries, areas = _facets(
            everything.groups, kind=kind, country=country, area=area
        )
        results.count = results.available = total
        ranked = found.ranked(kind, country, area)
    else:
        # Too many to count: the filters are the database's to apply, and the facets list
        # what the matches read hold, without numbers.
        found = narrowed if narrowed is not None else everything
        _total, kinds, countries, areas = _facets(
            everything.groups, kind=kind, country=country, area=area
        )
        ranked = list(found.ranked_ids)
        results.count_exact = found.exact if narrowed is not None else False
        results.count = found.count if results.count_exact else COUNT_LIMIT
        results.available = len(ranked)

    def number(n: int) -> int | None:
        return n if everything.exact else None

    results.kinds = [
        FacetValue(k.name, str(k.plural), number(kinds[k.name]), k.name == kind)
        for k in registry.kinds()
        if kinds[k.name] or k.name == kind
    ]
    results.countries = sorted(
        (
            FacetValue(code, country_name(code, language), number(n), code == country)
            for code, n in countries.items()
        ),
        key=lambda facet: facet.label.casefold(),
    )
    if country and country not in countries:
        results.countries.insert(
            0, FacetValue(country, country_name(country, language), None, True)
        )
    results.areas = [
        FacetValue(slug, key_area_name(slug, language), number(areas[slug]), slug == area)
        for slug in KEY_AREAS_BY_SLUG
        if areas[slug] or slug == area
    ]
    if results.available and offset < results.available:
        if offset + limit <= len(ranked) or found.complete or not found.exact:
            wanted = ranked[offset : offset + limit]
            by_id = {row[0]: row for row in backends.entries(wanted)}
            entries = [_shown(by_id[pk]) for pk in wanted if pk in by_id]
        else:  # far down a very long list: ranked by the database for this page alone
            page = SearchEntry.objects.filter(_match(words, alternatives), visibility__in=levels)
            entries = [
                _shown(row)
                for row in _filtered(page, kind, country, area)
                .annotate(rank=_rank(words, alternatives))
                .order_by("rank", "sort_key", "id")
                .values_list(*_SHOWN_COLUMNS)[offset : offset + limit]
            ]
        marks = [*words, *(term for terms in alternatives.values() for term in terms)]
        names: dict = {}
        results.hits = [_hit(entry, language, marks, names) for entry in entries]
    return results
