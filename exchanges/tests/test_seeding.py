"""Exchanges' demo rows (exchanges.seeding): the first Forum in Beijing with its programme,
sessions and outcome document; upcoming events, one open and one full with a waiting list."""

from datetime import date

import pytest
from django.utils import timezone

from exchanges import services
from exchanges.models import Event, Registration


@pytest.mark.django_db
def test_demo_holds_the_first_forum_in_beijing(demo):
    forum = Event.objects.get(kind=Event.Kind.FORUM)

    assert (forum.starts_on, forum.ends_on) == (date(2017, 11, 21), date(2017, 11, 22))
    assert forum.country_id == "CN"
    assert forum.city == "Beijing"
    assert forum.title.original == "zh-hans"
    assert "Forum" in forum.title.text["en"]
    assert forum.programme is not None and forum.time_zone == "Asia/Shanghai"
    assert forum.sessions.count() >= 5
    assert forum.starts_at.isoformat() == "2017-11-21T01:00:00+00:00"  # 09:00 in Beijing
    assert [d.slug for d in forum.outcome_documents.all()] == ["beijing-consensus"]
    assert Event.objects.exclude(kind=Event.Kind.FORUM).count() >= 6


@pytest.mark.django_db
def test_demo_has_open_and_full_upcoming_events(demo):
    upcoming = Event.objects.filter(starts_on__gt=timezone.localdate())
    open_ones = [
        e
        for e in upcoming
        if services.registration_window_error(e) is None and (services.places_left(e) or 0) > 0
    ]
    full = [e for e in upcoming if e.capacity and services.places_left(e) == 0]
    assert open_ones and full
    assert Registration.objects.filter(event=full[0], status="waiting").count() >= 1


@pytest.mark.django_db
def test_seed_bulk_writes_events_and_registrations_within_capacity_and_clears_them():
    from django.db.models import Count, F, Q

    from conftest import run_command

    run_command("seed_bulk", "--scale", "small", "--factor", "0.5")

    assert Event.objects.count() > 50
    assert Registration.objects.count() > 500
    over = (
        Event.objects.filter(capacity__isnull=False)
        .annotate(held=Count("registrations", filter=Q(registrations__status="confirmed")))
        .filter(held__gt=F("capacity"))
    )
    assert not over.exists()
    written = Registration.objects.count()

    run_command("seed_bulk", "--scale", "small", "--factor", "0.5", "--clear")

    assert Registration.objects.count() == written  # the earlier rows gone, as many again


@pytest.mark.django_db
def test_demo_events_have_documents_and_report_photos_made_here(demo, client):
    from io import BytesIO

    from PIL import Image

    from exchanges.models import EventDocument
    from exchanges.tests.pdftext import pdf_text

    forum = Event.objects.get(kind=Event.Kind.FORUM)
    files = {d.kind: d for d in forum.documents.all()}
    assert set(files) == {"document", "outcome", "photo"}
    programme = client.get(f"/en/events/{forum.pk}/documents/{files['document'].pk}/")
    pdf = b"".join(programme.streaming_content)
    assert pdf.startswith(b"%PDF") and "Beijing" in pdf_text(pdf)
    photo = forum.documents.filter(kind="photo").first()
    with Image.open(BytesIO(photo.file.read())) as image:
        assert image.format == "PNG" and image.size == (480, 300)

    page = client.get(f"/en/events/{forum.pk}/").content.decode()
    assert "Forum programme" in page
    report = client.get(f"/en/events/{forum.pk}/report/").content.decode()
    assert forum.documents.filter(kind="photo").count() == 2
    assert f"/en/events/{forum.pk}/documents/{photo.pk}/" in report
    russian = EventDocument.objects.get(language="ru")
    assert "Пять дней семинаров" in pdf_text(russian.file.read())
