"""A decision or a network document's version in several languages: once the original changes,
the translations not written again are marked as older than it, and their readers are offered
the original."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from core.models import AuditLogEntry
from core.multilingual import MultilingualText
from governance import services
from governance.models import Decision, DocumentVersion, NetworkDocument

pytestmark = pytest.mark.django_db

NOTE = "This translation predates the latest change of the original"


@pytest.fixture
def decision(db):
    return Decision.objects.create(
        number="2026/3",
        decided_on=date(2026, 3, 1),
        title=MultilingualText.create("Working languages", "en", fr="Langues de travail"),
        text=MultilingualText.create("Six languages.", "en", fr="Six langues."),
    )


def correct(actor, decision, text, language, title=None):
    return services.decision_update(
        actor=actor,
        decision=decision,
        fields=services.DecisionFields(
            decided_on=decision.decided_on,
            title=title or decision.title.text[language],
            text=text,
            language=language,
            body=None,
        ),
    )


def test_a_changed_original_marks_the_decisions_translation_and_offers_the_original(
    client, decision, secretariat_user, django_capture_on_commit_callbacks
):
    french = "/fr/governance/decisions/"
    assert NOTE not in client.get(french).content.decode()

    # Committed, as on the site: the register's cached page follows each correction.
    with django_capture_on_commit_callbacks(execute=True):
        correct(secretariat_user, decision, "Six languages, Arabic first.", "en")

    page = client.get(french).content.decode()
    assert "Six langues." in page and "Six languages, Arabic first." in page
    assert 'class="notice stale-translation"' in page
    assert "Cette traduction est antérieure à la dernière modification de l'original" in page
    api = client.get("/api/v1/decisions", headers={"accept-language": "fr"}).json()
    assert api["items"][0]["stale"] is True

    with django_capture_on_commit_callbacks(execute=True):
        correct(secretariat_user, decision, "Six langues, l'arabe d'abord.", "fr")
    assert 'class="notice stale-translation"' not in client.get(french).content.decode()
    # English readers read the original: never a note.
    assert (
        'class="notice stale-translation"'
        not in client.get("/en/governance/decisions/").content.decode()
    )


@pytest.fixture
def constitution(db):
    document = NetworkDocument.objects.create(
        slug="constitution",
        kind=NetworkDocument.Kind.CONSTITUTION,
        title=MultilingualText.create("Constitution", "en"),
    )
    DocumentVersion.objects.create(
        document=document,
        number=1,
        body=MultilingualText.create("Members are equal.", "en", **{"zh_hans": "成员一律平等。"}),
        adopted_on=date(2017, 11, 22),
    )
    return document


def test_correcting_a_versions_original_marks_its_translations(
    client, constitution, secretariat_user, make_user
):
    version = constitution.versions.get()
    with pytest.raises(PermissionDenied):
        services.document_version_edit(
            actor=make_user("someone@example.org"), version=version, text="x", language="en"
        )

    client.force_login(secretariat_user)
    url = reverse("governance:document_version_edit", args=["constitution", 1])
    answer = client.post(url, {"language": "en", "text": "Members are equal in rights."})
    assert answer.status_code == 302
    client.logout()

    chinese = client.get("/zh-hans/governance/documents/constitution/").content.decode()
    assert "成员一律平等。" in chinese and 'class="notice stale-translation"' in chinese
    assert '<a href="?language=en" hreflang="en">' in chinese  # the original, offered
    original = client.get("/zh-hans/governance/documents/constitution/?language=en")
    assert "Members are equal in rights." in original.content.decode()
    assert 'class="notice stale-translation"' not in original.content.decode()
    api = client.get("/api/v1/documents").json()["items"][0]["versions"][0]
    assert api["stale"] == ["zh-hans"]
    entry = AuditLogEntry.objects.get(action="document.version_edit")
    assert entry.data == {"version": 1, "language": "en", "original": True}

    services.document_version_edit(
        actor=secretariat_user, version=version, text="成员权利平等。", language="zh-hans"
    )
    chinese = client.get("/zh-hans/governance/documents/constitution/").content.decode()
    assert "成员权利平等。" in chinese and 'class="notice stale-translation"' not in chinese
