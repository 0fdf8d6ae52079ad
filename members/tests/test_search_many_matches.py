"""A query found in much of the network: counted exactly up to COUNT_LIMIT, past it "more
than", with facets listed without numbers and the title matches ranked first (read from the
title words' index, not from the first matches the database happens to find)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache

from core.multilingual import MultilingualText
from members.models import Organization
from search import selectors


def organization(slug, name, country, *, about="", areas=()):
    created = Organization.objects.create(
        slug=slug,
        name=MultilingualText.create(name, "en"),
        country_id=country,
        status=Organization.Status.MEMBER,
        description=MultilingualText.create(about, "en") if about else None,
    )
    created.areas.set(areas)
    return created


@pytest.fixture
def crowded(db, monkeypatch):
    """Twelve organisations mention "harvest" in their text only, created before the three
    with it in their name: the first matches the database finds are texts."""
    monkeypatch.setattr(selectors, "COUNT_LIMIT", 5)
    for number in range(12):
        organization(
            f"text-{number:02d}",
            f"Rural Cooperative {number:02d}",
            "KE" if number < 9 else "UG",
            about="We share the harvest with the villages.",
            areas=["poverty-relief"],
        )
    organization("harvest-fund", "Harvest Fund of Kenya", "KE", areas=["health"])
    organization("harvest", "Harvest", "UG")
    organization("autumn", "Autumn Harvest Circle", "KE")
    cache.clear()


def slugs(results):
    return [hit.url.split("/")[-2] for hit in results.hits]


def search(query, **filters):
    return selectors.search(query=query, reader=AnonymousUser(), **filters)


def test_a_query_within_the_limit_is_counted_exactly(crowded):
    results = search("harvest fund")

    assert results.count_exact
    assert results.count == results.available == 1


def test_past_the_limit_the_count_says_more_than_and_the_titles_come_first(crowded):
    results = search("harvest")

    assert not results.count_exact
    assert results.count == 5
    assert slugs(results)[:3] == ["harvest", "harvest-fund", "autumn"]
    # What was read can be paged through, title matches and texts alike.
    assert results.available == len(results.hits) >= 6


def test_past_the_limit_the_facets_have_no_numbers(crowded):
    results = search("harvest")

    assert {facet.value for facet in results.countries} == {"KE", "UG"}
    assert all(facet.count is None for facet in results.countries + results.kinds)


def test_a_filter_narrowing_past_the_limit_is_counted_exactly_again(crowded):
    results = search("harvest", country="UG")

    assert results.count_exact
    assert results.count == 4  # three texts and "Harvest"
    assert slugs(results)[0] == "harvest"
    assert all("UG" in hit.countries for hit in results.hits)


def test_a_filter_still_past_the_limit_reads_its_own_matches(crowded):
    results = search("harvest", country="KE")

    assert not results.count_exact
    assert slugs(results)[:2] == ["harvest-fund", "autumn"]
    assert all("KE" in hit.countries for hit in results.hits)


def test_the_page_and_the_api_say_more_than(client, crowded):
    page = client.get("/en/search/", {"q": "harvest"}).content.decode()
    answer = client.get("/api/v1/search", {"q": "harvest"}).json()

    assert "More than 5 results for “harvest”" in page
    assert '<span class="count">' not in page
    assert answer["count"] == 5
    assert answer["count_exact"] is False
    assert answer["available"] >= 6
    assert answer["items"][0]["url"] == "/en/members/harvest/"
    assert {facet["count"] for facet in answer["facets"]["countries"]} == {None}


def test_a_typo_past_the_limit_still_ranks_the_titles_first(crowded):
    results = search("harvset")

    assert not results.count_exact
    # Titles one typo away, in title order, before every text.
    assert slugs(results)[:3] == ["autumn", "harvest", "harvest-fund"]


def test_more_title_matches_than_the_limit_show_the_titles_alone(crowded, monkeypatch):
    monkeypatch.setattr(selectors, "COUNT_LIMIT", 2)

    results = search("harvest")

    assert not results.count_exact
    assert results.count == 2
    # The three titles read (the bound is one past the limit), texts not at all.
    assert sorted(slugs(results)) == ["autumn", "harvest", "harvest-fund"]
    assert results.available == 3


def test_a_key_area_or_a_kind_past_the_limit_keeps_only_what_it_names(crowded):
    in_area = search("harvest", area="poverty-relief")  # the twelve texts: past the limit
    in_health = search("harvest", area="health")
    in_kind = search("harvest", kind="organization", country="KE")

    assert not in_area.count_exact
    assert all("poverty-relief" in hit.areas for hit in in_area.hits)
    assert in_health.count_exact
    assert slugs(in_health) == ["harvest-fund"]
    assert not in_kind.count_exact
    assert all(hit.kind == "organization" and "KE" in hit.countries for hit in in_kind.hits)


def test_a_filter_still_past_the_limit_never_reads_the_unfiltered_matches(crowded):
    """Too many to count under the filter means too many without it: only the filtered
    matches are read, and the facets list what they hold, without numbers."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        results = search("harvest", area="poverty-relief")

    reads = [query["sql"] for query in queries.captured_queries if '"rank"' in query["sql"]]
    assert not results.count_exact
    assert reads
    assert all("poverty-relief" in sql for sql in reads)
    assert {facet.value for facet in results.countries} <= {"KE", "UG"}
    assert [(facet.value, facet.selected) for facet in results.areas] == [("poverty-relief", True)]
    assert all(facet.count is None for facet in results.countries + results.kinds)


def test_a_filter_keeping_few_matches_reads_them_once(crowded):
    """Under a filter the matches are read first: within the limit, they hold the title
    matches too, which are then not read apart."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        results = search("harvest", area="health")

    reads = [query["sql"] for query in queries.captured_queries if '"rank"' in query["sql"]]
    filtered = [sql for sql in reads if "health" in sql]
    assert results.count_exact
    assert slugs(results) == ["harvest-fund"]
    assert len(filtered) == 1


def test_the_index_narrows_the_matches_to_the_filters_tokens(crowded):
    """The facet tokens alone (without the exact filter) keep the entries of that country."""
    from search import backends
    from search.models import SearchEntry
    from search.text import facet_tokens

    def read(titles, **filters):
        rows = backends.bounded_matches(
            levels=set(SearchEntry.objects.values_list("visibility", flat=True)),
            kind="",
            country="",
            area="",
            alternatives_per_word=[["harvest"]],
            titles=titles,
            facets=facet_tokens(**filters),
            rank=backends.rank_sql(["harvest"], {}),
            limit=100,
        )
        matches = SearchEntry.objects.filter(pk__in=[row[0] for row in rows])
        return {path.split("/")[-2] for path in matches.values_list("path", flat=True)}

    assert read(False, countries=["UG"]) == {"text-09", "text-10", "text-11", "harvest"}
    assert read(True, countries=["UG"]) == {"harvest"}
    assert read(True, countries=["KE"], areas=["health"]) == {"harvest-fund"}
    assert read(False, kind="organization", areas=["poverty-relief"]) == {
        f"text-{n:02d}" for n in range(12)
    }


def test_an_organisation_that_moves_is_filtered_under_its_new_country(crowded):
    moved = Organization.objects.get(slug="autumn")
    moved.country_id = "UG"
    moved.save()
    cache.clear()

    assert "autumn" in slugs(search("harvest", country="UG"))
    assert "autumn" not in slugs(search("harvest", country="KE"))


def test_a_query_never_finds_the_filters_tokens(crowded):
    # The tokens of Kenya, of organisations and of health, as someone might type them.
    for query in ["#ke", "!on", "%hh", "ke organization", "on"]:
        results = search(query)
        assert "text-00" not in slugs(results), query


def test_a_page_past_the_end_reads_the_matches_once(client, crowded):
    """Past the last page the last page is shown: the search asked again reads the matches
    this request found (stored in the cache only once it has answered), not the index again."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def reads_of_matches(page):
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/en/search/", {"q": "harvest", "country": "KE", "page": page})
        assert response.status_code == 200
        return sum('"rank"' in query["sql"] for query in queries.captured_queries)

    assert reads_of_matches(99) == reads_of_matches(1)
