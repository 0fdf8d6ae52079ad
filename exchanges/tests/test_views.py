"""The events pages: list, month calendar, event page, organisers' pages, ticket, letters."""

import pytest
from django.urls import reverse

from core.multilingual import MultilingualText
from exchanges import services
from exchanges.models import Event, Registration, Session
from exchanges.tests.conftest import make_event

pytestmark = pytest.mark.django_db


def test_list_filters_by_kind_and_when_with_counts(client, event, past_event, host):
    make_event(host, kind="webinar", days=60, title=MultilingualText.create("Health webinar", "en"))

    page = client.get("/en/events/", {"when": "upcoming"})

    text = page.content.decode()
    assert page.status_code == 200
    assert "2 events" in text
    assert "Silk Road Youth Forum" in text and "Old Forum" not in text
    assert "Upcoming (2)" in text and "Past (1)" in text
    assert "Webinar (1)" in text
    only_webinars = client.get("/en/events/", {"kind": "webinar"}).content.decode()
    assert "1 event" in only_webinars and "Silk Road Youth Forum" not in only_webinars


def test_list_finds_events_through_the_search(client, event, past_event):
    page = client.get("/en/events/", {"q": "youth forum"}).content.decode()
    assert "Silk Road Youth Forum" in page and "Old Forum" not in page


def test_title_shows_the_readers_language_or_the_original_with_a_note(client, event):
    chinese = client.get(f"/zh-hans/events/{event.pk}/").content.decode()
    english = client.get(f"/en/events/{event.pk}/").content.decode()
    french = client.get(f"/fr/events/{event.pk}/").content.decode()
    assert "丝路青年论坛" in chinese and "translated-from" not in chinese.split("<h1>")[1][:300]
    assert "Silk Road Youth Forum" in english and "translated-from" in english
    assert "Silk Road Youth Forum" not in french.split("<h1>")[1][:200]  # no French: original


def test_month_calendar_without_javascript(client, event):
    month = event.starts_on.strftime("%Y-%m")
    page = client.get("/en/events/", {"view": "month", "month": month}).content.decode()
    assert '<table class="calendar">' in page
    assert f'href="/en/events/{event.pk}/"' in page


def test_event_page_times_in_the_event_zone_and_the_readers(client, event):
    page = client.get(f"/en/events/{event.pk}/", {"tz": "Europe/Paris"}).content.decode()
    assert "Asia/Shanghai" in page
    assert "your time (Europe/Paris)" in page
    same = client.get(f"/en/events/{event.pk}/", {"tz": "Asia/Shanghai"}).content.decode()
    assert "your time" not in same


def test_online_link_only_for_confirmed_participants(client, host, participant, stranger):
    event = make_event(host, kind="webinar", online_link="https://meet.example.org/secret")
    services.registration_register(actor=participant, event=event)
    url = f"/en/events/{event.pk}/"
    assert "meet.example.org/secret" not in client.get(url).content.decode()
    client.force_login(stranger)
    assert "meet.example.org/secret" not in client.get(url).content.decode()
    client.force_login(participant)
    assert "meet.example.org/secret" in client.get(url).content.decode()


def test_register_page_then_waiting_list_then_cancel(client, host, participant, stranger):
    event = make_event(host, capacity=1)
    client.force_login(participant)
    client.post(f"/en/events/{event.pk}/register/", {"dietary": "vegetarian"})
    client.force_login(stranger)
    page = client.post(f"/en/events/{event.pk}/register/", {}, follow=True).content.decode()
    assert "waiting list" in page
    mine = Registration.objects.get(user=participant)
    assert (mine.status, mine.answers) == ("confirmed", {"dietary": "vegetarian"})
    client.force_login(participant)
    client.post(reverse("exchanges:registration_action", args=[mine.pk, "cancel"]))
    assert Registration.objects.get(user=stranger).status == "offered"


def test_delegation_from_the_page(client, event, delegation_admin):
    client.force_login(delegation_admin)
    page = client.get(f"/ar/events/{event.pk}/").content.decode()
    assert 'dir="rtl"' in page and "delegation" in page
    client.post(
        f"/ar/events/{event.pk}/delegation/",
        {
            "organization": "steppe-guests",
            "delegates": "Айгерим Нурлановна, a@example.org\nليلى حداد, l@example.org\n"
            "Wang Fang, w@example.org\nOne More, o@example.org",
        },
    )
    rows = list(Registration.objects.order_by("id").values_list("full_name", "status"))
    assert rows == [
        ("Айгерим Нурлановна", "confirmed"),
        ("ليلى حداد", "confirmed"),
        ("Wang Fang", "confirmed"),
        ("One More", "waiting"),
    ]
    assert "One More" in client.get(f"/en/events/{event.pk}/").content.decode()


def test_organisers_see_registrations_counts_and_csv_others_403(
    client, event, organiser, participant, stranger, guest_staff
):
    services.registration_register(actor=participant, event=event, answers={"dietary": "halal"})
    url = f"/en/events/{event.pk}/registrations/"
    for outsider in (participant, stranger, guest_staff):
        client.force_login(outsider)
        assert client.get(url).status_code == 403
    client.force_login(organiser)
    page = client.get(url).content.decode()
    assert "Pat Participant" in page and "halal" in page
    csv_text = b"".join(client.get(url, {"format": "csv"}).streaming_content).decode()
    assert "Pat Participant" in csv_text and "halal" in csv_text


def test_organiser_creates_an_event_with_sessions_in_two_languages(client, organiser, host):
    client.force_login(organiser)
    answer = client.post(
        "/en/events/new/",
        {
            "title": "Forum de la jeunesse",
            "language": "fr",
            "title_en": "Youth forum",
            "kind": "forum",
            "organizer": host.slug,
            "city": "Paris",
            "country": "FR",
            "time_zone": "Europe/Paris",
            "starts_at": "2030-05-01T09:00",
            "ends_at": "2030-05-02T17:00",
            "capacity": "10",
            "working_languages": ["fr", "en"],
            "interpretation": ["zh-hans"],
            "registration_closes_at": "2030-04-20T18:00",
            "delegation_quota": "4",
            "offer_hours": "24",
        },
    )
    assert answer.status_code == 302
    event_url = answer["Location"]
    client.post(
        event_url,
        {
            "title": "Ouverture",
            "language": "fr",
            "title_other": "Opening",
            "other_language": "en",
            "starts_at": "2030-05-01T09:00",
            "ends_at": "2030-05-01T10:00",
            "speakers": "Claire Martin\nLi Wei",
        },
    )
    session = Session.objects.get()
    event = session.event
    assert (event.working_languages, event.interpretation) == (["fr", "en"], ["zh-hans"])
    assert event.registration_closes_at.isoformat() == "2030-04-20T16:00:00+00:00"
    assert (event.delegation_quota, event.offer_hours, event.capacity) == (4, 24, 10)
    assert event.title.text == {"fr": "Forum de la jeunesse", "en": "Youth forum"}
    assert session.title.text == {"fr": "Ouverture", "en": "Opening"}
    assert session.starts_at.isoformat() == "2030-05-01T07:00:00+00:00"  # 09:00 in Paris
    assert session.speakers == ["Claire Martin", "Li Wei"]


def test_ticket_has_a_qr_code_and_only_its_holder_sees_it(client, event, participant, stranger):
    registration = services.registration_register(actor=participant, event=event)
    client.force_login(stranger)
    assert client.get(f"/en/events/tickets/{registration.pk}/").status_code == 403
    client.force_login(participant)
    page = client.get(f"/en/events/tickets/{registration.pk}/").content.decode()
    assert "<svg" in page and registration.code in page


def test_check_in_page_by_code_and_by_name(client, event, organiser, participant):
    registration = services.registration_register(actor=participant, event=event)
    client.force_login(organiser)
    url = f"/en/events/{event.pk}/check-in/"
    page = client.get(url).content.decode()
    assert "<script" in page and "check_in.js" in page and "onclick" not in page
    first = client.post(url, {"code": registration.code}).content.decode()
    again = client.post(url, {"code": registration.code}).content.decode()
    assert "Checked in: Pat Participant" in first
    assert "Already checked in: Pat Participant" in again
    assert "Pat Participant" in client.get(url, {"q": "pat"}).content.decode()


def test_organisation_profile_lists_its_events(client, event, host):
    page = client.get(f"/en/members/{host.slug}/").content.decode()
    assert "Silk Road Youth Forum" in page
    assert f"/events/organisations/{host.slug}.ics" in page


def test_organisation_profile_lists_the_events_it_co_organises_once(client, host, guest_org):
    shared = make_event(host, title=MultilingualText.create("Caravan Crafts Fair", "en"))
    shared.co_organizers.add(guest_org)
    make_event(host, title=MultilingualText.create("Host Only Seminar", "en"))

    guest_page = client.get(f"/en/members/{guest_org.slug}/").content.decode()
    host_page = client.get(f"/en/members/{host.slug}/").content.decode()

    assert guest_page.count("Caravan Crafts Fair") == 1
    assert "Host Only Seminar" not in guest_page
    assert host_page.count("Caravan Crafts Fair") == 1


def test_verify_page_confirms_a_genuine_letter_and_nothing_more(client, event, participant):
    from exchanges.models import VisaLetter

    registration = services.registration_register(actor=participant, event=event)
    VisaLetter.objects.create(
        registration=registration,
        status="issued",
        code="ABCDEFGHJKMN",
        holder_name="Pat PARTICIPANT",
        details=b"encrypted",
    )
    page = client.get("/en/verify/ABCDEFGHJKMN/").content.decode()
    assert "genuine" in page and "Pat PARTICIPANT" in page and "Silk Road Youth Forum" in page
    assert "pat@example.org" not in page
    assert client.get("/en/verify/NOTACODE/").status_code == 404


def test_forum_page_links_its_outcome_document(client, event):
    from governance.models import NetworkDocument

    consensus = NetworkDocument.objects.create(
        slug="beijing-consensus",
        kind="declaration",
        title=MultilingualText.create("Beijing Consensus", "en"),
    )
    event.outcome_documents.add(consensus)
    page = client.get(f"/en/events/{event.pk}/").content.decode()
    assert "Outcome documents" in page and "Beijing Consensus" in page


def test_questions_page_adds_a_question_asked_on_the_form_and_exported(
    client, event, organiser, participant
):
    client.force_login(organiser)
    client.post(
        f"/en/events/{event.pk}/questions/",
        {"label": "Arrival airport?", "kind": "choice", "choices": "PEK\nPKX", "required": "on"},
    )
    client.force_login(participant)
    page = client.get(f"/en/events/{event.pk}/").content.decode()
    assert "Arrival airport?" in page and "PKX" in page
    (question,) = event.questions.all()
    refused = client.post(f"/en/events/{event.pk}/register/", {}, follow=True).content.decode()
    assert "This field is required." in refused and not Registration.objects.exists()
    client.post(f"/en/events/{event.pk}/register/", {question.key: "PKX"})
    client.force_login(organiser)
    csv_text = b"".join(
        client.get(f"/en/events/{event.pk}/registrations/", {"format": "csv"}).streaming_content
    ).decode()
    assert "Arrival airport?" in csv_text.splitlines()[0] and "PKX" in csv_text.splitlines()[1]


def test_organisers_change_the_places_from_the_registrations_page(client, event, organiser):
    client.force_login(organiser)
    client.post(f"/en/events/{event.pk}/registrations/", {"capacity": "12"})
    event.refresh_from_db()
    assert event.capacity == 12
    page = client.post(
        f"/en/events/{event.pk}/registrations/", {"capacity": "many"}, follow=True
    ).content.decode()
    assert "Give a whole number of places." in page


def test_edit_page_shows_the_event_in_its_zone_and_saves_it(client, event, organiser, stranger):
    client.force_login(stranger)
    assert client.get(f"/en/events/{event.pk}/edit/").status_code == 403
    client.force_login(organiser)
    page = client.get(f"/en/events/{event.pk}/edit/").content.decode()
    local = event.starts_at.astimezone(__import__("zoneinfo").ZoneInfo("Asia/Shanghai"))
    assert local.strftime("%Y-%m-%dT%H:%M") in page and "丝路青年论坛" in page
    answer = client.post(
        f"/en/events/{event.pk}/edit/",
        {
            "original_language": "zh-hans",
            "title_zh-hans": "丝路青年论坛",
            "title_en": "Silk Road Youth Forum",
            "title_ru": "Молодёжный форум",
            "description_en": "Talks and visits.",
            "kind": "forum",
            "time_zone": "Asia/Shanghai",
            "starts_at": "2031-06-01T09:00",
            "ends_at": "2031-06-02T17:00",
            "venue": "Hall",
            "city": "Beijing",
            "country": "CN",
            "working_languages": ["zh-hans", "en"],
            "interpretation": ["ru"],
            "capacity": "50",
            "registration_opens_at": "",
            "registration_closes_at": "2031-05-30T12:00",
            "confirmation": "review",
            "offer_hours": "24",
            "delegation_quota": "5",
        },
    )
    assert answer.status_code == 302
    russian = client.get(f"/ru/events/{event.pk}/").content.decode()
    assert "Молодёжный форум" in russian and "Hall" in russian
    event.refresh_from_db()
    assert (event.capacity, event.review_registrations, event.offer_hours) == (50, True, 24)


def test_session_edit_page_keeps_the_second_language(client, event, organiser):
    session = services.session_add(
        actor=organiser,
        event=event,
        title="Ouverture",
        language="fr",
        translations={"en": "Opening"},
        starts_at=event.starts_at,
        ends_at=event.starts_at,
    )
    client.force_login(organiser)
    page = client.get(f"/en/events/{event.pk}/sessions/{session.pk}/").content.decode()
    assert "Ouverture" in page and "Opening" in page
    client.post(
        f"/en/events/{event.pk}/sessions/{session.pk}/",
        {
            "title": "Ouverture officielle",
            "language": "fr",
            "other_language": "en",
            "title_other": "Official opening",
            "starts_at": "2031-06-01T09:00",
            "ends_at": "2031-06-01T10:00",
            "room": "Salle 1",
            "speakers": "Li Wei",
        },
    )
    session.refresh_from_db()
    assert session.title.text == {"fr": "Ouverture officielle", "en": "Official opening"}
    assert session.room == "Salle 1"
    agenda = client.get(f"/en/events/{event.pk}/sessions/").content.decode()
    assert "Salle 1" in agenda
    client.post(f"/en/events/{event.pk}/sessions/{session.pk}/", {"action": "delete"})
    assert not Session.objects.exists()


def test_programme_page_creates_a_programme_with_events(
    client, event, organiser, host, participant
):
    client.force_login(participant)
    assert client.get("/en/events/programmes/new/").status_code == 403
    client.force_login(organiser)
    page = client.get("/en/events/programmes/new/").content.decode()
    assert "Silk Road Youth Forum" in page
    answer = client.post(
        "/en/events/programmes/new/",
        {
            "title": "Youth exchange",
            "language": "en",
            "organizers": [host.slug],
            "countries": "cn kz",
            "events": [str(event.pk)],
        },
    )
    assert answer.status_code == 302
    programme = client.get(answer["Location"]).content.decode()
    assert "Youth exchange" in programme and "Silk Road Youth Forum" in programme


def test_documents_page_publishes_files_shown_on_the_event_page_and_report(
    client, event, organiser, stranger, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    client.force_login(stranger)
    assert client.get(f"/en/events/{event.pk}/documents/").status_code == 403
    client.force_login(organiser)
    for kind, title, name, content in (
        ("document", "Practical guide", "guide.pdf", b"%PDF-1.4 guide"),
        ("outcome", "Final declaration", "decl.docx", b"PK\x03\x04 declaration"),
        ("photo", "Opening ceremony", "opening.png", b"\x89PNG\r\n\x1a\n photo"),
    ):
        client.post(
            f"/en/events/{event.pk}/documents/",
            {"kind": kind, "title": title, "file": SimpleUploadedFile(name, content)},
        )
    refused = client.post(
        f"/en/events/{event.pk}/documents/",
        {"kind": "document", "title": "Script", "file": SimpleUploadedFile("x.exe", b"MZ")},
    ).content.decode()
    assert "This kind of file is not accepted" in refused
    client.logout()
    page = client.get(f"/en/events/{event.pk}/").content.decode()
    assert "Practical guide" in page and "Final declaration" in page
    assert "Opening ceremony" not in page
    report = client.get(f"/en/events/{event.pk}/report/").content.decode()
    assert "Final declaration" in report and '<img src="' in report
    guide = event.documents.get(title="Practical guide")
    answer = client.get(f"/en/events/{event.pk}/documents/{guide.pk}/")
    assert answer["Content-Type"] == "application/pdf"
    assert b"".join(answer.streaming_content) == b"%PDF-1.4 guide"
    declaration = event.documents.get(title="Final declaration")
    answer = client.get(f"/en/events/{event.pk}/documents/{declaration.pk}/")
    assert answer["Content-Disposition"].startswith("attachment")


def test_report_counts_people_by_gender_where_asked(client, host, participant):
    event = make_event(host, capacity=5, ask_gender=True)
    client.force_login(participant)
    page = client.get(f"/en/events/{event.pk}/").content.decode()
    assert "Gender (optional, only counted in the report)" in page
    client.post(f"/en/events/{event.pk}/register/", {"gender": "female"})
    report = client.get(f"/en/events/{event.pk}/report/").content.decode()
    assert "By gender" in report and "Women: 1" in report
    # Counted only: the organisers' list shows nobody's gender.
    assert Registration.objects.get().gender == "female"


def test_delegation_page_asks_the_questions_for_each_delegate(
    client, event, organiser, delegation_admin
):
    airport = services.question_add(
        actor=organiser,
        event=event,
        label="Arrival airport?",
        kind="choice",
        choices=["PEK", "PKX"],
        required=True,
    )
    client.force_login(delegation_admin)
    names = "Айгерим Нурлановна, a@example.org\nليلى حداد, l@example.org"
    step = client.post(
        f"/en/events/{event.pk}/delegation/",
        {"organization": "steppe-guests", "delegates": names},
    ).content.decode()
    assert step.count("Arrival airport?") == 2 and "ليلى حداد" in step
    assert not Registration.objects.exists()
    missing = client.post(
        f"/en/events/{event.pk}/delegation/",
        {
            "organization": "steppe-guests",
            "delegates": names,
            "step": "answers",
            f"d0-{airport.key}": "PEK",
        },
    ).content.decode()
    assert "This field is required." in missing and not Registration.objects.exists()
    client.post(
        f"/en/events/{event.pk}/delegation/",
        {
            "organization": "steppe-guests",
            "delegates": names,
            "step": "answers",
            f"d0-{airport.key}": "PEK",
            "d0-dietary": "vegetarian",
            f"d1-{airport.key}": "PKX",
            "d1-needs_visa_letter": "on",
        },
    )
    rows = list(
        Registration.objects.order_by("id").values_list("full_name", "answers", "needs_visa_letter")
    )
    assert rows == [
        ("Айгерим Нурлановна", {"dietary": "vegetarian", airport.key: "PEK"}, False),
        ("ليلى حداد", {airport.key: "PKX"}, True),
    ]


def test_check_in_page_registers_a_worker_scoped_to_its_path(client, event, organiser):
    client.force_login(organiser)
    page = client.get(f"/en/events/{event.pk}/check-in/").content.decode()
    assert f'data-worker="/en/events/{event.pk}/check-in/worker.js"' in page
    assert f'data-scope="/en/events/{event.pk}/check-in/"' in page
    client.logout()
    worker = client.get(f"/en/events/{event.pk}/check-in/worker.js")
    assert worker["Content-Type"].startswith("text/javascript")
    assert b'addEventListener("fetch"' in worker.content


def test_event_page_shows_the_readers_time_from_their_device_or_their_choice(client, event):
    client.cookies["tz_device"] = "America%2FMexico_City"  # as a script may encode it
    page = client.get(f"/en/events/{event.pk}/").content.decode()
    assert "your time (America/Mexico_City)" in page
    assert 'data-known="America/Mexico_City"' in page and "reader_zone.js" in page
    # A zone chosen on the page wins, and is remembered.
    chosen = client.get(f"/en/events/{event.pk}/", {"tz": "Europe/Moscow"})
    assert "your time (Europe/Moscow)" in chosen.content.decode()
    assert chosen.cookies["tz"].value == "Europe/Moscow"
    again = client.get(f"/en/events/{event.pk}/").content.decode()
    assert "your time (Europe/Moscow)" in again
    # A zone nobody knows is ignored.
    client.cookies.clear()
    client.cookies["tz_device"] = "Mars/Olympus"
    unknown = client.get(f"/en/events/{event.pk}/").content.decode()
    assert "your time" not in unknown and "data-known" not in unknown


def test_a_signed_in_readers_own_zone_comes_before_the_cookies(client, event, participant):
    participant.time_zone = "Asia/Almaty"
    participant.save()
    client.force_login(participant)
    client.cookies["tz"] = "Europe/Moscow"
    client.cookies["tz_device"] = "America/Mexico_City"

    page = client.get(f"/en/events/{event.pk}/").content.decode()
    assert "your time (Asia/Almaty)" in page and 'data-known="Asia/Almaty"' in page
    # a zone chosen on the page still shows that page in it
    chosen = client.get(f"/en/events/{event.pk}/", {"tz": "Europe/Paris"}).content.decode()
    assert "your time (Europe/Paris)" in chosen
    # left to the browser, the cookies count again
    participant.time_zone = ""
    participant.save()
    client.cookies["tz"] = "Europe/Moscow"
    assert "your time (Europe/Moscow)" in client.get(f"/en/events/{event.pk}/").content.decode()


def test_organisers_new_pages_are_translated_in_arabic(client, event, organiser):
    client.force_login(organiser)
    edit = client.get(f"/ar/events/{event.pk}/edit/").content.decode()
    documents = client.get(f"/ar/events/{event.pk}/documents/").content.decode()
    programme = client.get("/ar/events/programmes/new/").content.decode()
    assert 'dir="rtl"' in edit
    assert "تعديل الفعالية" in edit and "اللغة الأصلية" in edit
    assert "نشر مستند" in documents
    assert "إنشاء برنامج" in programme


OLD_ROWS = """{% for row in rows %}<li class="directory-row">
      <h3><a href="{% url 'exchanges:event' row.event.pk %}">{{ row.title }}</a></h3>
      <p class="muted">{{ row.event.get_kind_display }} · {{ row.event.starts_on|date:"DATE_FORMAT" }}{% if row.event.ends_on != row.event.starts_on %} – {{ row.event.ends_on|date:"DATE_FORMAT" }}{% endif %} · {{ row.event.city }}, {{ row.country }}</p>
    </li>{% endfor %}"""  # the template's lines, as they were


@pytest.mark.parametrize("language", ["en", "ar", "zh-hans", "ru"])
def test_the_lists_rows_written_in_python_match_the_templates(event, past_event, language):
    from django.template import Context, Template
    from django.utils import translation

    from core.models import country_name
    from core.multilingual import shown_html
    from exchanges.views import event_rows_html

    one_day = make_event(event.organizer, days=5, city="<Almaty & Co>", kind="webinar")
    one_day.ends_on = one_day.starts_on
    one_day.save()
    events = [event, past_event, one_day]
    with translation.override(language):
        rows = [
            {
                "event": e,
                "title": shown_html(e.title, language),
                "country": country_name(e.country_id, language),
            }
            for e in events
        ]
        expected = Template("{% load i18n %}" + OLD_ROWS).render(Context({"rows": rows}))

        assert event_rows_html(events, language) == expected
    assert "&lt;Almaty &amp; Co&gt;" in expected


OLD_CALENDAR = """<table class="calendar">
    <caption>{{ month|date:"F Y" }}</caption>
    <thead><tr>{% for day in weeks.0 %}<th scope="col">{{ day.day|date:"D" }}</th>{% endfor %}</tr></thead>
    <tbody>{% for week in weeks %}<tr>{% for day in week %}
      <td{% if not day.in_month %} class="muted"{% endif %}><span class="day">{{ day.day.day }}</span>
        {% if day.events %}<ul>{{ day.events_html }}</ul>{% endif %}</td>
    {% endfor %}</tr>{% endfor %}</tbody>
  </table>"""  # the template's lines, as they were


@pytest.mark.parametrize("language", ["en", "ar", "zh-hans", "ru", "fr"])
def test_the_month_calendar_written_in_python_matches_the_template(event, host, language):
    from datetime import date

    from django.template import Context, Template
    from django.utils import translation

    from exchanges import selectors
    from exchanges.views import _calendar_weeks, calendar_html

    make_event(host, title=MultilingualText.create("<Tea & talk>", "en"))
    month = date(event.starts_on.year, event.starts_on.month, 1)
    with translation.override(language):
        weeks = _calendar_weeks(
            selectors.month_grid(selectors.EventFilters(), month.year, month.month)
        )
        expected = Template(OLD_CALENDAR).render(Context({"weeks": weeks, "month": month}))

        assert calendar_html(weeks, month) == expected
    assert "&lt;Tea &amp; talk&gt;" in expected


OLD_KIND_OPTIONS = """{% load humanize %}{% for value, label in kinds %}<option value="{{ value }}"{% if filters.kind == value %} selected{% endif %}>{{ label }} ({% for k, n in counts.kind.items %}{% if k == value %}{{ n|intcomma }}{% endif %}{% empty %}0{% endfor %})</option>{% endfor %}"""


@pytest.mark.parametrize("language", ["en", "fr", "ru", "ar"])
@pytest.mark.parametrize(
    "counted", [{}, {"forum": 12345, "webinar": 3}, dict.fromkeys(Event.Kind.values, 1000)]
)
def test_the_kind_options_written_in_python_match_the_template(language, counted):
    from django.template import Context, Template
    from django.utils import translation

    from exchanges.views import kind_options

    with translation.override(language):
        for selected in ("", "forum", "webinar"):
            expected = Template(OLD_KIND_OPTIONS).render(
                Context(
                    {
                        "kinds": Event.Kind.choices,
                        "filters": {"kind": selected},
                        "counts": {"kind": counted},
                    }
                )
            )
            assert kind_options(selected, counted) == expected


@pytest.mark.parametrize("language", ["en", "zh-hans", "ar"])
def test_the_taxonomy_options_kept_per_language_match_those_written_each_time(db, language):
    from django.utils import translation

    from core.selectors import country_choices, taxonomy
    from core.widgets import options_html as _options
    from exchanges.views import _kept_options

    with translation.override(language):
        pairs = {
            "country": country_choices(language),
            "region": [(code, region.name) for code, region in taxonomy().regions.items()],
            "area": [(area.slug, area.name) for area in taxonomy().areas],
        }
        for name, chosen in (("country", "KZ"), ("region", ""), ("area", "health")):
            assert _kept_options(name, language, chosen) == _options(pairs[name], chosen)
