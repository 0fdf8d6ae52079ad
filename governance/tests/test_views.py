"""The consultation pages as people use them: the list, one consultation, the ballot paper with
its receipt, the delegate form, closing the vote and the results with receipts or roll call."""

import re

import pytest
from django.urls import reverse

from governance.models import BallotOption, Vote
from governance.tests.conftest import open_consultation, option

pytestmark = pytest.mark.django_db


def test_anyone_reads_the_list_and_the_consultation(client, open_ballot):
    page = client.get(reverse("consultations:list"))
    assert page.status_code == 200
    assert "Should the Forum meet every year?" in page.content.decode()
    detail = client.get(reverse("consultations:detail", args=[open_ballot.pk]))
    text = detail.content.decode()
    assert "<em>Forum</em>" in text  # Markdown rendered
    assert "Close the vote now" not in text


def test_the_list_is_translated(client, open_ballot):
    page = client.get("/fr/consultations/")
    assert page.status_code == 200
    assert 'lang="fr"' in page.content.decode()


def test_an_unknown_consultation_is_a_404(client):
    assert client.get(reverse("consultations:detail", args=[999])).status_code == 404


def test_the_representative_votes_and_changes_the_vote_on_the_page(client, open_ballot, org_a):
    organization, representative = org_a
    client.force_login(representative)
    url = reverse("consultations:vote", args=[open_ballot.pk])
    assert client.get(url).status_code == 200
    answer = client.post(
        url, {"organization": organization.pk, "option": option(open_ballot, "yes").pk}
    )
    assert answer.status_code == 302
    client.post(url, {"organization": organization.pk, "option": option(open_ballot, "no").pk})
    assert Vote.objects.get().option.kind == BallotOption.Kind.NO
    assert "<strong>No</strong>" in client.get(url).content.decode()


def test_a_secret_vote_shows_its_receipt_once(client, secret_ballot, org_a):
    organization, representative = org_a
    client.force_login(representative)
    url = reverse("consultations:vote", args=[secret_ballot.pk])
    answer = client.post(
        url, {"organization": organization.pk, "option": option(secret_ballot, "yes").pk}
    )
    assert answer.status_code == 200
    receipt = re.search(r"data-receipt>([A-Z0-9-]+)<", answer.content.decode()).group(1)
    assert "no-store" in answer["Cache-Control"] or "max-age=0" in answer["Cache-Control"]
    assert receipt not in client.get(url).content.decode()


def test_staff_who_are_not_the_representative_get_403(client, open_ballot, staff_a):
    client.force_login(staff_a)
    assert client.get(reverse("consultations:vote", args=[open_ballot.pk])).status_code == 403


def test_voting_outside_the_phase_is_a_409_and_changes_nothing(client, secretariat_user, org_a):
    organization, representative = org_a
    consultation = open_consultation(secretariat_user, phase="discussion")
    client.force_login(representative)
    answer = client.post(
        reverse("consultations:vote", args=[consultation.pk]),
        {"organization": organization.pk, "option": option(consultation, "yes").pk},
    )
    assert answer.status_code == 409
    assert not Vote.objects.exists()


def test_the_admin_names_a_delegate_who_then_votes(client, open_ballot, org_a, staff_a):
    organization, admin = org_a
    client.force_login(admin)
    answer = client.post(
        reverse("consultations:delegate", args=[open_ballot.pk]),
        {"organization": organization.pk, "email": staff_a.email},
    )
    assert answer.status_code == 302
    client.force_login(staff_a)
    client.post(
        reverse("consultations:vote", args=[open_ballot.pk]),
        {"organization": organization.pk, "option": option(open_ballot, "yes").pk},
    )
    assert Vote.objects.get().cast_by == staff_a


def test_the_secretariat_closes_the_vote_and_results_show_receipts(
    client, secret_ballot, org_a, org_b, secretariat_user
):
    for organization, representative in (org_a, org_b):
        client.force_login(representative)
        client.post(
            reverse("consultations:vote", args=[secret_ballot.pk]),
            {"organization": organization.pk, "option": option(secret_ballot, "yes").pk},
        )
    results_url = reverse("consultations:results", args=[secret_ballot.pk])
    assert "published when the vote closes" in client.get(results_url).content.decode()

    client.force_login(org_a[1])
    assert client.post(reverse("consultations:close", args=[secret_ballot.pk])).status_code == 403
    client.force_login(secretariat_user)
    client.post(reverse("consultations:close", args=[secret_ballot.pk]))
    client.logout()
    text = client.get(results_url).content.decode()
    assert "Carried: Yes" in text
    receipts = re.findall(r"<code>([A-Z0-9-]{19})</code>", text)
    assert len(receipts) == 2
    # Nothing on the results page names an organisation.
    assert "org-a" not in text and "Organisation org-a" not in text
    found = client.get(results_url, {"receipt": receipts[0][:9]}).content.decode()
    assert receipts[0] in found


def test_an_open_ballot_publishes_a_roll_call(client, open_ballot, org_a, secretariat_user):
    organization, representative = org_a
    client.force_login(representative)
    client.post(
        reverse("consultations:vote", args=[open_ballot.pk]),
        {"organization": organization.pk, "option": option(open_ballot, "no").pk},
    )
    client.force_login(secretariat_user)
    client.post(reverse("consultations:close", args=[open_ballot.pk]))
    text = client.get(reverse("consultations:results", args=[open_ballot.pk])).content.decode()
    assert "Organisation org-a" in text


def test_only_the_secretariat_opens_a_consultation_on_the_page(client, secretariat_user, org_a):
    client.force_login(org_a[1])
    assert client.get(reverse("consultations:open")).status_code == 403
    client.force_login(secretariat_user)
    answer = client.post(
        reverse("consultations:open"),
        {
            "title": "Working languages",
            "description": "Which languages?",
            "language": "en",
            "discussion_opens": "2030-01-01T10:00",
            "proposals_open": "2030-01-05T10:00",
            "voting_opens": "2030-01-10T10:00",
            "voting_closes": "2030-01-09T10:00",
            "quorum_percent": 50,
            "majority": "simple",
            "ballot_kind": "question",
            "endorsement_threshold": 3,
        },
    )
    assert answer.status_code == 200
    assert "The phases must follow one another" in answer.content.decode()


@pytest.mark.parametrize("language", ["en", "fr", "zh-hans", "ar"])
def test_the_list_writes_each_row_as_its_template_does(rf, secretariat_user, language):
    """The list writes its rows in Python (governance.views._ListRowWriter);
    governance/consultations/_row.html is the markup it must give, in every language."""
    from django.template.loader import render_to_string
    from django.utils import translation

    from core.multilingual import MultilingualText
    from governance import selectors
    from governance.models import Body, Consultation
    from governance.views import _ListRowWriter

    group = Body.objects.create(
        slug="wg",
        kind=Body.Kind.WORKING_GROUP,
        name=MultilingualText.create("Youth & <jobs>", "en", fr="Jeunesse & <emploi>"),
    )
    committee = Body.objects.create(slug="sc", kind=Body.Kind.STEERING_COMMITTEE)
    for phase, body, secret in [
        ("upcoming", None, False),
        ("discussion", group, True),
        ("proposals", committee, False),
        ("voting", None, True),
        ("results", group, False),
    ]:
        consultation = open_consultation(
            secretariat_user, phase=phase, secret=secret, title=f"<{phase}> & “more”"
        )
        Consultation.objects.filter(pk=consultation.pk).update(body=body)
    with translation.override(language):
        request = rf.get(f"/{language}/consultations/")
        shown = selectors.consultation_page("1").object_list
        assert [row.pk for row in shown] == list(
            selectors.consultation_list().values_list("pk", flat=True)
        )
        writer = _ListRowWriter()
        for row, consultation in zip(shown, selectors.consultation_list(), strict=True):
            expected = render_to_string(
                "governance/consultations/_row.html", {"consultation": consultation}, request
            )
            # The same markup; only the blank space between tags may differ.
            assert " ".join(writer.row(row).split()) == " ".join(expected.split())


@pytest.mark.parametrize("language", ["en", "fr", "zh-hans", "ru", "ar", "es"])
def test_a_date_written_for_a_page_reads_as_date_format_writes_it(language):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from django.utils import translation
    from django.utils.formats import date_format

    from core.dates import DateWriter

    moments = [
        datetime(2017, 11, 21, 9, 5, tzinfo=ZoneInfo("Asia/Shanghai")),
        datetime(2017, 11, 21, 12, 0, tzinfo=ZoneInfo("Asia/Shanghai")),  # the same day, noon
        datetime(2017, 11, 21, 23, 0, tzinfo=ZoneInfo("Europe/Moscow")),
        datetime(2026, 3, 1, 0, 0, tzinfo=ZoneInfo("UTC")),
        datetime(2025, 7, 14, 23, 59, tzinfo=ZoneInfo("America/Lima")),
    ]
    with translation.override(language):
        for name in ("DATETIME_FORMAT", "DATE_FORMAT", "SHORT_DATETIME_FORMAT"):
            write = DateWriter(name)
            assert [write(m) for m in moments] == [date_format(m, name) for m in moments]


@pytest.mark.parametrize("language", ["en", "fr", "zh-hans", "ar"])
@pytest.mark.parametrize("phase", ["upcoming", "discussion", "voting", "results"])
def test_the_timetable_written_in_python_matches_its_template(
    rf, secretariat_user, language, phase
):
    from django.template.loader import render_to_string
    from django.utils import translation

    from governance.views import timetable_html

    consultation = open_consultation(secretariat_user, phase=phase)
    with translation.override(language):
        shown = consultation.phase()
        expected = render_to_string(
            "governance/consultations/_timetable.html",
            {"consultation": consultation, "phase": shown},
            rf.get("/"),
        )
        # The same markup; only the blank space between tags may differ.
        assert " ".join(timetable_html(consultation, shown).split()) == " ".join(expected.split())
