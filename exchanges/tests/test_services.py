"""Registering, the waiting list and its offers, delegations, decisions, check-in, visa
details, feedback and anonymising (exchanges.services)."""

import json
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from exchanges import services
from exchanges.models import CheckIn, Event, Registration, VisaLetter
from exchanges.tests.conftest import make_event

Status = Registration.Status
pytestmark = pytest.mark.django_db


def delegates(count, start=0):
    return [
        {"full_name": f"Delegate {n}", "email": f"d{n}@example.org"}
        for n in range(start, start + count)
    ]


def fill(event, count, start=100):
    return [
        Registration.objects.create(
            event=event,
            full_name=f"Person {n}",
            email=f"p{n}@example.org",
            status=Status.CONFIRMED,
        )
        for n in range(start, start + count)
    ]


def test_a_person_gets_a_place_then_the_waiting_list_in_arrival_order(event, make_user):
    people = [make_user(f"u{n}@example.org", full_name=f"User {n}") for n in range(5)]

    made = [services.registration_register(actor=p, event=event) for p in people]

    assert [r.status for r in made] == ["confirmed"] * 3 + ["waiting"] * 2
    assert services.places_left(event) == 0


def test_registering_twice_is_refused(event, participant):
    services.registration_register(actor=participant, event=event)
    with pytest.raises(ValidationError):
        services.registration_register(actor=participant, event=event)
    assert Registration.objects.filter(event=event).count() == 1


def test_registration_closed_or_not_open_is_refused(event, participant):
    event.registration_closes_at = timezone.now() - timedelta(hours=1)
    event.save()
    with pytest.raises(ValidationError, match="closed"):
        services.registration_register(actor=participant, event=event)
    assert not Registration.objects.exists()


def test_a_delegation_larger_than_the_places_is_confirmed_up_to_them(
    event, delegation_admin, guest_org
):
    fill(event, 1)

    made = services.delegation_register(
        actor=delegation_admin, event=event, organization=guest_org, delegates=delegates(4)
    )

    assert [r.status for r in made] == ["confirmed", "confirmed", "waiting", "waiting"]
    assert {r.organization_id for r in made} == {guest_org.pk}
    assert services.places_held(event) == 3


def test_a_delegation_stays_within_its_quota(event, delegation_admin, guest_org):
    event.delegation_quota = 2
    event.save()
    services.delegation_register(
        actor=delegation_admin, event=event, organization=guest_org, delegates=delegates(1)
    )
    with pytest.raises(ValidationError, match="at most 2"):
        services.delegation_register(
            actor=delegation_admin, event=event, organization=guest_org, delegates=delegates(2, 5)
        )
    assert Registration.objects.filter(organization=guest_org).count() == 1


def test_only_the_organisations_admin_registers_its_delegation(
    event, guest_staff, organiser, guest_org
):
    for actor in (guest_staff, organiser):
        with pytest.raises(PermissionDenied):
            services.delegation_register(
                actor=actor, event=event, organization=guest_org, delegates=delegates(1)
            )
    assert not Registration.objects.exists()


def test_a_freed_place_is_offered_to_the_first_person_waiting_in_their_language(
    event, make_user, django_capture_on_commit_callbacks
):
    confirmed = fill(event, 3)
    first = make_user("first@example.org", full_name="First Waiting", preferred_language="ru")
    second = make_user("second@example.org", full_name="Second Waiting")
    services.registration_register(actor=first, event=event)
    services.registration_register(actor=second, event=event)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(actor=_secretariat(make_user), registration=confirmed[0])

    statuses = dict(
        Registration.objects.filter(user__isnull=False).values_list("user__email", "status")
    )
    assert statuses == {"first@example.org": "offered", "second@example.org": "waiting"}
    offer = [m for m in mail.outbox if m.to == ["first@example.org"]]
    assert len(offer) == 1
    assert "48" in offer[0].body
    assert "Место" in offer[0].body or "мест" in offer[0].body.lower()  # Russian


def _secretariat(make_user):
    from accounts.services import network_role_grant

    user = make_user("sec2@example.org")
    network_role_grant(actor=None, user=user, role="secretariat")
    return user


def test_accepting_an_offer_confirms_and_a_lapsed_offer_passes_to_the_next(event, make_user):
    confirmed = fill(event, 3)
    people = [make_user(f"w{n}@example.org", full_name=f"W {n}") for n in range(2)]
    waiting = [services.registration_register(actor=p, event=event) for p in people]
    confirmed[0].user = make_user("c0@example.org")
    confirmed[0].save()
    services.registration_cancel(actor=confirmed[0].user, registration=confirmed[0])
    waiting[0].refresh_from_db()
    assert waiting[0].status == Status.OFFERED

    lapsed = services.offers_expire(event_id=event.pk, now=timezone.now() + timedelta(hours=49))

    assert lapsed == 1
    waiting[0].refresh_from_db()
    waiting[1].refresh_from_db()
    assert (waiting[0].status, waiting[1].status) == ("lapsed", "offered")
    with pytest.raises(ValidationError):
        services.offer_accept(actor=people[0], registration=waiting[0])
    services.offer_accept(actor=people[1], registration=waiting[1])
    waiting[1].refresh_from_db()
    assert waiting[1].status == Status.CONFIRMED
    assert services.places_held(event) == 3


def test_nobody_else_accepts_or_cancels_someone_elses_registration(event, participant, stranger):
    registration = services.registration_register(actor=participant, event=event)
    with pytest.raises(PermissionDenied):
        services.registration_cancel(actor=stranger, registration=registration)
    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED


def test_review_mode_organisers_confirm_or_decline_with_a_reason(
    host, organiser, participant, make_user, django_capture_on_commit_callbacks
):
    event = make_event(host, review_registrations=True)
    registration = services.registration_register(actor=participant, event=event)
    assert registration.status == Status.PENDING
    other = services.registration_register(actor=make_user("x@example.org"), event=event)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.registration_confirm(actor=organiser, registration=registration)
        services.registration_decline(
            actor=organiser, registration=other, reason="Places are for youth."
        )

    registration.refresh_from_db()
    other.refresh_from_db()
    assert (registration.status, other.status) == ("confirmed", "declined")
    assert other.reason == "Places are for youth."
    declined_mail = next(m for m in mail.outbox if m.to == ["x@example.org"])
    assert "Places are for youth." in declined_mail.body
    # The participant prefers French: their confirmation is in French.
    confirmed_mail = next(m for m in mail.outbox if m.to == ["pat@example.org"])
    assert "confirmée" in confirmed_mail.body


def test_declining_needs_a_reason(event, organiser, participant):
    registration = services.registration_register(actor=participant, event=event)
    with pytest.raises(ValidationError):
        services.registration_decline(actor=organiser, registration=registration, reason=" ")


def test_confirming_never_exceeds_the_capacity(host, organiser, make_user):
    event = make_event(host, capacity=1)
    a = services.registration_register(actor=make_user("a@example.org"), event=event)
    b = services.registration_register(actor=make_user("b@example.org"), event=event)
    assert (a.status, b.status) == ("confirmed", "waiting")
    with pytest.raises(ValidationError, match="No place"):
        services.registration_confirm(actor=organiser, registration=b)
    assert services.places_held(event) == 1


def test_check_in_counts_nobody_twice(event, organiser, participant, stranger):
    registration = services.registration_register(actor=participant, event=event)

    first = services.check_in(actor=organiser, event=event, code=registration.code.lower())
    second = services.check_in(actor=organiser, event=event, code=registration.code)

    assert (first[1], second[1]) == (True, False)
    assert CheckIn.objects.count() == 1
    with pytest.raises(PermissionDenied):
        services.check_in(actor=stranger, event=event, code=registration.code)
    with pytest.raises(ValidationError):
        services.check_in(actor=organiser, event=event, code="NOPE")


def test_visa_details_are_stored_encrypted_and_read_by_organisers_only(
    event, organiser, participant, stranger, secretariat
):
    registration = services.registration_register(actor=participant, event=event)
    details = {
        "passport_name": "Pat PARTICIPANT",
        "nationality": "French",
        "passport_number": "19FR12345",
        "passport_expiry": "2031-01-01",
        "birth_date": "1990-05-05",
    }

    letter = services.visa_details_submit(
        actor=participant, registration=registration, details=details
    )

    raw = bytes(VisaLetter.objects.get(pk=letter.pk).details)
    assert b"19FR12345" not in raw
    assert services.visa_details_read(actor=organiser, letter=letter) == details
    assert services.visa_details_read(actor=secretariat, letter=letter) == details
    for actor in (participant, stranger):
        with pytest.raises(PermissionDenied):
            services.visa_details_read(actor=actor, letter=letter)


def test_feedback_after_the_event_from_participants(past_event, participant):
    registration = Registration.objects.create(
        event=past_event,
        user=participant,
        full_name="Pat",
        email="pat@example.org",
        status="confirmed",
    )
    services.feedback_give(actor=participant, registration=registration, rating=5, comment="Great")
    with pytest.raises(ValidationError):
        services.feedback_give(actor=participant, registration=registration, rating=9)
    assert registration.feedback.rating == 5


def test_anonymising_removes_personal_data_and_keeps_the_counts(past_event, participant):
    kept = Registration.objects.create(
        event=past_event,
        user=participant,
        full_name="Pat Participant",
        email="pat@example.org",
        country_id="FR",
        language="fr",
        status="confirmed",
        answers={"dietary": "vegan"},
    )
    VisaLetter.objects.create(registration=kept, details=b"secret", holder_name="Pat")
    from exchanges.selectors import registration_counts

    before = registration_counts(past_event)

    assert services.events_anonymise() == 1

    kept.refresh_from_db()
    assert (kept.full_name, kept.email, kept.user_id, kept.answers) == (
        "Anonymised participant",
        "",
        None,
        {},
    )
    assert VisaLetter.objects.get().details is None
    assert registration_counts(past_event) == before
    assert json.dumps(before["country"]) == '[["FR", 1]]'
    assert services.events_anonymise() == 0  # done once


def test_organisers_message_the_confirmed_participants(
    event, organiser, participant, stranger, make_user, django_capture_on_commit_callbacks
):
    services.registration_register(actor=participant, event=event)
    fill(event, 2)
    services.registration_register(actor=make_user("late@example.org"), event=event)  # waiting
    mail.outbox.clear()
    with pytest.raises(PermissionDenied):
        services.participants_message(actor=stranger, event=event, subject="Hi", body="Spam")

    with django_capture_on_commit_callbacks(execute=True):
        sent = services.participants_message(
            actor=organiser, event=event, subject="Bus at 8", body="The bus leaves at 8:00."
        )

    assert sent == 3
    assert sorted(m.to[0] for m in mail.outbox) == [
        "p100@example.org",
        "p101@example.org",
        "pat@example.org",
    ]
    french = next(m for m in mail.outbox if m.to == ["pat@example.org"])
    assert "The bus leaves at 8:00." in french.body and "Bonjour" in french.body


def test_the_delegation_admin_swaps_a_delegate_and_keeps_the_place(
    event, delegation_admin, guest_org, guest_staff
):
    (registration,) = services.delegation_register(
        actor=delegation_admin, event=event, organization=guest_org, delegates=delegates(1)
    )
    old_code = registration.code
    with pytest.raises(PermissionDenied):
        services.delegate_swap(
            actor=guest_staff, registration=registration, full_name="X", email="x@example.org"
        )

    swapped = services.delegate_swap(
        actor=delegation_admin,
        registration=registration,
        full_name="Айгерим Нурлановна",
        email="aigerim@example.org",
    )

    assert (swapped.full_name, swapped.email, swapped.status) == (
        "Айгерим Нурлановна",
        "aigerim@example.org",
        "confirmed",
    )
    assert swapped.code != old_code  # the old ticket no longer checks anyone in


def test_passport_details_go_when_the_event_ends(past_event, event, participant, make_user):
    for target in (past_event, event):
        registration = Registration.objects.create(
            event=target, full_name="P", email=f"p{target.pk}@example.org", status="confirmed"
        )
        VisaLetter.objects.create(registration=registration, details=b"secret", holder_name="P")

    assert services.visa_details_purge() == 1

    kept = dict(VisaLetter.objects.values_list("registration__event_id", "details"))
    assert kept[past_event.pk] is None and bytes(kept[event.pk]) == b"secret"


def test_clean_up_command(past_event, event, make_user):
    from conftest import run_command

    fill(event, 2)  # and one place on offer: full
    offered = Registration.objects.create(
        event=event,
        full_name="Late",
        email="late@example.org",
        status="offered",
        offer_expires_at=timezone.now() - timedelta(hours=1),
    )
    waiting = services.registration_register(actor=make_user("next@example.org"), event=event)

    output = run_command("clean_up_event_data")

    assert "Offers lapsed: 1" in output and "events anonymised: 1" in output
    offered.refresh_from_db()
    waiting.refresh_from_db()
    assert (offered.status, waiting.status) == ("lapsed", "offered")


def test_organisers_questions_are_asked_and_checked(event, organiser, participant, stranger):
    with pytest.raises(PermissionDenied):
        services.question_add(actor=stranger, event=event, label="T-shirt size?", kind="text")
    size = services.question_add(
        actor=organiser,
        event=event,
        label="T-shirt size?",
        kind="choice",
        choices=["S", "M", "L"],
        required=True,
    )
    photo = services.question_add(
        actor=organiser, event=event, label="May we photograph you?", kind="yes_no"
    )
    with pytest.raises(ValidationError):
        services.question_add(
            actor=organiser, event=event, label="Pick", kind="choice", choices=["only"]
        )

    with pytest.raises(ValidationError) as missing:
        services.registration_register(actor=participant, event=event, answers={})
    assert size.key in missing.value.message_dict
    with pytest.raises(ValidationError):
        services.registration_register(actor=participant, event=event, answers={size.key: "XXL"})
    assert not Registration.objects.exists()

    registration = services.registration_register(
        actor=participant, event=event, answers={size.key: "M", photo.key: True, "dietary": "vegan"}
    )
    assert registration.answers == {"dietary": "vegan", size.key: "M", photo.key: "yes"}


def test_the_report_keeps_its_figures_after_anonymising(past_event, participant, client):
    from exchanges.models import Feedback
    from exchanges.selectors import event_report

    for n, country in enumerate(["FR", "FR", "CN"]):
        registration = Registration.objects.create(
            event=past_event,
            full_name=f"P{n}",
            email=f"r{n}@example.org",
            country_id=country,
            language="fr" if country == "FR" else "zh-hans",
            status="confirmed",
        )
        Feedback.objects.create(registration=registration, rating=4 + n % 2)
    before = event_report(past_event)

    services.events_anonymise()

    assert event_report(past_event) == before
    assert before["by_country"] == [("FR", 2), ("CN", 1)]
    assert before["feedback"]["count"] == 3
    page = client.get(f"/fr/events/{past_event.pk}/report/").content.decode()
    assert "France : 2" in page or "France: 2" in page


def test_more_places_go_to_the_people_waiting_and_fewer_than_held_is_refused(
    event, organiser, make_user, stranger
):
    fill(event, 3)
    waiting = [
        services.registration_register(actor=make_user(f"x{n}@example.org"), event=event)
        for n in range(3)
    ]
    with pytest.raises(ValidationError):
        services.event_set_capacity(actor=organiser, event=event, capacity=2)
    with pytest.raises(PermissionDenied):
        services.event_set_capacity(actor=stranger, event=event, capacity=10)

    services.event_set_capacity(actor=organiser, event=event, capacity=5)

    statuses = [Registration.objects.get(pk=r.pk).status for r in waiting]
    assert statuses == ["offered", "offered", "waiting"]
    assert services.places_held(event) == 5


# --- editing events, sessions, programmes ----------------------------------------------------


def edit_fields(event, **changes):
    fields = {
        "original_language": "zh-hans",
        "titles": {"zh-hans": "丝路青年论坛", "en": "Silk Road Youth Forum", "ar": "منتدى الشباب"},
        "descriptions": {"en": "Three days of exchanges."},
        "kind": event.kind,
        "city": "Xi'an",
        "country": "CN",
        "venue": "Qujiang Hall",
        "starts_at": timezone.datetime(2031, 6, 1, 9, 0),
        "ends_at": timezone.datetime(2031, 6, 2, 17, 0),
        "time_zone": "Asia/Shanghai",
        "working_languages": ["zh-hans", "en"],
        "interpretation": ["ar", "ru"],
        "capacity": event.capacity,
        "registration_opens_at": timezone.datetime(2031, 1, 1, 9, 0),
        "registration_closes_at": timezone.datetime(2031, 5, 20, 18, 0),
        "review_registrations": True,
        "offer_hours": 12,
        "delegation_quota": 3,
    }
    fields.update(changes)
    return fields


def test_organisers_edit_an_event_in_its_zone_with_languages_marked(event, organiser):
    services.event_update(actor=organiser, event=event, **edit_fields(event))

    event.refresh_from_db()
    assert event.title.original == "zh-hans"
    assert event.title.text == {
        "zh-hans": "丝路青年论坛",
        "en": "Silk Road Youth Forum",
        "ar": "منتدى الشباب",
    }
    assert event.description.original == "en"  # written only in English
    assert event.starts_at.isoformat() == "2031-06-01T01:00:00+00:00"  # 09:00 in Beijing
    assert (event.starts_on.isoformat(), event.ends_on.isoformat()) == ("2031-06-01", "2031-06-02")
    assert event.registration_closes_at.isoformat() == "2031-05-20T10:00:00+00:00"
    assert (event.city, event.venue, event.interpretation) == (
        "Xi'an",
        "Qujiang Hall",
        ["ar", "ru"],
    )
    assert (event.review_registrations, event.offer_hours, event.delegation_quota) == (True, 12, 3)


def test_editing_needs_the_original_title_and_keeps_the_places_held(event, organiser, make_user):
    services.registration_register(actor=make_user("a@example.org"), event=event)
    services.registration_register(actor=make_user("b@example.org"), event=event)
    with pytest.raises(ValidationError) as refused:
        services.event_update(
            actor=organiser,
            event=event,
            **edit_fields(event, original_language="fr", capacity=1),
        )
    assert set(refused.value.message_dict) == {"title", "capacity"}
    event.refresh_from_db()
    assert event.city == "Beijing" and event.capacity == 3


BAD_FIELDS = {
    "kind": "picnic",
    "city": " ",
    "country": "QQ",
    "online_link": "javascript:alert(1)",
    "offer_hours": 0,
    "delegation_quota": 5000,
    "interpretation": ["xx"],
    "registration_closes_at": timezone.datetime(2031, 6, 3, 9, 0),  # after the end
}


@pytest.mark.parametrize("how", ["create", "update"])
def test_creating_and_editing_refuse_the_same_fields(event, organiser, host, how):
    fields = edit_fields(event, **BAD_FIELDS)
    with pytest.raises(ValidationError) as refused:
        if how == "update":
            services.event_update(actor=organiser, event=event, **fields)
        else:
            for name in ("original_language", "titles", "descriptions", "venue"):
                fields.pop(name)
            fields.pop("registration_opens_at")
            services.event_create(
                actor=organiser, organizer=host, title="Forum", language="en", **fields
            )

    assert set(refused.value.message_dict) == {
        "kind",
        "city",
        "country",
        "online_link",
        "offer_hours",
        "delegation_quota",
        "working_languages",
        "registration_closes_at",
    }
    assert Event.objects.count() == 1 and Event.objects.get().city == "Beijing"


@pytest.mark.parametrize("how", ["create", "update"])
def test_a_date_out_of_range_is_refused_not_overflowed(event, organiser, host, how):
    fields = edit_fields(
        event, starts_at=timezone.datetime(1, 1, 1, 0, 0), time_zone="Pacific/Kiritimati"
    )
    with pytest.raises(ValidationError) as refused:
        if how == "update":
            services.event_update(actor=organiser, event=event, **fields)
        else:
            services.event_create(
                actor=organiser,
                organizer=host,
                title="Forum",
                language="en",
                kind="forum",
                city="Almaty",
                country="KZ",
                starts_at=fields["starts_at"],
                ends_at=fields["ends_at"],
                time_zone=fields["time_zone"],
            )
    assert set(refused.value.message_dict) == {"starts_at"}


def test_more_places_on_edit_go_to_the_people_waiting(event, organiser, make_user):
    people = [make_user(f"w{n}@example.org") for n in range(4)]
    for person in people:
        services.registration_register(actor=person, event=event)
    services.event_update(
        actor=organiser, event=event, **edit_fields(event, capacity=4, registration_opens_at=None)
    )
    assert Registration.objects.get(user=people[3]).status == Status.OFFERED


def test_only_organisers_and_the_secretariat_edit_events(
    event, delegation_admin, participant, secretariat
):
    for outsider in (delegation_admin, participant):
        with pytest.raises(PermissionDenied):
            services.event_update(actor=outsider, event=event, **edit_fields(event))
    services.event_update(actor=secretariat, event=event, **edit_fields(event))


def test_sessions_are_edited_and_removed_by_organisers_only(event, organiser, participant):
    session = services.session_add(
        actor=organiser,
        event=event,
        title="Opening",
        language="en",
        starts_at=timezone.datetime(2031, 6, 1, 9, 0),
        ends_at=timezone.datetime(2031, 6, 1, 10, 0),
    )
    with pytest.raises(PermissionDenied):
        services.session_delete(actor=participant, session=session)
    services.session_update(
        actor=organiser,
        session=session,
        title="开幕式",
        language="zh-hans",
        translations={"en": "Opening"},
        starts_at=timezone.datetime(2031, 6, 1, 9, 30),
        ends_at=timezone.datetime(2031, 6, 1, 10, 30),
        speakers=["Li Wei", " "],
        room="Hall A",
    )
    session.refresh_from_db()
    assert session.title.original == "zh-hans" and session.title.text["en"] == "Opening"
    assert session.starts_at.isoformat() == "2031-06-01T01:30:00+00:00"
    assert (session.room, session.speakers) == ("Hall A", ["Li Wei"])
    services.session_delete(actor=organiser, session=session)
    assert not event.sessions.exists()


def test_an_organisation_admin_creates_a_programme_with_its_events(
    event, organiser, host, guest_org, delegation_admin, secretariat
):
    programme = services.programme_create(
        actor=organiser,
        title="Silk Road youth exchange",
        language="en",
        translations={"zh-hans": "丝路青年交流"},
        organizers=[host],
        countries=["CN", "KZ"],
        events=[event],
    )
    event.refresh_from_db()
    assert event.programme == programme
    assert programme.title.text == {"en": "Silk Road youth exchange", "zh-hans": "丝路青年交流"}
    assert sorted(programme.countries.values_list("code", flat=True)) == ["CN", "KZ"]
    # Another organisation's admin may neither name the host nor attach its events.
    with pytest.raises(PermissionDenied):
        services.programme_create(
            actor=delegation_admin, title="X", language="en", organizers=[host]
        )
    with pytest.raises(PermissionDenied):
        services.programme_create(
            actor=delegation_admin,
            title="X",
            language="en",
            organizers=[guest_org],
            events=[event],
        )
    # The Secretariat may create one for the whole network.
    services.programme_create(actor=secretariat, title="Annual Forum", language="en", organizers=[])


# --- documents and the report's counts by gender ---------------------------------------------


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture
def english():
    from django.utils import translation

    with translation.override("en"):
        yield


def upload(name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)


@pytest.mark.usefixtures("english")
def test_organisers_publish_documents_checked_by_type_and_size(event, organiser, media, settings):
    document = services.document_add(
        actor=organiser,
        event=event,
        kind="document",
        title="Programme",
        upload=upload("p.pdf", PDF),
    )
    assert (document.extension, document.size) == ("pdf", len(PDF))
    assert document.file.read() == PDF

    def refused(name, content, kind="document"):
        with pytest.raises(ValidationError) as error:
            services.document_add(
                actor=organiser, event=event, kind=kind, title="X", upload=upload(name, content)
            )
        return error.value.message_dict["file"][0]

    assert refused("page.html", b"<html>").startswith("This kind of file is not accepted")
    assert refused("fake.pdf", b"MZ\x90\x00") == "The file's content does not match its type."
    assert refused("photo.pdf", PDF, kind="photo").startswith("This kind of file is not accepted")
    settings.EXCHANGES_DOCUMENT_MAX_MB = 1
    assert refused("big.pdf", PDF + b"0" * 1024 * 1024) == "The file is larger than 1 MB."
    assert event.documents.count() == 1


def test_only_organisers_publish_and_remove_documents(event, organiser, participant, media):
    with pytest.raises(PermissionDenied):
        services.document_add(
            actor=participant, event=event, kind="photo", title="Me", upload=upload("a.png", PNG)
        )
    photo = services.document_add(
        actor=organiser, event=event, kind="photo", title="Group", upload=upload("a.png", PNG)
    )
    with pytest.raises(PermissionDenied):
        services.document_remove(actor=participant, document=photo)
    services.document_remove(actor=organiser, document=photo)
    assert not event.documents.exists()


def test_gender_is_asked_only_where_collected_and_counted_after_anonymising(
    past_event, host, participant, make_user
):
    from exchanges.selectors import event_report

    event = make_event(host, capacity=10, ask_gender=True)
    services.registration_register(actor=participant, event=event, gender="female")
    services.registration_register(actor=make_user("m@example.org"), event=event, gender="male")
    services.registration_register(actor=make_user("n@example.org"), event=event)
    with pytest.raises(ValidationError):
        services.registration_register(actor=make_user("x@example.org"), event=event, gender="x")
    assert event_report(event)["by_gender"] in (
        [("female", 1), ("male", 1)],
        [("male", 1), ("female", 1)],
    )
    # Where the organisers do not ask, nothing is stored.
    other = make_event(host, capacity=10)
    services.registration_register(actor=participant, event=other, gender="female")
    assert event_report(other)["by_gender"] == []
    # Anonymising removes each person's answer and keeps the counts.
    Registration.objects.filter(event=event).update(status="confirmed")
    event.ends_at = timezone.now() - timedelta(days=400)
    event.save()
    services.events_anonymise()
    event.refresh_from_db()
    assert not Registration.objects.filter(event=event).exclude(gender="").exists()
    assert dict(event_report(event)["by_gender"]) == {"female": 1, "male": 1}


@pytest.mark.usefixtures("english")
def test_each_delegate_answers_the_questions_on_their_own_registration(
    event, organiser, delegation_admin, guest_org
):
    airport = services.question_add(
        actor=organiser,
        event=event,
        label="Airport",
        kind="choice",
        choices=["PEK", "PKX"],
        required=True,
    )
    with pytest.raises(ValidationError) as refused:
        services.delegation_register(
            actor=delegation_admin,
            event=event,
            organization=guest_org,
            delegates=[
                {"full_name": "Aigerim", "email": "a@example.org", "answers": {airport.key: "PEK"}},
                {"full_name": "Layla", "email": "l@example.org"},
            ],
        )
    assert refused.value.message_dict["delegates"] == ["Layla: Answer this question."]
    assert not Registration.objects.exists()
    made = services.delegation_register(
        actor=delegation_admin,
        event=event,
        organization=guest_org,
        delegates=[
            {
                "full_name": "Aigerim",
                "email": "a@example.org",
                "answers": {airport.key: "PEK", "dietary": "halal"},
                "needs_visa_letter": True,
            },
            {"full_name": "Layla", "email": "l@example.org", "answers": {airport.key: "PKX"}},
        ],
    )
    assert [(r.full_name, r.answers, r.needs_visa_letter) for r in made] == [
        ("Aigerim", {"dietary": "halal", airport.key: "PEK"}, True),
        ("Layla", {airport.key: "PKX"}, False),
    ]


def test_an_event_deleted_in_the_back_office_takes_its_files_once_committed(
    client, event, organiser, secretariat, back_office, media, django_capture_on_commit_callbacks
):
    from django.core.files.base import ContentFile
    from django.urls import reverse

    from exchanges.models import CertificateBatch, EventDocument

    programme = services.document_add(
        actor=organiser,
        event=event,
        kind="document",
        title="Programme",
        upload=upload("p.pdf", PDF),
    )
    picture = services.document_add(
        actor=organiser, event=event, kind="photo", title="Group", upload=upload("a.png", PNG)
    )
    certificates = CertificateBatch.objects.create(event=event, status="done")
    certificates.file.save("certificates.zip", ContentFile(b"PK\x03\x04"))
    files = [media / row.file.name for row in (programme, picture, certificates)]
    assert all(file.exists() for file in files)
    back_office(client, secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(
            reverse("admin:exchanges_event_delete", args=[event.pk]), {"post": "yes"}
        )
        assert answer.status_code == 302
        assert all(file.exists() for file in files)  # not before the commit
    assert not Event.objects.filter(pk=event.pk).exists()
    assert not EventDocument.objects.exists() and not CertificateBatch.objects.exists()
    assert not any(file.exists() for file in files)


def test_a_document_removal_rolled_back_keeps_the_document_and_its_file(
    event, organiser, media, django_capture_on_commit_callbacks
):
    from django.db import transaction

    document = services.document_add(
        actor=organiser,
        event=event,
        kind="document",
        title="Programme",
        upload=upload("p.pdf", PDF),
    )
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.document_remove(actor=organiser, document=document)
        raise RuntimeError("something after the removal failed")
    document = event.documents.get()  # still there
    assert (media / document.file.name).read_bytes() == PDF
    with django_capture_on_commit_callbacks(execute=True):
        services.document_remove(actor=organiser, document=document)
        assert (media / document.file.name).exists()  # not before the commit
    assert not (media / document.file.name).exists()
