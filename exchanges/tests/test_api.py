"""The events API: public lists, registering, delegations, cancel and accept, organisers."""

import pytest

from accounts.services import api_token_create
from exchanges import services
from exchanges.models import Registration
from exchanges.tests.conftest import make_event

pytestmark = pytest.mark.django_db
JSON = "application/json"


def bearer(user) -> dict[str, str]:
    _token, raw = api_token_create(actor=user, name="t")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_list_and_filter_events(client, event, past_event):
    answer = client.get("/api/v1/events", {"when": "upcoming"}).json()
    assert answer["count"] == 1
    (item,) = answer["items"]
    assert item["title"] == "丝路青年论坛" and item["title_language"] == "zh-hans"
    assert item["time_zone"] == "Asia/Shanghai"
    assert client.get("/api/v1/events", {"kind": "nonsense"}).status_code == 422


def test_one_event_with_sessions_and_places(client, event):
    answer = client.get(f"/api/v1/events/{event.pk}").json()
    assert answer["places_left"] == 3 and answer["sessions"] == []
    assert client.get("/api/v1/events/999999").status_code == 404


def test_programmes(client, event):
    from core.multilingual import MultilingualText
    from exchanges.models import Programme

    programme = Programme.objects.create(title=MultilingualText.create("Forum series", "en"))
    event.programme = programme
    event.save()
    answer = client.get("/api/v1/programmes").json()
    assert answer["count"] == 1 and answer["items"][0]["events"] == 1


def test_register_cancel_and_accept(client, host, participant, stranger):
    event = make_event(host, capacity=1)
    first = client.post(
        f"/api/v1/events/{event.pk}/registrations", "{}", content_type=JSON, **bearer(participant)
    )
    second = client.post(
        f"/api/v1/events/{event.pk}/registrations", "{}", content_type=JSON, **bearer(stranger)
    )
    assert (first.status_code, first.json()["status"]) == (201, "confirmed")
    assert second.json()["status"] == "waiting" and second.json()["code"] is None

    # The stranger cannot cancel the participant's place.
    refused = client.post(f"/api/v1/registrations/{first.json()['id']}/cancel", **bearer(stranger))
    assert refused.status_code == 403
    client.post(f"/api/v1/registrations/{first.json()['id']}/cancel", **bearer(participant))
    accepted = client.post(
        f"/api/v1/registrations/{second.json()['id']}/accept", **bearer(stranger)
    )
    assert accepted.json()["status"] == "confirmed"


def test_register_needs_authentication(client, event):
    answer = client.post(f"/api/v1/events/{event.pk}/registrations", "{}", content_type=JSON)
    assert answer.status_code == 401
    assert not Registration.objects.exists()


def test_delegation_and_organisers_list_and_check_in(
    client, event, delegation_admin, organiser, stranger
):
    body = {
        "organization": "steppe-guests",
        "delegates": [{"full_name": f"D {n}", "email": f"d{n}@example.org"} for n in range(4)],
    }
    answer = client.post(
        f"/api/v1/events/{event.pk}/delegations",
        body,
        content_type=JSON,
        **bearer(delegation_admin),
    )
    assert [r["status"] for r in answer.json()] == ["confirmed"] * 3 + ["waiting"]

    listing = client.get(
        f"/api/v1/events/{event.pk}/registrations", {"status": "waiting"}, **bearer(organiser)
    )
    assert [r["full_name"] for r in listing.json()["items"]] == ["D 3"]
    assert (
        client.get(f"/api/v1/events/{event.pk}/registrations", **bearer(stranger)).status_code
        == 403
    )

    code = answer.json()[0]["code"]
    first = client.post(
        f"/api/v1/events/{event.pk}/check-ins",
        {"code": code},
        content_type=JSON,
        **bearer(organiser),
    )
    again = client.post(
        f"/api/v1/events/{event.pk}/check-ins",
        {"code": code},
        content_type=JSON,
        **bearer(organiser),
    )
    assert (first.json()["created"], again.json()["created"]) == (True, False)
    wrong = client.post(
        f"/api/v1/events/{event.pk}/check-ins",
        {"code": "XXXX"},
        content_type=JSON,
        **bearer(organiser),
    )
    assert wrong.status_code == 400 and wrong.json()["detail"][0]["loc"] == ["body", "code"]


def test_delegates_answers_through_the_api(client, event, organiser, delegation_admin):
    question = services.question_add(
        actor=organiser, event=event, label="T-shirt", kind="text", required=True
    )
    body = {
        "organization": "steppe-guests",
        "delegates": [
            {"full_name": "A", "email": "a@example.org", "answers": {question.key: "M"}},
            {"full_name": "B", "email": "b@example.org", "answers": {question.key: "L"}},
        ],
    }
    answer = client.post(
        f"/api/v1/events/{event.pk}/delegations",
        body,
        content_type=JSON,
        **bearer(delegation_admin),
    )
    assert answer.status_code == 201
    assert sorted(Registration.objects.values_list("answers", flat=True), key=str) == [
        {question.key: "L"},
        {question.key: "M"},
    ]


# --- organisers: editing events, creating programmes, uploading documents ----------------------


def patch(client, event, body, user):
    return client.patch(f"/api/v1/events/{event.pk}", body, content_type=JSON, **bearer(user))


def test_organisers_edit_an_event_and_what_they_leave_out_stays(client, event, organiser):
    answer = patch(
        client,
        event,
        {
            "titles": {"zh-hans": "丝路青年论坛", "en": "Silk Road Youth Forum", "fr": "Forum"},
            "starts_at": "2031-06-01T09:00:00",  # no offset: read in the event's zone
            "ends_at": "2031-06-02T17:00:00",
            "capacity": 50,
            "working_languages": ["zh-hans", "en"],
        },
        organiser,
    )

    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["titles"]["fr"] == "Forum" and body["title_language"] == "zh-hans"
    assert body["starts_at"].startswith("2031-06-01T01:00:00")  # 09:00 in Beijing
    assert (body["capacity"], body["places_left"], body["city"]) == (50, 50, "Beijing")
    event.refresh_from_db()
    assert (event.starts_on.isoformat(), event.time_zone) == ("2031-06-01", "Asia/Shanghai")
    assert event.kind == "forum" and event.working_languages == ["zh-hans", "en"]

    # an event with days only (made in the back office) is edited too
    from exchanges.models import Event

    Event.objects.filter(pk=event.pk).update(starts_at=None, ends_at=None)
    assert patch(client, event, {"venue": "Hall 2"}, organiser).status_code == 200
    event.refresh_from_db()
    assert event.venue == "Hall 2"
    assert event.starts_at.isoformat() == "2031-05-31T16:00:00+00:00"  # its first day, in Beijing

    # null takes the limit away; it does not "leave out" a field that cannot be empty
    answer = patch(client, event, {"capacity": None, "city": None}, organiser)
    assert (answer.json()["capacity"], answer.json()["city"]) == (None, "Beijing")


def test_editing_errors_name_the_field_and_change_nothing(client, event, organiser, make_user):
    services.registration_register(actor=make_user("a@example.org"), event=event)
    services.registration_register(actor=make_user("b@example.org"), event=event)

    def refused(body):
        answer = patch(client, event, body, organiser)
        assert answer.status_code == 400, answer.content
        return sorted(tuple(error["loc"]) for error in answer.json()["detail"])

    assert refused({"capacity": 1, "city": "Xi'an"}) == [("body", "capacity")]
    assert refused({"time_zone": "Mars/Olympus"}) == [("body", "time_zone")]
    assert refused({"starts_at": "0001-01-01T00:00:00"}) == [("body", "starts_at")]
    assert refused({"titles": {"en": "Only English"}}) == [("body", "title")]
    assert refused({"titles": {"zh-hans": "论坛", "xx": "?"}}) == [("body", "title")]
    assert refused({"online_link": "javascript:alert(1)"}) == [("body", "online_link")]
    assert refused({"country": "QQ", "ends_at": "2000-01-01T00:00:00"}) == [
        ("body", "country"),
        ("body", "ends_at"),
    ]
    event.refresh_from_db()
    assert (event.city, event.capacity, event.title.text["en"]) == (
        "Beijing",
        3,
        "Silk Road Youth Forum",
    )


def test_only_organisers_and_the_secretariat_edit_events_through_the_api(
    client, event, organiser, secretariat, delegation_admin
):
    assert patch(client, event, {"city": "Kashgar"}, delegation_admin).status_code == 403
    assert (
        client.patch(
            f"/api/v1/events/{event.pk}", {"city": "Kashgar"}, content_type=JSON
        ).status_code
        == 401
    )
    event.refresh_from_db()
    assert event.city == "Beijing"
    assert patch(client, event, {"city": "Kashgar"}, secretariat).json()["city"] == "Kashgar"
    missing = client.patch(
        "/api/v1/events/999999", {"city": "X"}, content_type=JSON, **bearer(organiser)
    )
    assert missing.status_code == 404 and missing.json() == {"detail": "Not found."}


def test_an_organisations_admin_creates_a_programme_with_its_events(
    client, event, past_event, organiser, delegation_admin
):
    body = {
        "title": "Silk Road Youth Forums",
        "language": "en",
        "translations": {"zh-hans": "丝路青年论坛系列"},
        "organizers": ["silk-host"],
        "countries": ["CN", "KZ"],
        "areas": [],
        "events": [event.pk, past_event.pk],
    }
    answer = client.post("/api/v1/programmes", body, content_type=JSON, **bearer(organiser))

    assert answer.status_code == 201, answer.content
    made = answer.json()
    assert (made["organizers"], made["events"], sorted(made["countries"])) == (
        ["silk-host"],
        2,
        ["CN", "KZ"],
    )
    assert made["titles"] == {"en": "Silk Road Youth Forums", "zh-hans": "丝路青年论坛系列"}
    event.refresh_from_db()
    assert event.programme_id == made["id"]

    # another organisation's admin cannot make a programme of the host's, nor take its events
    refused = client.post(
        "/api/v1/programmes",
        {**body, "organizers": ["steppe-guests"]},
        content_type=JSON,
        **bearer(delegation_admin),
    )
    assert refused.status_code == 403
    unknown = client.post(
        "/api/v1/programmes",
        {**body, "organizers": ["nobody"], "events": []},
        content_type=JSON,
        **bearer(organiser),
    )
    assert unknown.status_code == 400
    assert unknown.json()["detail"][0]["loc"] == ["body", "organizers"]
    odd = client.post(
        "/api/v1/programmes",
        {**body, "language": "xx", "translations": {"yy": "?"}, "events": []},
        content_type=JSON,
        **bearer(organiser),
    )
    assert sorted(error["loc"][1] for error in odd.json()["detail"]) == ["language", "translations"]
    from exchanges.models import Programme

    assert Programme.objects.count() == 1


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_organisers_upload_documents_with_the_pages_limits(
    client, event, organiser, participant, media, settings
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    def send(name, content, user=organiser, kind="document"):
        return client.post(
            f"/api/v1/events/{event.pk}/documents",
            {"file": SimpleUploadedFile(name, content), "kind": kind, "title": "Agenda"},
            **bearer(user),
        )

    answer = send("agenda.pdf", PDF)
    assert answer.status_code == 201, answer.content
    made = answer.json()
    assert (made["kind"], made["title"], made["size"]) == ("document", "Agenda", len(PDF))
    assert client.get(made["url"]).getvalue() == PDF
    assert client.get(f"/api/v1/events/{event.pk}").json()["documents"][0]["id"] == made["id"]

    wrong = send("page.html", b"<html>")
    assert wrong.status_code == 400 and wrong.json()["detail"][0]["loc"] == ["body", "file"]
    odd = client.post(
        f"/api/v1/events/{event.pk}/documents",
        {
            "file": SimpleUploadedFile("a.pdf", PDF),
            "kind": "document",
            "title": "A",
            "language": "xx",
        },
        **bearer(organiser),
    )
    assert odd.status_code == 400 and odd.json()["detail"][0]["loc"] == ["body", "language"]
    settings.EXCHANGES_DOCUMENT_MAX_MB = 1
    big = send("big.pdf", PDF + b"0" * 1024 * 1024)
    assert big.json()["detail"][0]["msg"] == "The file is larger than 1 MB."
    assert send("agenda.pdf", PDF, user=participant).status_code == 403
    assert event.documents.count() == 1
