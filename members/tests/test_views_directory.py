"""The public directory, an organisation's profile, and its admins' editing of the profile."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.services import network_role_grant
from core.multilingual import MultilingualText
from core.tests.test_html import assert_valid
from members import services
from members.models import (
    IdentityChange,
    Organization,
    OrganizationContact,
    OrganizationStaff,
)

pytestmark = pytest.mark.django_db


def member(slug, name, country="KZ", *, language="en", areas=(), languages=("en",), **extra):
    """A member organisation, created directly (the directory only reads)."""
    text = name if isinstance(name, MultilingualText) else MultilingualText.create(name, language)
    organization = Organization.objects.create(
        slug=slug,
        name=text,
        country_id=country,
        status=extra.pop("status", Organization.Status.MEMBER),
        working_languages=list(languages),
        member_since=extra.pop("member_since", date(2020, 1, 1)),
        **extra,
    )
    organization.areas.set(areas)
    return organization


def rows(response) -> list[str]:
    return [row["slug"] for row in response.context["rows"]]


def choice_labels(response, field: str) -> dict[str, str]:
    return dict(response.context["form"].fields[field].choices)


@pytest.fixture
def network():
    """Six organisations in four countries: two in Kazakhstan, one each elsewhere; one applicant."""
    return {
        "steppe": member(
            "steppe",
            "Steppe Education Fund",
            "KZ",
            areas=["education"],
            languages=["ru", "kk", "en"],
            member_since=date(2019, 5, 1),
        ),
        "almaty": member(
            "almaty",
            "Almaty Health Alliance",
            "KZ",
            areas=["health", "education"],
            languages=["ru", "en"],
            member_since=date(2021, 5, 1),
        ),
        "silk": member(
            "silk",
            MultilingualText.create(
                "丝路环境基金会", "zh-hans", en="Silk Road Environment Foundation"
            ),
            "CN",
            areas=["environmental-protection"],
            languages=["zh-hans", "en"],
            member_since=date(2018, 1, 1),
        ),
        "nile": member(
            "nile",
            MultilingualText.create("جمعية النيل للتنمية", "ar", en="Nile Development Society"),
            "EG",
            areas=["poverty-relief"],
            languages=["ar", "en"],
            member_since=date(2023, 1, 1),
        ),
        "lyon": member(
            "lyon",
            "Solidarité Lyon",
            "FR",
            language="fr",
            areas=["education"],
            languages=["fr"],
            member_since=date(2022, 1, 1),
        ),
        "applicant": member(
            "applicant",
            "Steppe Applicant Union",
            "KZ",
            areas=["education"],
            status=Organization.Status.APPLICANT,
            member_since=None,
        ),
    }


# --- the directory ----------------------------------------------------------------------------


def test_directory_lists_members_only_sorted_by_name(client, network):
    member("gone", "Withdrawn Steppe Group", "KZ", status=Organization.Status.WITHDRAWN)
    member("paused", "Suspended Steppe Group", "KZ", status=Organization.Status.SUSPENDED)

    response = client.get("/en/members/")

    assert response.status_code == 200
    # By the name in its original script: Latin, then Arabic, then Chinese.
    assert rows(response) == ["almaty", "lyon", "steppe", "nile", "silk"]
    assert "Steppe Applicant Union" not in response.content.decode()
    assert_valid(response.content.decode())
    assert_valid(client.get("/ar/members/?area=education&page=1").content.decode())


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("country=KZ", ["almaty", "steppe"]),
        ("country=kz", ["almaty", "steppe"]),
        ("region=143", ["almaty", "steppe"]),  # Central Asia
        ("region=015", ["nile"]),  # Northern Africa
        ("area=education", ["almaty", "lyon", "steppe"]),
        ("area=education&country=FR", ["lyon"]),
        ("language=ar", ["nile"]),
        ("language=kk", ["steppe"]),
        ("language=ru&area=health", ["almaty"]),
        ("q=steppe", ["steppe"]),
        ("q=FUND", ["steppe"]),
        ("q=foundation environment", ["silk"]),
    ],
)
def test_each_filter_narrows_the_list(client, network, query, expected):
    response = client.get(f"/en/members/?{query}")

    assert rows(response) == expected
    assert response.context["page"].paginator.count == len(expected)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("q=丝路", ["silk"]),
        ("q=环境基金", ["silk"]),
        ("q=النيل", ["nile"]),
        ("q=جمعية", ["nile"]),
        ("q=Solidarité", ["lyon"]),
    ],
)
def test_name_search_works_in_any_script(client, network, query, expected):
    member("moscow", MultilingualText.create("Московский фонд", "ru"), "RU", languages=["ru"])

    assert rows(client.get(f"/en/members/?{query}")) == expected
    assert rows(client.get("/en/members/?q=московский")) == ["moscow"]


def test_each_option_shows_how_many_members_it_would_list(client, network):
    response = client.get("/en/members/")

    countries = choice_labels(response, "country")
    assert countries["KZ"] == "Kazakhstan (2)"
    assert countries["CN"] == "China (1)"
    assert countries["EG"] == "Egypt (1)"
    assert "US" not in countries
    assert choice_labels(response, "region")["143"] == "Central Asia (2)"
    areas = choice_labels(response, "area")
    assert areas["education"] == "Education (3)"
    assert areas["health"] == "Health (1)"
    assert areas["job-creation"] == "Job creation (0)"
    languages = choice_labels(response, "language")
    assert languages["en"] == "English (4)"
    assert languages["ru"] == "Russian (2)"
    assert languages["fr"] == "French (1)"
    assert "Kazakhstan (2)" in response.content.decode()


def test_counts_follow_the_other_filters_but_not_their_own(client, network):
    response = client.get("/en/members/?area=education")

    # Choosing an area narrows the country counts, while every area keeps its own count.
    countries = choice_labels(response, "country")
    assert countries["KZ"] == "Kazakhstan (2)"
    assert countries["FR"] == "France (1)"
    assert "CN" not in countries
    assert choice_labels(response, "area")["health"] == "Health (1)"
    assert choice_labels(response, "language")["ru"] == "Russian (2)"
    assert choice_labels(response, "language")["fr"] == "French (1)"


def test_counts_and_names_follow_the_readers_language(client, network):
    response = client.get("/ru/members/")

    assert choice_labels(response, "country")["KZ"] == "Казахстан (2)"


def test_a_translated_name_shows_its_original_in_its_own_language(client, network):
    html = client.get("/en/members/?country=CN").content.decode()

    assert '<bdi lang="en">Silk Road Environment Foundation</bdi>' in html
    assert "translated from Simplified Chinese" in html
    assert '<bdi lang="zh-hans">丝路环境基金会</bdi>' in html

    html = client.get("/zh-hans/members/?country=CN").content.decode()
    assert '<bdi lang="zh-hans">丝路环境基金会</bdi>' in html
    assert "Silk Road Environment Foundation" not in html


def test_no_result_gets_a_helpful_message(client, network):
    response = client.get("/en/members/?q=nothing-like-this")

    assert response.status_code == 200
    assert "No member organisation matches these filters." in response.content.decode()
    assert response.context["rows"] == []


def test_pages_of_twenty_keep_the_filters(client):
    for number in range(25):
        member(f"org-{number:02d}", f"Org {number:02d}", "KZ", areas=["health"])
    member("elsewhere", "Org elsewhere", "CN", areas=["health"])

    first = client.get("/en/members/?country=KZ&area=health")
    second = client.get("/en/members/?country=KZ&area=health&page=2")

    assert len(first.context["rows"]) == 20
    assert rows(second) == [f"org-{number:02d}" for number in range(20, 25)]
    html = first.content.decode()
    assert 'href="?country=KZ&amp;area=health&amp;page=2"' in html
    assert "Page 1 of 2" in html
    assert (
        '<link rel="alternate" type="application/json" '
        'href="/api/v1/organizations?country=KZ&amp;area=health">' in html
    )
    assert rows(client.get("/en/members/?country=KZ&area=health&page=abc"))[0] == "org-00"
    assert rows(client.get("/en/members/?country=KZ&area=health&page=99"))[0] == "org-20"


@pytest.mark.parametrize("dense", [1000, 0])  # walked in order, or sorted (DENSE_MATCHES)
@pytest.mark.parametrize("sort", ["name", "newest", "country"])
def test_a_name_search_pages_through_its_matches_in_the_directorys_order(
    client, monkeypatch, dense, sort
):
    countries = ["KZ", "CN", "EG", "FR"]
    for number in range(25):
        member(f"org-{number:02d}", f"Cotton Org {number:02d}", countries[number % 4])
    for number in range(3):
        member(f"other-{number}", f"Silk Org {number}", countries[number])
    monkeypatch.setattr("members.selectors.DENSE_MATCHES", dense)

    everyone = rows(client.get(f"/en/members/?sort={sort}"))
    everyone += rows(client.get(f"/en/members/?sort={sort}&page=2"))
    cotton = [slug for slug in everyone if slug.startswith("org-")]

    first = rows(client.get(f"/en/members/?q=cotton&sort={sort}"))
    second = rows(client.get(f"/en/members/?q=cotton&sort={sort}&page=2"))
    assert first + second == cotton
    assert rows(client.get(f"/en/members/?q=cotton&sort={sort}&country=CN")) == [
        slug for slug in cotton if int(slug[4:]) % 4 == 1
    ]


@pytest.mark.parametrize(
    "query",
    [
        "country=ZZZ",
        "country=ZZ",
        "region=999",
        "area=<script>",
        "language=xx-evil",
        "sort=evil",
        "page=abc",
        "page=-1",
        "page=0",
        "page=99999999999999999999",
        "q=" + "x" * 500,
        "q=%00",
        "country=KZ&country=CN",
    ],
)
def test_bad_filter_values_never_fail(client, network, query):
    response = client.get(f"/en/members/?{query}")

    assert response.status_code == 200
    assert response.context["page"].paginator.count >= 0


def test_an_unknown_value_filters_nothing(client, network):
    assert len(rows(client.get("/en/members/?country=ZZ&sort=evil"))) == 5


@pytest.mark.parametrize(
    ("sort", "first"),
    [("name", "almaty"), ("newest", "nile"), ("country", "silk")],
)
def test_sort_orders(client, network, sort, first):
    assert rows(client.get(f"/en/members/?sort={sort}"))[0] == first


def directory_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/en/members/?area=education&language=en").status_code == 200
    return len(queries)


def test_directory_query_count_does_not_grow_with_the_data(
    client, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    countries = ["KZ", "CN", "EG", "FR", "RU", "UZ"]
    for number in range(3):
        member(f"few-{number}", f"Few {number}", countries[number], areas=["education", "health"])
    few = directory_queries(client)
    # Committed, so the cached page and counts are renewed (core.data_versions).
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(3, 30):
            member(
                f"many-{number}",
                f"Many {number}",
                countries[number % 6],
                areas=["education", "health"],
                languages=["en", "ru"],
            )

    with django_assert_max_num_queries(few):
        response = client.get("/en/members/?area=education&language=en")
    assert len(response.context["rows"]) == 20
    assert few <= 12


# --- the profile ------------------------------------------------------------------------------


@pytest.fixture
def organization(alice):
    """Alice's organisation, a member, with a private contact person."""
    application = services.application_create(
        actor=alice,
        names={"zh-hans": "丝路青年", "en": "Silk Road Youth"},
        original_language="zh-hans",
        country="CN",
        city="Xi'an",
        founded_year=2010,
        website="https://youth.example.org",
        description="我们培训青年。",
        areas=["youth-training"],
        countries_of_activity=["CN", "KZ"],
        working_languages=["zh-hans", "en", "kk"],
        registration_number="CN-123",
        registering_authority="Ministry of Civil Affairs",
    )
    services.application_update(
        actor=alice,
        application=application,
        contact={
            "name": "Li Wei",
            "email": "li.wei@example.org",
            "phone": "+86 1",
            "public": False,
        },
    )
    organization = application.organization
    Organization.objects.filter(pk=organization.pk).update(
        status=Organization.Status.MEMBER, member_since=date(2021, 3, 1)
    )
    organization.refresh_from_db()
    return organization


def test_profile_shows_the_organisation_in_the_readers_language(client, organization):
    response = client.get(f"/en/members/{organization.slug}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1><bdi lang="en">Silk Road Youth</bdi></h1>' in html
    assert "Name translated from Simplified Chinese" in html
    assert '<bdi lang="zh-hans">丝路青年</bdi>' in html
    assert "China</a>, Xi&#x27;an" in html
    assert "2010" in html
    assert 'href="https://youth.example.org"' in html
    assert "Youth training" in html
    assert "Kazakhstan" in html
    assert "Simplified Chinese" in html and "Kazakh" in html
    assert "March 1, 2021" in html
    assert '<div class="prose" lang="zh-hans" dir="auto"><p>我们培训青年。</p></div>' in html
    assert_valid(html)


def test_working_languages_are_named_in_the_readers_language(client, organization):
    html = client.get(f"/fr/members/{organization.slug}/").content.decode()

    assert "Chinois simplifié" in html
    assert "Anglais" in html
    assert "Simplified Chinese" not in html


def test_profile_hides_a_contact_who_did_not_agree(client, organization):
    html = client.get(f"/en/members/{organization.slug}/").content.decode()

    assert "Li Wei" not in html
    assert "li.wei@example.org" not in html


def test_profile_shows_a_contact_who_agreed(client, organization):
    OrganizationContact.objects.filter(organization=organization).update(public=True)

    html = client.get(f"/en/members/{organization.slug}/").content.decode()

    assert "Li Wei" in html
    assert 'href="mailto:li.wei@example.org"' in html


def test_profile_shows_only_staff_who_are_shown_publicly(client, organization, alice, bob):
    OrganizationStaff.objects.create(
        organization=organization, user=bob, title="Programme officer", shown_publicly=True
    )

    html = client.get(f"/en/members/{organization.slug}/").content.decode()

    assert "Bob Bakirov" in html
    assert "Programme officer" in html
    assert "Alice Amani" not in html
    assert "bob@example.org" not in html


def test_an_applicants_profile_is_hidden_from_the_public(client, alice, make_user, bob):
    application = services.application_create(
        actor=alice, names={"en": "Hopeful Union"}, original_language="en", country="KZ"
    )
    path = f"/en/members/{application.organization.slug}/"
    assert client.get(path).status_code == 404
    client.force_login(bob)
    assert client.get(path).status_code == 404

    client.force_login(alice)
    response = client.get(path)
    assert response.status_code == 200
    assert "not a member yet" in response.content.decode()

    secretary = make_user("sec@example.org")
    network_role_grant(actor=None, user=secretary, role="secretariat")
    client.force_login(secretary)
    assert client.get(path).status_code == 200


def test_unknown_profile_is_404(client, db):
    assert client.get("/en/members/no-such-org/").status_code == 404


def test_suspended_profile_is_public_and_marked(client, organization):
    Organization.objects.filter(pk=organization.pk).update(status=Organization.Status.SUSPENDED)

    response = client.get(f"/en/members/{organization.slug}/")

    assert response.status_code == 200
    assert "This organisation's membership is suspended." in response.content.decode()


def test_admin_links_and_history_are_for_admins_and_the_secretariat(
    client, organization, alice, bob, make_user
):
    path = f"/en/members/{organization.slug}/"
    edit = f'href="/en/members/{organization.slug}/edit/"'
    staff = f'href="/en/members/{organization.slug}/staff/"'
    status = f'href="/en/members/{organization.slug}/status/"'

    public = client.get(path).content.decode()
    assert edit not in public and staff not in public and status not in public
    assert "Membership history" not in public

    client.force_login(alice)
    admin = client.get(path).content.decode()
    assert edit in admin and staff in admin and status not in admin
    assert "Membership history" in admin

    client.force_login(bob)
    outsider = client.get(path).content.decode()
    assert edit not in outsider and "Membership history" not in outsider

    secretary = make_user("sec@example.org")
    network_role_grant(actor=None, user=secretary, role="secretariat")
    services.organization_change_status(
        actor=secretary, organization=organization, to_status="suspended", reason="Unpaid dues"
    )
    client.force_login(secretary)
    back_office = client.get(path).content.decode()
    assert status in back_office and edit not in back_office
    assert "Unpaid dues" in back_office
    assert_valid(back_office)


def test_profile_query_count_is_fixed(
    client, organization, make_user, django_assert_max_num_queries
):
    for number in range(5):
        person = make_user(f"p{number}@example.org", full_name=f"Person {number}")
        OrganizationStaff.objects.create(
            organization=organization, user=person, shown_publicly=True
        )
    # Cold: the data version (page, part), the organisation for the checks, then the public
    # part: the organisation with its contact, areas, countries and public staff.
    with django_assert_max_num_queries(7):
        assert client.get(f"/en/members/{organization.slug}/").status_code == 200


def test_the_profile_s_public_part_is_shared_but_its_management_links_are_not(
    client, organization, alice, bob
):
    client.force_login(alice)  # the organisation's administrator
    own = client.get(f"/en/members/{organization.slug}/").content.decode()
    client.force_login(bob)

    with CaptureQueriesContext(connection) as queries:
        other = client.get(f"/en/members/{organization.slug}/").content.decode()

    assert "Edit profile" in own and "Edit profile" not in other
    assert "https://youth.example.org" in other
    # The public part came from the cache: no read of the countries of activity or the staff list.
    assert not [q for q in queries.captured_queries if "countries_of_activity" in q["sql"]]


# --- editing the profile ----------------------------------------------------------------------


def edit_data(organization, **changes) -> dict:
    data = {
        "name": organization.name.original_text,
        "original_language": organization.name.original,
        "name_en": organization.name.text.get("en", ""),
        "kind": organization.kind,
        "country": organization.country_id,
        "city": organization.city,
        "founded_year": organization.founded_year or "",
        "registration_number": organization.registration_number,
        "registering_authority": organization.registering_authority,
        "website": organization.website,
        "areas": [area.slug for area in organization.areas.all()],
        "countries_of_activity": [c.code for c in organization.countries_of_activity.all()],
        "working_languages": organization.working_languages,
        "staff_count": "",
        "volunteer_count": "",
        "description": organization.description.original_text if organization.description else "",
        "description_language": organization.description.original
        if organization.description
        else "en",
        "contact_name": "Li Wei",
        "contact_email": "li.wei@example.org",
        "contact_phone": "+86 1",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_edit_page_is_for_the_organisations_admins(client, organization, alice, bob):
    path = f"/en/members/{organization.slug}/edit/"
    assert client.get(path).status_code == 302  # sign in first

    client.force_login(bob)
    assert client.get(path).status_code == 403

    client.force_login(alice)
    response = client.get(path)
    assert response.status_code == 200
    assert response.context["form"]["name"].value() == "丝路青年"
    assert response.context["form"]["name_en"].value() == "Silk Road Youth"
    assert_valid(response.content.decode())


def test_staff_who_are_not_admins_cannot_edit_and_nothing_changes(client, organization, bob):
    OrganizationStaff.objects.create(organization=organization, user=bob)
    client.force_login(bob)

    response = client.post(
        f"/en/members/{organization.slug}/edit/",
        edit_data(organization, city="Elsewhere", name="Taken over"),
    )

    assert response.status_code == 403
    organization.refresh_from_db()
    assert organization.city == "Xi'an"
    assert organization.name.original_text == "丝路青年"
    assert not IdentityChange.objects.exists()


def test_profile_fields_save_at_once(client, organization, alice):
    client.force_login(alice)

    response = client.post(
        f"/en/members/{organization.slug}/edit/",
        edit_data(
            organization,
            city="Lanzhou",
            areas=["youth-training", "job-creation"],
            working_languages=["zh-hans", "ru"],
            description="新的描述",
            contact_public="on",
        ),
    )

    assert response.status_code == 302
    assert response["Location"] == f"/en/members/{organization.slug}/"
    organization.refresh_from_db()
    assert organization.city == "Lanzhou"
    assert sorted(a.slug for a in organization.areas.all()) == ["job-creation", "youth-training"]
    assert organization.working_languages == ["ru", "zh-hans"]
    assert organization.description.original_text == "新的描述"
    assert organization.contact.public is True
    assert not IdentityChange.objects.exists()


def test_identity_change_waits_for_the_secretariat_while_the_rest_saves(
    client, organization, alice
):
    client.force_login(alice)

    response = client.post(
        f"/en/members/{organization.slug}/edit/",
        edit_data(organization, name="丝绸之路青年", city="Lanzhou", registration_number="CN-999"),
        follow=True,
    )

    organization.refresh_from_db()
    assert organization.city == "Lanzhou"
    assert organization.name.original_text == "丝路青年"  # unchanged until checked
    assert organization.registration_number == "CN-123"
    change = IdentityChange.objects.get(organization=organization)
    assert change.status == IdentityChange.Status.PENDING
    assert change.changes["name"]["text"] == {"zh-hans": "丝绸之路青年", "en": "Silk Road Youth"}
    assert change.changes["registration_number"] == "CN-999"
    assert "country" not in change.changes
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == f"/en/members/{organization.slug}/edit/"
    assert "waits for the Secretariat&#x27;s check" in html
    assert "Waiting for the Secretariat's check" in html
    assert "CN-999" in html and "丝绸之路青年" in html
    assert_valid(html)


def test_saving_an_unchanged_name_requests_no_identity_change(client, organization, alice):
    organization.name.add_translation("ru", "Молодёжь Шёлкового пути", machine=True)
    organization.save()
    client.force_login(alice)

    client.post(
        f"/en/members/{organization.slug}/edit/",
        edit_data(organization, name_ru="Молодёжь Шёлкового пути", city="Lanzhou"),
    )

    assert not IdentityChange.objects.exists()


def test_edit_errors_are_shown_next_to_the_field(client, organization, alice):
    client.force_login(alice)

    response = client.post(
        f"/en/members/{organization.slug}/edit/",
        edit_data(organization, founded_year="1700", contact_email="", city="Lanzhou"),
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert "founded_year" in form.errors
    organization.refresh_from_db()
    assert organization.city == "Xi'an"

    response = client.post(
        f"/en/members/{organization.slug}/edit/",
        edit_data(organization, contact_email="", city="Lanzhou"),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["contact_email"] == ["This field cannot be blank."]
    organization.refresh_from_db()
    assert organization.city == "Xi'an"  # one transaction: nothing half-saved
    assert re.search(r'id="id_contact_email_error"', response.content.decode())


def test_an_applicant_changes_its_details_in_the_application(client, alice):
    application = services.application_create(
        actor=alice, names={"en": "Hopeful Union"}, original_language="en", country="KZ"
    )
    client.force_login(alice)

    response = client.get(f"/en/members/{application.organization.slug}/edit/")

    assert response.status_code == 302
    assert response["Location"] == f"/en/members/applications/{application.pk}/"


def test_a_translated_description_links_its_original_and_is_sanitised(client, organization):
    organization.description = MultilingualText.create(
        "我们**培训**青年。<script>alert(1)</script>",
        "zh-hans",
        en="We **train** young people.",
    )
    organization.save()

    html = client.get(f"/en/members/{organization.slug}/").content.decode()

    assert '<div class="prose" lang="en" dir="auto"><p>We <strong>train</strong>' in html
    assert "Translated from Simplified Chinese: show the original" in html
    assert '<div class="prose" lang="zh-hans" dir="auto"><p>我们<strong>培训</strong>' in html
    assert "<script>alert" not in html
    assert_valid(html)


# --- the account menu ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "review", "committee"),
    [(None, False, False), ("secretariat", True, False), ("committee", False, True)],
)
def test_the_menu_offers_the_queues_to_those_who_may_open_them(
    client, make_user, role, review, committee
):
    reader = make_user("reader@example.org")
    if role:
        network_role_grant(actor=None, user=reader, role=role)
    client.force_login(reader)

    page = client.get("/en/about/").content.decode()

    assert ('href="/en/members/review/"' in page) is review
    assert ('href="/en/members/committee/"' in page) is committee


def test_the_menu_reads_no_database_permissions(client, alice):
    client.force_login(alice)
    client.get("/en/about/")

    with CaptureQueriesContext(connection) as queries:
        client.get("/en/about/")

    assert not [q for q in queries.captured_queries if "auth_permission" in q["sql"]]
