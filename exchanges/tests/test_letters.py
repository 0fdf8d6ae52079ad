"""Visa invitation letters: issued as PDF in the event's language and English, names in their
own scripts, verified by code; a missing font is a clear error."""

import time

import pytest

from exchanges import letters, services
from exchanges.tests.pdftext import pdf_text

pytestmark = pytest.mark.django_db

DETAILS = {
    "passport_name": "ليلى حداد",
    "nationality": "Jordanian",
    "passport_number": "JO1234567",
    "passport_expiry": "2031-01-01",
    "birth_date": "1990-05-05",
}


@pytest.fixture
def requested(event, participant):
    registration = services.registration_register(actor=participant, event=event)
    return services.visa_details_submit(
        actor=participant, registration=registration, details=DETAILS
    )


def test_issued_letter_holds_the_names_in_their_scripts_in_two_languages(
    requested, organiser, client
):
    started = time.perf_counter()
    letter = services.visa_letter_issue(actor=organiser, letter=requested, costs="Hotel: the host")
    rendering = time.perf_counter() - started

    text = pdf_text(bytes(letter.pdf))
    assert bytes(letter.pdf).startswith(b"%PDF")
    assert "丝路青年论坛" in text  # the event's language (Chinese)
    assert "Silk Road Youth Forum" in text and "Invitation letter" in text  # and English
    assert "ليلى حداد"[::-1] in text  # Arabic, shaped right to left (visual order)
    assert letter.code in text
    assert "JO1234567" in text
    assert rendering < 10  # reported by the benchmark; here only a sanity bound

    # Anyone can verify it; only name, event and dates are shown.
    page = client.get(f"/en/verify/{letter.code}/").content.decode()
    assert "ليلى حداد" in page and "JO1234567" not in page


def test_letter_pdf_only_for_those_who_may_see_the_registration(
    requested, organiser, participant, stranger, client
):
    services.visa_letter_issue(actor=organiser, letter=requested)
    url = f"/en/events/letters/{requested.registration_id}/letter.pdf"
    client.force_login(stranger)
    assert client.get(url).status_code == 403
    client.force_login(participant)
    assert client.get(url)["Content-Type"] == "application/pdf"


def test_only_organisers_and_the_secretariat_issue(requested, participant, stranger):
    from django.core.exceptions import PermissionDenied

    for actor in (participant, stranger):
        with pytest.raises(PermissionDenied):
            services.visa_letter_issue(actor=actor, letter=requested)


def test_a_missing_font_is_a_clear_error(monkeypatch):
    monkeypatch.setattr(letters, "REQUIRED_FONTS", ("Noto Sans", "No Such Font Family"))
    with pytest.raises(letters.MissingFontError, match="No Such Font Family"):
        letters.check_fonts()


def test_certificate_for_people_checked_in(event, organiser, participant, client):
    registration = services.registration_register(actor=participant, event=event)
    client.force_login(participant)
    url = f"/zh-hans/events/tickets/{registration.pk}/certificate.pdf"
    assert client.get(url).status_code == 404  # not checked in yet
    services.check_in(actor=organiser, event=event, code=registration.code)

    answer = client.get(url)

    assert answer["Content-Type"] == "application/pdf"
    text = pdf_text(answer.content)
    assert "Pat Participant" in text and "丝路青年论坛" in text


def test_organisers_get_every_certificate_in_a_zip_made_by_the_worker(
    event,
    organiser,
    participant,
    stranger,
    client,
    settings,
    tmp_path,
    make_user,
    django_capture_on_commit_callbacks,
):
    import io
    import zipfile

    settings.MEDIA_ROOT = tmp_path
    codes = []
    for person in (participant, make_user("li@example.org", full_name="李伟")):
        registration = services.registration_register(actor=person, event=event)
        services.check_in(actor=organiser, event=event, code=registration.code)
        codes.append(registration.code)
    client.force_login(stranger)
    assert client.post(f"/en/events/{event.pk}/certificates/").status_code == 403

    client.force_login(organiser)
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(f"/en/events/{event.pk}/certificates/")
    progress = client.get(answer["Location"]).content.decode()
    download = client.get(answer["Location"], {"download": "1"})

    assert "2 of 2 made" in progress and "<progress" in progress
    archive = zipfile.ZipFile(io.BytesIO(download.content))
    assert sorted(archive.namelist()) == sorted(f"certificate-{code}.pdf" for code in codes)
    texts = [pdf_text(archive.read(name)) for name in archive.namelist()]
    assert any("李伟" in text for text in texts)
