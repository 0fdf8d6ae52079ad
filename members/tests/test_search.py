"""Search over organisations (search.selectors, the search page, GET /api/v1/search, and the
directory's `q`): names in any script, accents, typos, prefixes, ranking, visibility, facets,
and an index that follows every committed write. Runs on SQLite (FTS5) and PostgreSQL
(pg_trgm) alike."""

from io import StringIO

import pytest
from django.core.cache import cache

from core import data_versions
from core.multilingual import MultilingualText
from members.models import Organization, OrganizationStaff
from search.models import SearchEntry
from search.selectors import search


def organization(slug, name, country, *, status=Organization.Status.MEMBER, areas=(), about=""):
    text = name if isinstance(name, MultilingualText) else MultilingualText.create(name, "en")
    created = Organization.objects.create(
        slug=slug,
        name=text,
        country_id=country,
        status=status,
        description=MultilingualText.create(about, "en") if about else None,
    )
    created.areas.set(areas)
    return created


@pytest.fixture
def network(db):
    """Organisations named in Chinese, Arabic, Russian, Thai, Vietnamese, French and English."""
    return {
        "silk": organization(
            "silk",
            MultilingualText.create(
                "丝路青年发展中心", "zh-hans", en="Silk Road Youth Development Centre"
            ),
            "CN",
            areas=["education", "youth-training"],
            about="We train **young people** in rural Gansu for new jobs.",
        ),
        "nile": organization(
            "nile",
            MultilingualText.create(
                "جمعية نهر النيل للتنمية", "ar", en="Nile River Development Association"
            ),
            "EG",
            areas=["poverty-relief"],
        ),
        "volga": organization(
            "volga",
            MultilingualText.create("Фонд «Волжские берега» для молодёжи", "ru"),
            "RU",
            areas=["youth-training"],
        ),
        "mekong": organization(
            "mekong",
            MultilingualText.create("มูลนิธิพัฒนาเยาวชนลุ่มน้ำโขง", "th", en="Mekong Youth Foundation"),
            "TH",
            areas=["education"],
        ),
        "delta": organization(
            "delta",
            MultilingualText.create("Hội Phát triển Cộng đồng Đồng bằng sông Cửu Long", "vi"),
            "VN",
            areas=["poverty-relief", "health"],
        ),
        "lyon": organization(
            "lyon",
            MultilingualText.create("Solidarité Éducation Lyon", "fr"),
            "FR",
            areas=["education"],
            about="Une association qui soutient les écoles du Sahel.",
        ),
        "water": organization(
            "water",
            "Steppe Water and Health Alliance",
            "KZ",
            areas=["health", "environmental-protection"],
            about="Clean wells for herders; partners of the Silk Road youth centres.",
        ),
        "applicant": organization(
            "applicant",
            "Steppe Youth Applicants Union",
            "KZ",
            status=Organization.Status.APPLICANT,
            areas=["education"],
        ),
    }


@pytest.fixture
def member_staff(make_user, network):
    user = make_user("staff@example.org", full_name="Sam Staff")
    OrganizationStaff.objects.create(organization=network["water"], user=user, role="staff")
    return user


def found(query, reader=None, **filters):
    from django.contrib.auth.models import AnonymousUser

    results = search(query=query, reader=reader or AnonymousUser(), **filters)
    return [hit.url.split("/")[-2] for hit in results.hits]


# --- finding ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("丝路", ["silk"]),  # Chinese, no spaces
        ("青年发展", ["silk"]),  # inside a name
        ("丝", ["silk"]),  # one character
        ("النيل", ["nile"]),  # Arabic
        ("نهر النيل", ["nile"]),
        ("молодёжи", ["volga"]),  # Cyrillic
        ("МОЛОДЕЖИ", ["volga"]),  # any case, ё typed as е
        ("เยาวชน", ["mekong"]),  # Thai, no spaces
        ("ลุ่มน้ำโขง", ["mekong"]),
        ("Cửu Long", ["delta"]),  # Vietnamese with its tone marks
        ("cuu long", ["delta"]),  # and without
        ("dong bang", ["delta"]),  # đ typed as d
        ("solidarite education", ["lyon"]),  # French without accents
        ("SOLIDARITÉ", ["lyon"]),
    ],
)
def test_names_are_found_in_any_script_case_and_accents_aside(network, query, expected):
    assert found(query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Helth", ["water"]),  # a letter missing
        ("Allaince", ["water"]),  # two letters swapped
        ("Solidaritx", ["lyon"]),  # a letter changed
        ("Devellopment", ["nile", "silk"]),  # a letter added
    ],
)
def test_a_word_of_five_letters_or_more_is_found_with_one_typo(network, query, expected):
    assert sorted(found(query)) == expected


def test_two_characters_without_spaces_are_found_side_by_side_only(network):
    """A short query in a script written without spaces is its characters in that order,
    next to each other: 丝 and 路 both occur in "丝绸之路", but not as "丝路"."""
    organization("road", MultilingualText.create("丝绸之路基金", "zh-hans"), "CN")

    assert found("丝路") == ["silk"]
    assert found("之路") == ["road"]
    assert sorted(found("路")) == ["road", "silk"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("steppe wa", ["water"]),
        ("road yo", ["silk"]),
        ("youth de", ["silk"]),
        ("steppe he", ["water"]),
        ("silk ru", []),  # "rural" is in a description: short words are looked for in titles
        ("steppe xz", []),
        ("steppe ea", []),  # inside "health", at the start of no word
    ],
)
def test_a_short_word_beside_a_longer_one_is_the_start_of_a_title_word(network, query, expected):
    """Read from the index's lists of short prefixes (SQLite's table of every entry), or
    checked on the rows the longer word finds rather than gathered from the index (every
    title word starting with "de": PostgreSQL, a kind's own index): the same answers on the
    page and in the directory."""
    from search.selectors import matching_object_ids

    assert sorted(found(query)) == expected
    assert matching_object_ids("organization", query) == {network[slug].pk for slug in expected}


def test_the_start_of_a_title_word_is_read_from_lists_of_prefixes(db):
    """One to four letters typed so far ("l'a", "yout") are read as one list each, not gathered
    from every title word that starts so ("liv:*": live, lives, livelihood…; 34 ms for "l'a"
    on SQLite at 430,000 entries, 0.2 with the lists). SQLite's full-text table keeps each
    word under its first one and two characters; on PostgreSQL an index holds the first one to
    four, and is only used by a query that writes its expression as the index does. Without
    the lists the answers would be the same, slowly: this says the lists are there and read."""
    from django.db import connection

    from search import backends

    organization("lyon", "L'Avenir de Lyon", "FR")
    organization("youth", "Youth Forum of the Steppe", "KZ")
    assert found("l'a") == ["lyon"]
    assert found("de l") == ["lyon"]
    assert found("yout") == ["youth"]
    assert found("yo st") == ["youth"]
    assert found("yout steppe") == ["youth"]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT sql FROM sqlite_master WHERE name = 'search_grams'")
            (schema,) = cursor.fetchone()
            assert "prefix='1 2'" in schema
        else:
            sql, params = backends._short_sql("yout")
            cursor.execute("SET LOCAL enable_seqscan = off")
            # The condition is the backend's own SQL, its values are parameters.
            cursor.execute(f"EXPLAIN SELECT id FROM search_searchentry WHERE {sql}", params)  # noqa: S608
            plan = " ".join(row[0] for row in cursor.fetchall())
            assert "search_entry_title_prefixes" in plan


def test_a_four_letter_word_a_title_holds_is_not_taken_for_a_typo(db):
    """A name as typed ("Aral") is not offered names one letter longer ("Arval"); four letters
    that no title holds ("Yuth") may still be a longer word with one letter missing."""
    organization("aral", "Aral Sea Foundation", "KZ")
    organization("arval", "Arval Trust", "FR")
    organization("youth", "Youth Forum", "FR")
    from django.contrib.auth.models import AnonymousUser

    aral = search(query="Aral", reader=AnonymousUser())
    yuth = search(query="Yuth", reader=AnonymousUser())

    assert [hit.object_id for hit in aral.hits] == [Organization.objects.get(slug="aral").pk]
    assert aral.corrections == {}
    assert found("Yuth") == ["youth"]
    assert yuth.corrections == {"yuth": ["youth"]}


def test_two_typos_or_a_short_word_with_a_typo_find_nothing(network):
    assert found("Hlth") == []  # four letters, one missing: too short to guess
    assert found("Allaicne") == []  # two typos


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("st", ["water"]),
        ("ste", ["water"]),
        ("stepp", ["water"]),
        ("yo", ["mekong", "silk"]),  # "Youth" in two names; a description does not count
    ],
)
def test_the_start_of_a_word_finds_it_as_you_type(network, query, expected):
    assert sorted(found(query)) == expected


def test_descriptions_are_searched_too_and_ranked_after_titles(network):
    # "youth": two titles hold it; one description ("Silk Road youth centres") does.
    assert found("youth") == ["mekong", "silk", "water"]
    assert found("sahel") == ["lyon"]
    # Markdown is searched as the words a reader sees.
    assert found("young people") == ["silk"]


def test_ranking_exact_title_then_title_start_then_title_words_then_text(db):
    organization("body", "Harbour Friends", "FR", about="The river delta people")
    organization("words", "People of the Delta River", "FR")
    organization("prefix", "Delta River Fund", "FR")
    organization("exact", "Delta River", "FR")

    assert found("delta river") == ["exact", "prefix", "words", "body"]


def test_a_misspelt_word_ranks_titles_one_typo_away_before_texts(db):
    organization("body", "Harbour Friends", "FR", about="The river delta people")
    organization("typo", "Delta Friends", "FR")

    assert found("dellta") == ["typo", "body"]
    # A word some title holds as it is typed is not taken for a typo.
    organization("other", "Dellta Club", "FR")
    assert found("dellta") == ["other"]


def test_the_match_is_highlighted_and_everything_else_is_escaped(network):
    organization("xss", "<script>alert(1)</script> Youth & Co", "FR", about="<b>young</b> one")
    results = search(query="youth script", reader=None)
    hit = next(hit for hit in results.hits if "xss" in hit.url)

    assert str(hit.title_html) == (
        "&lt;<mark>script</mark>&gt;alert(1)&lt;/<mark>script</mark>&gt; <mark>Youth</mark> &amp; Co"
    )
    assert "<b>" not in str(hit.snippet_html)


def test_a_match_in_the_original_name_shows_the_original_beside_the_translation(network):
    from django.utils import translation

    with translation.override("en"):
        hit = search(query="丝路", reader=None).hits[0]

    assert hit.title == "Silk Road Youth Development Centre"
    assert hit.other_title == "丝路青年发展中心"
    assert str(hit.other_title_html) == "<mark>丝路</mark>青年发展中心"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('"silk', ["silk", "water"]),
        ("silk*", ["silk", "water"]),
        ("^silk", ["silk", "water"]),
        ("(silk)", ["silk", "water"]),
        ("silk\x00road", ["silk", "water"]),
        ("🙂 silk 🙂", ["silk", "water"]),
        ("silk " * 1000, ["silk", "water"]),
        # Operators are words like any other: nothing holds all of them.
        ("silk AND road OR NOT x", []),
        ("title:silk", []),
        ("NEAR(silk road)", []),
        ("'; DROP TABLE search_searchentry; --", []),
        ("%_\\", []),
        ("x" * 5000, []),
    ],
)
def test_a_query_is_never_syntax(network, query, expected):
    assert found(query) == expected
    assert SearchEntry.objects.count() == 8


def test_an_empty_query_finds_nothing_and_says_so(network):
    for query in ["", "   ", "***", "\x00"]:
        results = search(query=query, reader=None)
        assert results.empty_query
        assert results.count == 0


# --- who finds what -----------------------------------------------------------------------


def test_applicants_are_found_only_by_the_secretariat(
    network, secretariat_user, member_staff, alice
):
    assert "applicant" not in found("steppe")
    assert "applicant" not in found("steppe", reader=alice)
    assert "applicant" not in found("steppe", reader=member_staff)
    assert sorted(found("steppe", reader=secretariat_user)) == ["applicant", "water"]


# --- facets -------------------------------------------------------------------------------


def test_each_facet_counts_the_matches_under_the_other_filters(network):
    results = search(query="youth", reader=None, country="CN")

    assert results.count == 1
    assert {v.value: v.count for v in results.countries} == {"CN": 1, "TH": 1, "KZ": 1}
    assert {v.value: v.count for v in results.areas} == {"education": 1, "youth-training": 1}
    assert {v.value: v.count for v in results.kinds} == {"organization": 1}
    assert found("youth", area="education") == ["mekong", "silk"]
    assert found("youth", area="health", country="KZ") == ["water"]
    assert found("youth", kind="organization", country="FR") == []


# --- the index follows every write --------------------------------------------------------


def test_a_renamed_organisation_is_found_by_its_new_name_only(network):
    lyon = network["lyon"]
    lyon.name = MultilingualText.create("Entraide Rhône", "fr")
    lyon.save()

    assert found("solidarite") == []
    assert found("rhone") == ["lyon"]


def test_areas_changed_later_change_the_facets(network):
    network["lyon"].areas.set(["health"])

    assert found("lyon", area="education") == []
    assert found("lyon", area="health") == ["lyon"]


def test_a_deleted_organisation_is_no_longer_found(network):
    network["lyon"].delete()

    assert found("lyon") == []


def test_an_approved_applicant_becomes_public(network):
    applicant = network["applicant"]
    applicant.status = Organization.Status.MEMBER
    applicant.save()

    assert sorted(found("steppe")) == ["applicant", "water"]


def test_a_write_rolled_back_leaves_the_index_as_it_was(network):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        organization("ghost", "Ghost Foundation", "FR")
        raise RuntimeError

    assert found("ghost") == []


def test_search_rebuild_indexes_everything_again(network, django_capture_on_commit_callbacks):
    from django.core.management import call_command

    SearchEntry.objects.all().delete()
    assert found("lyon") == []
    out = StringIO()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("search_rebuild", stdout=out, stderr=StringIO())

    assert "8 entries" in out.getvalue()
    assert found("lyon") == ["lyon"]
    assert found("Helth") == ["water"]  # the vocabulary for typos is rebuilt too


def test_search_rebuild_refuses_an_unknown_kind(network):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="Unknown kind: planets"):
        call_command("search_rebuild", "planets", stdout=StringIO())


# --- the directory's q goes through the same search ---------------------------------------


def test_the_directory_finds_names_with_a_typo_or_without_accents(client, network):
    def listed(query):
        response = client.get("/en/members/", {"q": query})
        return [row["slug"] for row in response.context["rows"]]

    assert listed("Helth") == ["water"]
    assert listed("cuu long") == ["delta"]
    assert listed("丝") == ["silk"]
    assert listed("steppe") == ["water"]  # members only, as before


def test_the_organisations_api_q_goes_through_the_same_search(client, network):
    response = client.get("/api/v1/organizations", {"q": "solidarite"})

    assert [item["slug"] for item in response.json()["items"]] == ["lyon"]


# --- the search page ----------------------------------------------------------------------


def test_the_search_page_without_a_query_explains_what_can_be_found(client, db):
    response = client.get("/en/search/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "What you can find here" in page
    assert "Organisations" in page
    assert '<form method="get" action="/en/search/"' in page  # works without JavaScript
    assert "hx-get" in page  # live results where JavaScript runs


def test_the_search_page_lists_ranked_results_with_the_match_marked(client, network):
    response = client.get("/en/search/", {"q": "youth"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "3 results for “youth”" in page
    assert [hit.url for hit in response.context["results"].hits] == [
        "/en/members/mekong/",
        "/en/members/silk/",
        "/en/members/water/",
    ]
    assert "Mekong <mark>Youth</mark> Foundation" in page


def test_the_search_page_filters_by_kind_country_and_area_with_counts(client, network):
    response = client.get("/en/search/", {"q": "youth", "area": "education"})

    page = response.content.decode()
    assert response.context["results"].count == 2
    # Each value links to the results it would give, with their number.
    assert (
        '<a href="?q=youth&amp;country=CN&amp;area=education">China <span class="count">1</span>'
        in page
    )
    assert (
        '<a href="?q=youth&amp;country=TH&amp;area=education">Thailand <span class="count">1</span>'
        in page
    )
    # The chosen area links to the results without it; another area shows what it would give.
    assert (
        '<a href="?q=youth" aria-current="true" class="facet-selected">Education <span class="count">2</span>'
        in page
    )
    assert '<a href="?q=youth&amp;area=health">Health <span class="count">1</span>' in page
    assert (
        '<a href="?q=youth&amp;kind=organization&amp;area=education">Organisations <span class="count">2</span>'
        in page
    )


def test_unknown_filters_are_ignored_and_pages_past_the_end_show_the_last(client, network):
    response = client.get(
        "/en/search/", {"q": "youth", "kind": "planet", "country": "ZZ", "area": "x", "page": "99"}
    )

    assert response.status_code == 200
    assert response.context["results"].count == 3
    assert response.context["page"] == 1


def test_many_results_come_in_pages(client, db):
    for number in range(45):
        organization(f"org-{number:02d}", f"Harvest Cooperative {number:02d}", "KE")

    first = client.get("/en/search/", {"q": "harvest"})
    third = client.get("/en/search/", {"q": "harvest", "page": "3"})

    assert first.context["results"].count == 45
    assert len(first.context["results"].hits) == 20
    assert "Page 1 of 3" in first.content.decode()
    assert first.context["next_url"] == "?q=harvest&page=2"
    assert [h.url for h in third.context["results"].hits][-1] == "/en/members/org-44/"
    assert len(third.context["results"].hits) == 5


@pytest.mark.parametrize("query", ['"', "*", "^", ":", "()", "%00", "🙂", "x" * 5000])
def test_the_search_page_answers_any_query(client, network, query):
    response = client.get(f"/en/search/?q={query}")

    assert response.status_code == 200


def test_the_search_page_in_arabic_is_right_to_left_and_shows_arabic_names(client, network):
    response = client.get("/ar/search/", {"q": "النيل"})

    page = response.content.decode()
    assert 'dir="rtl"' in page
    assert "جمعية نهر <mark>النيل</mark> للتنمية" in page


def test_a_cached_search_page_follows_a_change(client, network):
    assert "Entraide" not in client.get("/en/search/", {"q": "lyon"}).content.decode()
    lyon = network["lyon"]
    lyon.name = MultilingualText.create("Entraide Lyon", "fr")
    lyon.save()
    data_versions._count(data_versions.ORGANIZATIONS)  # what the commit would do

    assert "Entraide <mark>Lyon</mark>" in client.get("/en/search/", {"q": "lyon"}).content.decode()


# --- the search API -------------------------------------------------------------------------


def test_the_search_api_answers_count_and_items(client, network):
    response = client.get("/api/v1/search", {"q": "youth", "limit": 2})

    body = response.json()
    assert response.status_code == 200
    assert body["count"] == 3
    assert [item["url"] for item in body["items"]] == ["/en/members/mekong/", "/en/members/silk/"]
    first = body["items"][0]
    assert first["kind"] == "organization"
    assert first["title"] == "Mekong Youth Foundation"
    assert first["title_highlighted"] == "Mekong <mark>Youth</mark> Foundation"
    assert first["countries"] == ["TH"]
    assert {f["value"]: f["count"] for f in body["facets"]["countries"]} == {
        "CN": 1,
        "KZ": 1,
        "TH": 1,
    }
    second_page = client.get("/api/v1/search", {"q": "youth", "limit": 2, "offset": 2}).json()
    assert [item["url"] for item in second_page["items"]] == ["/en/members/water/"]


def test_the_search_api_filters_by_kind(client, network):
    assert client.get("/api/v1/search", {"q": "youth", "kind": "organization"}).json()["count"] == 3


@pytest.mark.parametrize("query", ["q=%00", "q=a%00b", "q=" + "x" * 5000, "q=%22*%5E%3A()", ""])
def test_the_search_api_answers_any_query(client, network, query):
    response = client.get(f"/api/v1/search?{query}")

    assert response.status_code == 200
    assert set(response.json()) == {"count", "count_exact", "available", "items", "facets"}


@pytest.mark.parametrize(
    ("query", "field"),
    [("limit=0", "limit"), ("limit=101", "limit"), ("offset=-1", "offset"), ("limit=x", "limit")],
)
def test_the_search_api_refuses_pages_out_of_range_naming_the_field(client, db, query, field):
    response = client.get(f"/api/v1/search?q=x&{query}")

    assert response.status_code == 422
    assert field in str(response.json()["detail"])


def test_a_token_finds_what_its_owner_may_see(client, network, secretariat_user):
    from accounts.services import api_token_create

    _token, raw = api_token_create(actor=secretariat_user, name="search")

    anonymous = client.get("/api/v1/search", {"q": "applicants"}).json()
    with_token = client.get(
        "/api/v1/search", {"q": "applicants"}, headers={"Authorization": f"Bearer {raw}"}
    ).json()

    assert anonymous["count"] == 0
    assert [item["url"] for item in with_token["items"]] == ["/en/members/applicant/"]


def test_pages_past_the_kept_ranking_are_ranked_by_the_database(db, monkeypatch):
    from search import selectors as search_selectors

    for number in range(7):
        organization(f"org-{number}", f"Harvest Cooperative {number}", "KE" if number % 2 else "UG")
    everything = found("harvest", limit=20)
    kenya = found("harvest", country="KE", limit=20)

    monkeypatch.setattr(search_selectors, "RANKED_KEPT", 2)
    cache.clear()

    assert found("harvest", offset=4, limit=2) == everything[4:6]
    assert found("harvest", country="KE", offset=1, limit=2) == kenya[1:3]


@pytest.mark.parametrize(
    "query",
    [
        "丝路",
        "丝",
        "نهر النيل",
        "молодёжи",
        "cuu long",
        "Helth",
        "st",
        "yo",
        "youth",
        "Devellopment",
    ],
)
def test_a_list_finds_the_same_whether_its_kind_is_read_whole_or_its_matches_looked_up(
    network, monkeypatch, query
):
    """The directory's `q` reads the organisations' own index (members migration 0006); a
    kind without one is read whole and checked against the matches of every kind when it is
    small, or its matches looked up when it is large (search.backends). Same answers all
    three ways."""
    import dataclasses

    from search import registry, selectors

    answers = [selectors.matching_object_ids("organization", query)]
    own = registry.kind("organization")
    monkeypatch.setitem(registry._kinds, "organization", dataclasses.replace(own, own_index=False))
    for few_entries in (10**9, 0):
        monkeypatch.setattr(selectors, "FEW_ENTRIES", few_entries)
        monkeypatch.setattr(selectors, "_kind_sizes", {})
        answers.append(selectors.matching_object_ids("organization", query))
    assert answers[0] == answers[1] == answers[2]
    assert answers[0]  # each query finds something, so the comparison means something


def test_the_organisations_own_index_follows_every_write(
    network, django_capture_on_commit_callbacks
):
    """Its own full-text tables (SQLite) are kept by triggers on the index's table: a new
    name is found, the old one no longer, a deleted organisation neither (the matches are
    cached until the organisations' count moves, after each commit)."""
    from search.selectors import matching_object_ids

    lyon = network["lyon"]
    assert matching_object_ids("organization", "caravane") == set()
    with django_capture_on_commit_callbacks(execute=True):
        lyon.name = MultilingualText.create("Caravane Solidaire de Lyon", "fr")
        lyon.save()

    assert matching_object_ids("organization", "caravane") == {lyon.pk}
    assert matching_object_ids("organization", "solidarite education") == set()
    assert matching_object_ids("organization", "ca") >= {lyon.pk}  # the start of a name

    with django_capture_on_commit_callbacks(execute=True):
        lyon.delete()
    assert matching_object_ids("organization", "caravane") == set()


def test_a_query_of_short_words_reads_its_matches_once(network):
    """Words of one or two letters are looked for in the titles alone: their matches are read
    once, then the page's entries."""
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        results = search(query="ni", reader=AnonymousUser())

    assert [hit.object_id for hit in results.hits] == [network["nile"].pk]
    reads = [query for query in queries if "search_searchentry" in query["sql"]]
    assert len(reads) == 2


def test_a_search_rules_out_the_table_scan_for_its_own_reads_only(network):
    """On PostgreSQL each read of the search turns the table scan off for itself alone: inside
    a transaction (a write's, this test's) the setting does not outlive the read."""
    from django.db import connection

    assert {hit.object_id for hit in search(query="youth", reader=None).hits} >= {
        network["silk"].pk
    }
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_setting('enable_seqscan')")
            assert cursor.fetchone() == ("on",)


def test_the_directory_reads_a_words_matches_once_for_every_language_and_filter(
    client, network, django_capture_on_commit_callbacks
):
    """What `q` matches is cached until the organisations change: another language, page or
    filter of the same words does not read the index again; a change does."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def index_reads(path: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        return sum("search_searchentry" in query["sql"] for query in queries)

    assert index_reads("/en/members/?q=youth") == 1
    assert index_reads("/ru/members/?q=youth&country=CN") == 0
    assert index_reads("/ar/members/?q=Youth&area=education") == 0

    with django_capture_on_commit_callbacks(execute=True):
        network["silk"].save()
    assert index_reads("/fr/members/?q=youth") == 1
