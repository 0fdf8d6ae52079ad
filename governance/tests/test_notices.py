"""Members are told by email, in their language, when a phase opens and a day before the vote
closes; each notice once; a person can turn them off."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from governance import services
from governance.models import Consultation
from governance.tests.conftest import open_consultation

pytestmark = pytest.mark.django_db


def test_a_phase_opening_is_announced_once_in_each_persons_language(
    secretariat_user, org_a, org_b, staff_a, django_capture_on_commit_callbacks
):
    org_b[1].preferred_language = "fr"
    org_b[1].save()
    open_consultation(secretariat_user, phase="discussion")
    with django_capture_on_commit_callbacks(execute=True):
        queued = services.consultation_send_notices()
    assert queued == 3  # both admins and A's staff member
    subjects = sorted(message.subject for message in mail.outbox)
    assert sum("Consultation open for discussion" in s for s in subjects) == 2
    assert sum("Consultation ouverte à la discussion" in s for s in subjects) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert services.consultation_send_notices() == 0


def test_representatives_are_reminded_a_day_before_the_close(
    secretariat_user, org_a, org_b, staff_a, django_capture_on_commit_callbacks
):
    consultation = open_consultation(secretariat_user)
    Consultation.objects.filter(pk=consultation.pk).update(
        voting_closes=timezone.now() + timedelta(hours=20),
        voting_opens=timezone.now() - timedelta(days=5),
        proposals_open=timezone.now() - timedelta(days=6),
        discussion_opens=timezone.now() - timedelta(days=7),
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.consultation_send_notices()
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == ["admin@org-a.example", "admin@org-b.example"]
    assert all("closes tomorrow" in message.subject for message in mail.outbox)


def test_a_person_turns_the_emails_off(
    client, secretariat_user, org_a, django_capture_on_commit_callbacks
):
    _organization, admin = org_a
    client.force_login(admin)
    client.post(reverse("consultations:mail"), {"wanted": "no"})
    open_consultation(secretariat_user, phase="discussion")
    with django_capture_on_commit_callbacks(execute=True):
        services.consultation_send_notices()
    assert mail.outbox == []
    assert "Turn them on" in client.get(reverse("consultations:mail")).content.decode()


def test_the_switch_is_on_the_account_settings_page_and_covers_the_reminder(
    client, secretariat_user, org_a, org_b, django_capture_on_commit_callbacks
):
    _organization, admin = org_a
    client.force_login(admin)
    settings_page = client.get(reverse("account_settings")).content.decode()
    assert "Emails about consultations" in settings_page
    assert "Turn them off" in settings_page
    answer = client.post(
        reverse("consultations:mail"), {"wanted": "no", "next": reverse("account_settings")}
    )
    assert answer["Location"] == reverse("account_settings")
    assert "Turn them on" in client.get(reverse("account_settings")).content.decode()
    # Elsewhere than this site: back to the emails page, not away.
    answer = client.post(
        reverse("consultations:mail"), {"wanted": "no", "next": "https://example.com/"}
    )
    assert answer["Location"] == reverse("consultations:mail")

    consultation = open_consultation(secretariat_user)
    Consultation.objects.filter(pk=consultation.pk).update(
        voting_closes=timezone.now() + timedelta(hours=20)
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.consultation_send_notices()
    recipients = {message.to[0] for message in mail.outbox}
    assert "admin@org-b.example" in recipients  # the vote opened, and closes tomorrow
    assert "admin@org-a.example" not in recipients  # turned off: neither notice

    client.post(
        reverse("consultations:mail"), {"wanted": "yes", "next": reverse("account_settings")}
    )
    assert "Turn them off" in client.get(reverse("account_settings")).content.decode()


def test_the_command_says_how_to_run_it():
    from governance.management.commands import consultation_notices

    doc = consultation_notices.__doc__
    assert "cron" in doc and "db_worker" in doc and "every few minutes" in doc
