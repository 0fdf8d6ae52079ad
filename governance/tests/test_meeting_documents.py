"""Documents of a meeting: attached by the body's members and the Secretariat, checked for type
and size, shown and handed out by visibility, listed by the API, every change audited."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from core.models import AuditLogEntry
from core.multilingual import MultilingualText
from governance import services
from governance.models import Body, Meeting, MeetingDocument, Seat

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% a small test document\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def meeting(db, make_user):
    committee = Body.objects.create(slug="sc", kind=Body.Kind.STEERING_COMMITTEE, seats=3)
    member = make_user("seat@example.org", full_name="Seated Member")
    Seat.objects.create(body=committee, user=member, term_start=date(2024, 1, 1))
    starts = timezone.now().replace(microsecond=0) - timedelta(days=3)
    meeting = Meeting.objects.create(
        body=committee,
        title=MultilingualText.create("Annual meeting", "en"),
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        place="Beijing",
    )
    return meeting, member


def upload(name="budget.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_a_member_attaches_a_public_and_an_internal_document_each_audited(meeting):
    meeting, member = meeting
    public = services.meeting_document_add(
        actor=member, meeting=meeting, title="Budget 2026", upload=upload()
    )
    internal = services.meeting_document_add(
        actor=member,
        meeting=meeting,
        title="Candidates",
        upload=upload("list.docx", b"PK\x03\x04rest"),
        internal=True,
    )
    assert (public.extension, public.size, public.internal) == ("pdf", len(PDF), False)
    assert internal.internal and internal.extension == "docx"
    assert public.file.name.startswith("meeting-documents/")
    entries = AuditLogEntry.objects.filter(action="meeting.document_add").order_by("pk")
    assert [entry.data["title"] for entry in entries] == ["Budget 2026", "Candidates"]
    assert all(entry.actor == member for entry in entries)


@pytest.mark.parametrize(
    ("name", "content", "size_mb", "message"),
    [
        ("run.exe", b"MZ\x90\x00", 20, "not accepted"),
        ("page.pdf", b"<html><script>", 20, "does not match"),
        ("big.pdf", PDF + b"x" * (1024 * 1024), 1, "larger than 1 MB"),
    ],
)
def test_a_file_of_the_wrong_type_or_too_large_is_refused_and_nothing_kept(
    meeting, settings, tmp_path, name, content, size_mb, message
):
    settings.GOVERNANCE_DOCUMENT_MAX_MB = size_mb
    meeting, member = meeting
    with pytest.raises(ValidationError) as error:
        services.meeting_document_add(
            actor=member, meeting=meeting, title="A file", upload=upload(name, content)
        )
    assert message in error.value.message_dict["file"][0]
    assert not MeetingDocument.objects.exists()
    assert not AuditLogEntry.objects.filter(action="meeting.document_add").exists()
    assert not any(tmp_path.rglob("*.*"))


def test_only_the_bodys_members_and_the_secretariat_attach_or_remove(
    meeting, make_user, secretariat_user
):
    meeting, member = meeting
    outsider = make_user("outsider@example.org")
    with pytest.raises(PermissionDenied):
        services.meeting_document_add(actor=outsider, meeting=meeting, title="X", upload=upload())
    document = services.meeting_document_add(
        actor=secretariat_user, meeting=meeting, title="Agenda notes", upload=upload()
    )
    with pytest.raises(PermissionDenied):
        services.meeting_document_remove(actor=outsider, document=document)
    services.meeting_document_remove(actor=member, document=document)
    assert not MeetingDocument.objects.exists()
    assert AuditLogEntry.objects.get(action="meeting.document_remove").data["title"] == (
        "Agenda notes"
    )


def test_the_page_and_the_download_follow_the_documents_visibility(client, meeting, make_user):
    meeting, member = meeting
    public = services.meeting_document_add(
        actor=member, meeting=meeting, title="Budget 2026", upload=upload()
    )
    internal = services.meeting_document_add(
        actor=member, meeting=meeting, title="Candidates", upload=upload(), internal=True
    )
    page_url = reverse("governance:meeting", args=[meeting.pk])

    def download(document):
        return client.get(reverse("governance:meeting_document", args=[meeting.pk, document.pk]))

    page = client.get(page_url).content.decode()
    assert "Budget 2026" in page and "Candidates" not in page
    answer = download(public)
    assert answer.status_code == 200 and b"".join(answer.streaming_content) == PDF
    assert answer["Content-Type"] == "application/pdf"
    assert "private" in answer["Cache-Control"]
    assert download(internal).status_code == 404

    client.force_login(make_user("member-of-nothing@example.org"))
    assert download(internal).status_code == 404

    client.force_login(member)
    assert "Candidates" in client.get(page_url).content.decode()
    assert download(internal).status_code == 200
    # An internal meeting's documents, public or not, are for the body only.
    Meeting.objects.filter(pk=meeting.pk).update(internal=True)
    client.logout()
    assert download(public).status_code == 404
    # Not served from the public media address.
    assert client.get(f"/media/{public.file.name}").status_code == 404


def test_attaching_through_the_page(client, meeting):
    meeting, member = meeting
    client.force_login(member)
    url = reverse("governance:meeting_documents", args=[meeting.pk])
    answer = client.post(url, {"title": "Budget", "file": upload(), "internal": "on"})
    assert answer.status_code == 302
    document = MeetingDocument.objects.get()
    assert (document.title, document.internal) == ("Budget", True)
    refused = client.post(url, {"title": "Virus", "file": upload("x.exe", b"MZ")})
    assert refused.status_code == 400
    assert "not accepted" in refused.content.decode()
    assert client.post(url, {"remove": str(document.pk)}).status_code == 302
    assert not MeetingDocument.objects.exists()


def test_others_cannot_open_the_documents_page(client, meeting, make_user):
    meeting, _member = meeting
    client.force_login(make_user("outsider@example.org"))
    url = reverse("governance:meeting_documents", args=[meeting.pk])
    assert client.get(url).status_code == 403


def test_the_api_lists_the_documents_the_reader_may_see(client, meeting):
    meeting, member = meeting
    public = services.meeting_document_add(
        actor=member, meeting=meeting, title="Budget 2026", upload=upload()
    )
    services.meeting_document_add(
        actor=member, meeting=meeting, title="Candidates", upload=upload(), internal=True
    )
    url = f"/api/v1/meetings/{meeting.pk}"
    documents = client.get(url).json()["documents"]
    assert documents == [
        {
            "id": public.pk,
            "title": "Budget 2026",
            "internal": False,
            "type": "pdf",
            "size": len(PDF),
            "url": reverse("governance:meeting_document", args=[meeting.pk, public.pk]),
        }
    ]
    client.force_login(member)
    titles = [document["title"] for document in client.get(url).json()["documents"]]
    assert titles == ["Budget 2026", "Candidates"]


# --- files leave storage with their rows, once the deletion is committed -------------------------


def test_a_meeting_deleted_in_the_back_office_takes_its_files_once_committed(
    client, meeting, secretariat_user, back_office, tmp_path, django_capture_on_commit_callbacks
):
    meeting, member = meeting
    documents = [
        services.meeting_document_add(
            actor=member, meeting=meeting, title=title, upload=upload(), internal=internal
        )
        for title, internal in (("Budget 2026", False), ("Candidates", True))
    ]
    files = [tmp_path / document.file.name for document in documents]
    assert all(file.exists() for file in files)
    back_office(client, secretariat_user)
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(
            reverse("admin:governance_meeting_delete", args=[meeting.pk]), {"post": "yes"}
        )
        assert answer.status_code == 302
        assert all(file.exists() for file in files)  # not before the commit
    assert not Meeting.objects.exists() and not MeetingDocument.objects.exists()
    assert not any(file.exists() for file in files)


def test_a_deletion_rolled_back_keeps_the_documents_and_their_files(
    meeting, secretariat_user, tmp_path, django_capture_on_commit_callbacks
):
    meeting, member = meeting
    document = services.meeting_document_add(
        actor=member, meeting=meeting, title="Budget 2026", upload=upload()
    )
    file = tmp_path / document.file.name
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.meeting_document_remove(actor=secretariat_user, document=document)
        Meeting.objects.filter(pk=meeting.pk).delete()
        raise RuntimeError("something after the deletions failed")
    assert MeetingDocument.objects.filter(pk=document.pk).exists()
    assert file.read_bytes() == PDF


def test_a_removed_documents_file_leaves_once_committed(
    meeting, tmp_path, django_capture_on_commit_callbacks
):
    meeting, member = meeting
    removed, kept = (
        services.meeting_document_add(actor=member, meeting=meeting, title=t, upload=upload())
        for t in ("Old agenda", "Budget 2026")
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_document_remove(actor=member, document=removed)
        assert (tmp_path / removed.file.name).exists()  # not before the commit
    assert not (tmp_path / removed.file.name).exists()
    assert (tmp_path / kept.file.name).read_bytes() == PDF
