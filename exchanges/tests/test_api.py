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
