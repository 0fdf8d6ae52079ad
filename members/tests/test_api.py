from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.services import api_token_create, network_role_grant
from core.multilingual import MultilingualText
from governance.models import DocumentVersion, NetworkDocument
from members import services
from members.models import (
    ApplicationDocument,
    ApplicationVote,
    MembershipApplication,
    Organization,
    OrganizationContact,
    OrganizationStaff,
)

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
JSON = "application/json"


def bearer(user) -> dict[str, str]:
    _token, raw = api_token_create(actor=user, name="t")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def make_member(slug, name, *, language="en", country="KZ", areas=(), languages=(), **extra):
    """A member organisation, as the end of the membership path leaves it (read tests only)."""
    organization = Organization(
        slug=slug,
        name=MultilingualText.create(name, language, **extra.pop("translations", {})),
        country_id=country,
        status=extra.pop("status", Organization.Status.MEMBER),
        member_since=extra.pop("member_since", date(2018, 3, 1)),
        working_languages=list(languages),
        **extra,
    )
    organization.save()
    organization.areas.set(areas)
    return organization


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def constitution(db):
    document = NetworkDocument.objects.create(
        kind="constitution",
        slug="constitution",
        title=MultilingualText.create("Constitution", "en"),
    )
    return DocumentVersion.objects.create(
        document=document,
        number=1,
        body=MultilingualText.create("Text", "en"),
        adopted_on=date(2017, 11, 22),
    )


@pytest.fixture
def secretariat(make_user):
    user = make_user("sec@example.org", full_name="Sara Secretariat")
    network_role_grant(actor=None, user=user, role="secretariat")
    return user


@pytest.fixture
def committee(make_user):
    """Three committee members: the quorum is two votes."""
    members = [make_user(f"c{i}@example.org", full_name=f"Committee {i}") for i in range(3)]
    for member in members:
        network_role_grant(actor=None, user=member, role="committee")
    return members


@pytest.fixture
def carol(make_user):
    return make_user("carol@example.org", full_name="Carol Chen")


def start_application(user, **fields):
    return services.application_create(
        actor=user,
        names=fields.pop("names", {"en": "Steppe Water Trust"}),
        original_language=fields.pop("original_language", "en"),
        country=fields.pop("country", "KZ"),
        **fields,
    )


def submitted_application(user):
    """A complete application, submitted to the Secretariat, made through the services."""
    application = start_application(user)
    services.application_update(
        actor=user,
        application=application,
        areas=["environmental-protection"],
        description="Clean water for villages.",
        contact={"name": "Aigerim", "email": "aigerim@example.org"},
    )
    services.application_add_document(
        actor=user,
        application=application,
        upload=SimpleUploadedFile("statutes.pdf", PDF, content_type="application/pdf"),
    )
    return services.application_submit(
        actor=user, application=application, accept_constitution=True
    )


# --- the public directory ----------------------------------------------------------------------


@pytest.fixture
def directory(db):
    return [
        make_member(
            "silk-road-youth",
            "丝路青年发展中心",
            language="zh-hans",
            country="CN",
            areas=["youth-training", "education"],
            languages=["zh-hans", "en"],
            translations={"en": "Silk Road Youth Development Centre"},
            city="西安",
            member_since=date(2017, 11, 22),
        ),
        make_member(
            "silk-road-friends",
            "جمعية أصدقاء طريق الحرير",
            language="ar",
            country="EG",
            areas=["cultural-exchange"],
            languages=["ar", "fr"],
            city="القاهرة",
        ),
        make_member(
            "steppe-health",
            "Steppe Health Alliance",
            country="KZ",
            areas=["health"],
            languages=["ru", "en"],
            city="Almaty",
        ),
    ]


@pytest.mark.django_db
def test_the_list_shows_members_with_names_in_their_original_script(client, directory):
    make_member("still-applying", "Applicant Org", status=Organization.Status.APPLICANT)

    response = client.get("/api/v1/organizations")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    assert [item["slug"] for item in body["items"]] == [
        "steppe-health",
        "silk-road-friends",
        "silk-road-youth",
    ]
    assert body["items"][2] == {
        "slug": "silk-road-youth",
        "name": "丝路青年发展中心",
        "name_language": "zh-hans",
        "names": {"zh-hans": "丝路青年发展中心", "en": "Silk Road Youth Development Centre"},
        "kind": "ngo",
        "status": "member",
        "country": "CN",
        "country_name": "China",
        "region": "030",
        "city": "西安",
        "areas": ["education", "youth-training"],
        "member_since": "2017-11-22",
        "url": "/en/members/silk-road-youth/",
    }


@pytest.mark.django_db
def test_country_names_and_links_follow_the_readers_language(client, directory):
    response = client.get(
        "/api/v1/organizations", {"country": "cn"}, HTTP_ACCEPT_LANGUAGE="zh-hans"
    )

    (item,) = response.json()["items"]
    assert item["country_name"] == "中国"
    assert item["url"] == "/zh-hans/members/silk-road-youth/"
    assert item["name"] == "丝路青年发展中心"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "slugs"),
    [
        ({"q": "丝路"}, ["silk-road-youth"]),
        ({"q": "الحرير"}, ["silk-road-friends"]),
        ({"q": "silk road"}, ["silk-road-friends", "silk-road-youth"]),
        ({"q": "YOUTH development"}, ["silk-road-youth"]),
        ({"country": "EG"}, ["silk-road-friends"]),
        ({"region": "143"}, ["steppe-health"]),
        ({"area": "health"}, ["steppe-health"]),
        ({"language": "en"}, ["steppe-health", "silk-road-youth"]),
        ({"language": "en", "area": "education"}, ["silk-road-youth"]),
        ({"q": "nothing like this"}, []),
        ({"sort": "newest"}, ["silk-road-friends", "steppe-health", "silk-road-youth"]),
    ],
)
def test_list_filters_are_the_directory_filters(client, directory, params, slugs):
    directory[1].member_since = date(2020, 1, 1)
    directory[1].save()

    response = client.get("/api/v1/organizations", params)

    assert response.status_code == 200
    assert [item["slug"] for item in response.json()["items"]] == slugs
    assert response.json()["count"] == len(slugs)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "field"),
    [({"sort": "sideways"}, "sort"), ({"country": "CHN"}, "country"), ({"limit": "many"}, "limit")],
)
def test_bad_list_filters_are_422_naming_the_parameter(client, directory, params, field):
    response = client.get("/api/v1/organizations", params)

    assert response.status_code == 422
    assert any(field in error["loc"] for error in response.json()["detail"])


@pytest.mark.django_db
def test_the_list_is_paginated_with_limit_and_offset(client):
    for number in range(25):
        make_member(f"org-{number:02}", f"Organisation {number:02}")

    response = client.get("/api/v1/organizations", {"limit": 10, "offset": 20})

    body = response.json()
    assert body["count"] == 25
    assert [item["slug"] for item in body["items"]] == [f"org-{n}" for n in range(20, 25)]
    assert len(client.get("/api/v1/organizations").json()["items"]) == 20


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [2, 25])
def test_the_list_costs_the_same_queries_whatever_the_rows(
    client, django_assert_max_num_queries, rows
):
    for number in range(rows):
        make_member(f"org-{number:02}", f"Organisation {number:02}", areas=["health", "education"])

    # The data versions (for the page cache and the members' snapshot, in one query), the
    # snapshot (read once per version of the members by each process: two queries), the page.
    with django_assert_max_num_queries(4):
        response = client.get("/api/v1/organizations", {"limit": 100})
    assert len(response.json()["items"]) == rows
    # Another list of the same members: the versions and the page.
    with django_assert_max_num_queries(2):
        response = client.get("/api/v1/organizations", {"limit": 100, "sort": "newest"})
    assert len(response.json()["items"]) == rows


# --- one organisation ------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_profile_shows_public_staff_and_hides_a_private_contact(client, alice, bob, directory):
    organization = directory[0]
    organization.description = MultilingualText.create("培养青年人才。", "zh-hans")
    organization.founded_year = 2009
    organization.website = "https://youth.example.org"
    organization.staff_count = 12
    organization.save()
    organization.countries_of_activity.set(["KZ", "CN"])
    OrganizationStaff.objects.create(
        organization=organization, user=alice, role="admin", title="Director", shown_publicly=True
    )
    OrganizationStaff.objects.create(organization=organization, user=bob, title="Accountant")
    OrganizationContact.objects.create(
        organization=organization, name="Li Wei", email="li.wei@example.org", public=False
    )

    response = client.get("/api/v1/organizations/silk-road-youth")

    assert response.status_code == 200
    body = response.json()
    assert body["name"] == "丝路青年发展中心"
    assert body["description"] == "培养青年人才。"
    assert body["description_language"] == "zh-hans"
    assert body["founded_year"] == 2009
    assert body["website"] == "https://youth.example.org"
    assert body["countries_of_activity"] == ["CN", "KZ"]
    assert body["working_languages"] == ["zh-hans", "en"]
    assert body["staff_count"] == 12
    assert body["volunteer_count"] is None
    assert body["staff"] == [{"name": "Alice Amani", "title": "Director"}]
    assert body["contact"] is None
    assert "li.wei@example.org" not in response.content.decode()
    assert "Li Wei" not in response.content.decode()


@pytest.mark.django_db
def test_the_profile_shows_a_contact_who_agreed(client, directory):
    OrganizationContact.objects.create(
        organization=directory[2], name="Dana", email="dana@example.org", phone="+7 1", public=True
    )

    body = client.get("/api/v1/organizations/steppe-health").json()

    assert body["contact"] == {"name": "Dana", "email": "dana@example.org", "phone": "+7 1"}
    assert body["description"] is None


@pytest.mark.django_db
def test_an_unknown_organisation_is_404_json(client):
    response = client.get("/api/v1/organizations/nobody")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["a%00b", "%E4%B8%9D%E8%B7%AF", "a.b", "x" * 81])
def test_a_malformed_slug_is_422_naming_it_on_every_database(client, slug):
    """A NUL in the slug reached PostgreSQL, which cannot hold one: a 400 naming nothing, where
    SQLite answered 404. The slug's form is now part of the contract."""
    response = client.get(f"/api/v1/organizations/{slug}")

    assert response.status_code == 422
    assert [error["loc"] for error in response.json()["detail"]] == [["path", "slug"]]


@pytest.mark.django_db
@pytest.mark.parametrize("status", ["suspended", "withdrawn"])
def test_former_members_stay_public(client, status):
    make_member("old-friends", "Old Friends", status=status)

    assert client.get("/api/v1/organizations/old-friends").status_code == 200
    assert client.get("/api/v1/organizations").json()["count"] == 0


@pytest.mark.django_db
def test_an_applicant_is_visible_only_to_its_staff_and_the_secretariat(
    client, alice, carol, secretariat
):
    slug = start_application(alice).organization.slug

    assert client.get(f"/api/v1/organizations/{slug}").status_code == 404
    assert client.get(f"/api/v1/organizations/{slug}", **bearer(carol)).status_code == 404
    own = client.get(f"/api/v1/organizations/{slug}", **bearer(alice))
    assert own.status_code == 200
    assert own.json()["status"] == "applicant"
    assert client.get(f"/api/v1/organizations/{slug}", **bearer(secretariat)).status_code == 200
    client.force_login(alice)
    assert client.get(f"/api/v1/organizations/{slug}").status_code == 200


# --- the whole path ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_whole_membership_path_over_the_api(
    client, alice, secretariat, committee, constitution
):
    applicant, reviewer = bearer(alice), bearer(secretariat)

    created = client.post(
        "/api/v1/applications",
        {
            "names": {"zh-hans": "丝路青年发展中心", "ar": "مركز طريق الحرير للشباب"},
            "original_language": "zh-hans",
            "country": "CN",
            "kind": "association",
            "city": "西安",
        },
        content_type=JSON,
        **applicant,
    )
    assert created.status_code == 201
    application = created.json()
    application_id = application["id"]
    assert application["status"] == "draft"
    assert application["organization"]["name"] == "丝路青年发展中心"
    assert application["organization"]["names"]["ar"] == "مركز طريق الحرير للشباب"
    assert application["organization"]["status"] == "applicant"
    assert application["missing"] == [
        "at least one key area",
        "a description of the organisation",
        "a contact person",
        "at least one supporting document",
    ]
    url = f"/api/v1/applications/{application_id}"

    patched = client.patch(
        url,
        {
            "areas": ["youth-training", "education"],
            "countries_of_activity": ["kz", "UZ"],
            "working_languages": ["zh-hans", "ru"],
            "description": "We train young people along the route.",
            "description_language": "en",
            "founded_year": 2009,
            "contact": {"name": "Li Wei", "email": "li.wei@example.org", "public": False},
        },
        content_type=JSON,
        **applicant,
    )
    assert patched.status_code == 200
    organization = patched.json()["organization"]
    assert organization["areas"] == ["education", "youth-training"]
    assert organization["countries_of_activity"] == ["KZ", "UZ"]
    assert organization["working_languages"] == ["ru", "zh-hans"]
    assert organization["contact"] == {
        "name": "Li Wei",
        "email": "li.wei@example.org",
        "phone": "",
        "public": False,
    }
    assert organization["city"] == "西安"
    assert patched.json()["missing"] == ["at least one supporting document"]

    uploaded = client.post(
        f"{url}/documents",
        {"file": SimpleUploadedFile("statutes.pdf", PDF), "description": "Statutes"},
        **applicant,
    )
    assert uploaded.status_code == 201
    assert uploaded.json()["original_name"] == "statutes.pdf"
    assert uploaded.json()["content_type"] == "application/pdf"
    assert uploaded.json()["size"] == len(PDF)
    assert uploaded.json()["description"] == "Statutes"

    submitted = client.post(
        f"{url}/submit", {"accept_constitution": True}, content_type=JSON, **applicant
    )
    assert submitted.status_code == 200
    assert submitted.json()["status"] == "submitted"
    assert submitted.json()["constitution_version"] == 1
    assert submitted.json()["missing"] == []

    queue = client.get("/api/v1/applications", {"status": "submitted"}, **reviewer).json()
    assert queue["count"] == 1
    assert queue["items"][0]["id"] == application_id
    assert queue["items"][0]["name"] == "丝路青年发展中心"

    returned = client.post(
        f"{url}/return",
        {"question": "Please send your registration number."},
        content_type=JSON,
        **reviewer,
    )
    assert returned.status_code == 200
    assert returned.json()["status"] == "returned"

    answered = client.post(
        f"{url}/answer", {"text": "It is 6101-2009-17."}, content_type=JSON, **applicant
    )
    assert answered.status_code == 200
    assert answered.json()["status"] == "submitted"
    assert [(m["kind"], m["text"]) for m in answered.json()["messages"]] == [
        ("question", "Please send your registration number."),
        ("answer", "It is 6101-2009-17."),
    ]

    forwarded = client.post(f"{url}/forward", **reviewer)
    assert forwarded.status_code == 200
    assert forwarded.json()["status"] == "forwarded"

    first = client.post(
        f"{url}/votes", {"choice": "approve"}, content_type=JSON, **bearer(committee[0])
    )
    assert first.status_code == 201
    assert first.json()["choice"] == "approve"
    assert first.json()["application_status"] == "forwarded"
    tally = client.get(f"{url}/votes", **bearer(committee[1])).json()
    assert tally == {"approve": 1, "reject": 0, "abstain": 0, "cast": 1, "quorum": 2, "seats": 3}

    second = client.post(
        f"{url}/votes", {"choice": "approve"}, content_type=JSON, **bearer(committee[1])
    )
    assert second.status_code == 201
    assert second.json()["application_status"] == "approved"

    final = client.get(url, **applicant).json()
    assert final["status"] == "approved"
    assert final["organization"]["status"] == "member"
    directory = client.get("/api/v1/organizations").json()
    assert [item["name"] for item in directory["items"]] == ["丝路青年发展中心"]
    assert directory["items"][0]["member_since"] is not None
    profile = client.get(f"/api/v1/organizations/{final['organization']['slug']}").json()
    assert profile["names"]["ar"] == "مركز طريق الحرير للشباب"
    assert profile["contact"] is None


@pytest.mark.django_db
def test_the_secretariat_rejects_with_a_reason(client, alice, secretariat, constitution):
    application = submitted_application(alice)

    response = client.post(
        f"/api/v1/applications/{application.pk}/reject",
        {"reason": "Not an NGO."},
        content_type=JSON,
        **bearer(secretariat),
    )

    assert response.status_code == 200
    assert response.json()["status"] == "rejected"
    assert response.json()["decision_reason"] == "Not an NGO."
    assert Organization.objects.get().status == "applicant"


@pytest.mark.django_db
def test_an_admin_of_a_member_endorses_an_applicant(client, alice, bob):
    endorser = make_member("old-hands", "Old Hands")
    OrganizationStaff.objects.create(organization=endorser, user=bob, role="admin")
    application = start_application(alice)
    url = f"/api/v1/applications/{application.pk}/endorse"

    unknown = client.post(url, {"organization": "nobody"}, content_type=JSON, **bearer(bob))
    endorsed = client.post(url, {"organization": "old-hands"}, content_type=JSON, **bearer(bob))

    assert unknown.status_code == 400
    assert unknown.json()["detail"][0]["loc"] == ["body", "organization"]
    assert endorsed.status_code == 200
    assert (
        client.get(f"/api/v1/applications/{application.pk}", **bearer(alice)).json()["endorsed_by"]
        == "old-hands"
    )


@pytest.mark.django_db
def test_removing_a_document(client, alice):
    application = start_application(alice)
    document = services.application_add_document(
        actor=alice, application=application, upload=SimpleUploadedFile("a.pdf", PDF)
    )
    url = f"/api/v1/applications/{application.pk}/documents/{document.pk}"

    assert client.delete(url, **bearer(alice)).status_code == 204
    assert not ApplicationDocument.objects.exists()
    assert client.delete(url, **bearer(alice)).status_code == 404


# --- who may do what ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_plain_user_cannot_review_or_vote_and_nothing_changes(client, alice, carol, constitution):
    application = submitted_application(alice)
    url = f"/api/v1/applications/{application.pk}"
    outsider = bearer(carol)

    responses = [
        client.post(f"{url}/forward", **outsider),
        client.post(f"{url}/return", {"question": "Why?"}, content_type=JSON, **outsider),
        client.post(f"{url}/reject", {"reason": "No."}, content_type=JSON, **outsider),
        client.post(f"{url}/votes", {"choice": "approve"}, content_type=JSON, **outsider),
        client.get(f"{url}/votes", **outsider),
    ]

    assert [response.status_code for response in responses] == [403] * 5
    assert all("detail" in response.json() for response in responses)
    application.refresh_from_db()
    assert application.status == "submitted"
    assert not application.messages.exists()
    assert not ApplicationVote.objects.exists()


@pytest.mark.django_db
def test_the_applicant_cannot_forward_their_own_application(client, alice, constitution):
    application = submitted_application(alice)

    response = client.post(f"/api/v1/applications/{application.pk}/forward", **bearer(alice))

    assert response.status_code == 403
    application.refresh_from_db()
    assert application.status == "submitted"


@pytest.mark.django_db
def test_a_committee_member_cannot_vote_before_the_application_is_forwarded(
    client, alice, committee, constitution
):
    application = submitted_application(alice)

    response = client.post(
        f"/api/v1/applications/{application.pk}/votes",
        {"choice": "approve"},
        content_type=JSON,
        **bearer(committee[0]),
    )

    assert response.status_code == 400
    assert not ApplicationVote.objects.exists()


@pytest.mark.django_db
def test_another_persons_application_is_not_found(client, alice, bob):
    application = start_application(alice)
    document = services.application_add_document(
        actor=alice, application=application, upload=SimpleUploadedFile("a.pdf", PDF)
    )
    url = f"/api/v1/applications/{application.pk}"
    other = bearer(bob)

    responses = [
        client.get(url, **other),
        client.patch(url, {"city": "Elsewhere"}, content_type=JSON, **other),
        client.post(f"{url}/documents", {"file": SimpleUploadedFile("b.pdf", PDF)}, **other),
        client.delete(f"{url}/documents/{document.pk}", **other),
        client.post(f"{url}/submit", {"accept_constitution": True}, content_type=JSON, **other),
        client.post(f"{url}/answer", {"text": "Hello"}, content_type=JSON, **other),
    ]

    assert [response.status_code for response in responses] == [404] * 6
    assert responses[0].json() == {"detail": "Not found."}
    assert client.get("/api/v1/applications", **other).json() == {"count": 0, "items": []}
    organization = Organization.objects.get()
    assert organization.city == ""
    assert ApplicationDocument.objects.count() == 1
    assert MembershipApplication.objects.get().status == "draft"


@pytest.mark.django_db
def test_the_secretariat_sees_every_application_but_cannot_edit_one(
    client, alice, bob, secretariat
):
    start_application(alice)
    mine = start_application(bob, names={"en": "Bob's Trust"})
    reviewer = bearer(secretariat)

    listing = client.get("/api/v1/applications", **reviewer).json()
    patched = client.patch(
        f"/api/v1/applications/{mine.pk}", {"city": "Bishkek"}, content_type=JSON, **reviewer
    )

    assert listing["count"] == 2
    assert client.get("/api/v1/applications", **bearer(bob)).json()["items"][0]["id"] == mine.pk
    assert client.get(f"/api/v1/applications/{mine.pk}", **reviewer).status_code == 200
    assert patched.status_code == 403
    assert Organization.objects.get(pk=mine.organization_id).city == ""


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [1, 6])
def test_the_application_list_costs_the_same_queries_whatever_the_rows(
    client, secretariat, make_user, django_assert_max_num_queries, rows
):
    for number in range(rows):
        user = make_user(f"applicant{number}@example.org")
        start_application(user, names={"en": f"Applicant {number}"})
    headers = bearer(secretariat)

    # token, its last use, the data versions and the caller's roles (kept by the process until
    # the roles change), the count, the page
    with django_assert_max_num_queries(6):
        response = client.get("/api/v1/applications", **headers)

    assert response.json()["count"] == rows
    assert {item["name"] for item in response.json()["items"]} == {
        f"Applicant {number}" for number in range(rows)
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/v1/applications"),
        ("post", "/api/v1/applications"),
        ("get", "/api/v1/applications/1"),
        ("patch", "/api/v1/applications/1"),
        ("post", "/api/v1/applications/1/submit"),
        ("post", "/api/v1/applications/1/forward"),
        ("post", "/api/v1/applications/1/votes"),
        ("get", "/api/v1/applications/1/votes"),
    ],
)
def test_applications_need_authentication(client, method, path):
    response = getattr(client, method)(path, {}, content_type=JSON)

    assert response.status_code == 401
    assert "detail" in response.json()


@pytest.mark.django_db
def test_a_bad_token_is_401(client):
    response = client.get("/api/v1/applications", HTTP_AUTHORIZATION="Bearer sir_nonsense")

    assert response.status_code == 401


# --- bad input ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_second_vote_by_the_same_member_is_400_naming_choice(
    client, alice, secretariat, committee, constitution
):
    application = submitted_application(alice)
    services.application_forward(actor=secretariat, application=application)
    url = f"/api/v1/applications/{application.pk}/votes"
    member = bearer(committee[0])
    client.post(url, {"choice": "abstain"}, content_type=JSON, **member)

    again = client.post(url, {"choice": "approve"}, content_type=JSON, **member)

    assert again.status_code == 400
    assert again.json()["detail"][0]["loc"] == ["body", "choice"]
    assert list(ApplicationVote.objects.values_list("choice", flat=True)) == ["abstain"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("payload", "status", "field"),
    [
        ({"original_language": "en", "country": "XX"}, 400, "country"),
        ({"names": {"en": "x" * 201}, "original_language": "en", "country": "KZ"}, 422, "names"),
        ({"names": {"fr": "Les Amis"}, "original_language": "en", "country": "KZ"}, 400, "names"),
        ({"names": {}, "original_language": "en", "country": "KZ"}, 422, "names"),
        ({"original_language": "en"}, 422, "country"),
        ({"original_language": "en", "country": "KZ", "kind": "club"}, 422, "kind"),
        ({"original_language": "en", "country": "KZ", "founded_year": 1500}, 422, "founded_year"),
        ({"original_language": "en", "country": "KZ", "website": "not a url"}, 400, "website"),
        ({"original_language": "en", "country": "KZ", "areas": ["golf"]}, 400, "areas"),
        (
            {
                "original_language": "en",
                "country": "KZ",
                "contact": {"name": "A", "email": "not-an-email"},
            },
            400,
            "contact_email",
        ),
    ],
)
def test_bad_application_input_names_the_field_and_saves_nothing(
    client, alice, payload, status, field
):
    payload = {"names": {"en": "Steppe Water Trust"}, **payload}

    response = client.post("/api/v1/applications", payload, content_type=JSON, **bearer(alice))

    assert response.status_code == status
    assert any(field in error["loc"] for error in response.json()["detail"])
    assert not Organization.objects.exists()
    assert not MembershipApplication.objects.exists()
    assert not OrganizationStaff.objects.exists()


@pytest.mark.django_db
def test_a_bad_patch_saves_nothing_at_all(client, alice):
    application = start_application(alice)

    response = client.patch(
        f"/api/v1/applications/{application.pk}",
        {"city": "Astana", "countries_of_activity": ["KZ", "XX"]},
        content_type=JSON,
        **bearer(alice),
    )

    assert response.status_code == 400
    assert response.json()["detail"][0]["loc"] == ["body", "countries_of_activity"]
    organization = Organization.objects.get()
    assert organization.city == ""
    assert not organization.countries_of_activity.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("body", ["[]", '["city"]', "5", '"Astana"', "null", "true"])
def test_a_body_that_is_not_a_json_object_is_refused_not_taken_as_an_empty_change(
    client, alice, body
):
    """Found by the fuzzing: `[]` answered 200, read as a change of nothing."""
    application = start_application(alice)

    response = client.patch(
        f"/api/v1/applications/{application.pk}", body, content_type=JSON, **bearer(alice)
    )

    assert response.status_code == 400
    assert response.json()["detail"][0]["loc"] == ["body"]


@pytest.mark.django_db
def test_a_file_that_is_not_a_pdf_or_image_is_refused(client, alice):
    application = start_application(alice)

    response = client.post(
        f"/api/v1/applications/{application.pk}/documents",
        {"file": SimpleUploadedFile("statutes.pdf", b"MZ\x90\x00 not a pdf at all")},
        **bearer(alice),
    )

    assert response.status_code == 400
    assert response.json()["detail"][0]["loc"] == ["body", "file"]
    assert not ApplicationDocument.objects.exists()


@pytest.mark.django_db
def test_an_upload_without_a_file_is_422(client, alice):
    application = start_application(alice)

    response = client.post(
        f"/api/v1/applications/{application.pk}/documents",
        {"description": "nothing attached"},
        **bearer(alice),
    )

    assert response.status_code == 422
    assert any("file" in error["loc"] for error in response.json()["detail"])


@pytest.mark.django_db
def test_submitting_needs_the_constitution_accepted(client, alice, constitution):
    application = submitted_application(alice)
    MembershipApplication.objects.filter(pk=application.pk).update(status="draft")

    response = client.post(
        f"/api/v1/applications/{application.pk}/submit",
        {"accept_constitution": False},
        content_type=JSON,
        **bearer(alice),
    )

    assert response.status_code == 400
    assert response.json()["detail"][0]["loc"] == ["body", "accept_constitution"]
    assert MembershipApplication.objects.get().status == "draft"


@pytest.mark.django_db
def test_an_incomplete_draft_cannot_be_submitted(client, alice, constitution):
    application = start_application(alice)

    response = client.post(
        f"/api/v1/applications/{application.pk}/submit",
        {"accept_constitution": True},
        content_type=JSON,
        **bearer(alice),
    )

    assert response.status_code == 400
    assert response.json()["detail"][0]["loc"] == ["body"]
    assert "at least one key area" in response.json()["detail"][0]["msg"]


@pytest.mark.django_db
def test_a_bad_vote_choice_is_422(client, alice, committee):
    application = start_application(alice)

    response = client.post(
        f"/api/v1/applications/{application.pk}/votes",
        {"choice": "maybe"},
        content_type=JSON,
        **bearer(committee[0]),
    )

    assert response.status_code == 422
    assert any("choice" in error["loc"] for error in response.json()["detail"])


@pytest.mark.django_db
def test_an_unknown_application_is_404(client, alice, secretariat):
    assert client.get("/api/v1/applications/999", **bearer(alice)).status_code == 404
    assert client.post("/api/v1/applications/999/forward", **bearer(secretariat)).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["country=%00", "language=a%00b"])
def test_nul_bytes_in_filters_are_a_400_not_a_server_error(client, query):
    response = client.get(f"/api/v1/organizations?{query}")

    assert response.status_code == 400
    assert "NUL" in response.json()["detail"][0]["msg"]


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["q=%00", "q=a%00b"])
def test_a_nul_in_a_search_query_separates_words_like_a_space(client, query):
    # A query is never syntax (the search issue): it gets an answer, not an error.
    response = client.get(f"/api/v1/organizations?{query}")

    assert response.status_code == 200


@pytest.mark.django_db
def test_nul_bytes_in_a_body_are_refused_and_nothing_is_saved(client, alice):
    response = client.post(
        "/api/v1/applications",
        {"names": {"en": "Bad\u0000Name"}, "original_language": "en", "country": "CN"},
        content_type="application/json",
        **bearer(alice),
    )

    assert response.status_code == 400
    assert not Organization.objects.exists()
