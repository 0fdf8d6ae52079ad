"""A project's details kept by its admins: progress photos, indicators, milestones, budget,
report period, demands answered, SDG goals and sectors, locations."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from cooperation import services
from cooperation.models import ProgressPhoto, ProgressUpdate

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def photo(name="well.jpg", kind="JPEG", size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 120, 200)).save(buffer, format=kind)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


# --- progress photos -----------------------------------------------------------------------------


def test_an_update_with_photos_shows_them_on_the_page_and_in_the_api(client, project, admin_a):
    client.force_login(admin_a)
    response = client.post(
        f"/en/projects/{project.pk}/updates/",
        {
            "text": "The well is dug.",
            "photos": [photo("a.jpg"), photo("b.png", "PNG")],
            "caption": "Villagers at the new well",
        },
    )
    assert response.status_code == 302
    update = ProgressUpdate.objects.get(project=project)
    photos = list(update.photos.all())
    assert len(photos) == 2
    assert [p.image.name.rsplit(".", 1)[1] for p in photos] == ["jpg", "png"]
    assert (photos[0].width, photos[0].height) == (40, 30)
    page = client.get(f"/en/projects/{project.pk}/").content.decode()
    assert photos[0].image.url in page and 'alt="Villagers at the new well"' in page
    served = client.get(photos[0].image.url)
    assert served.status_code == 200
    api = client.get(f"/api/v1/projects/{project.pk}").json()
    urls = [p["url"] for p in api["updates"][0]["photos"]]
    assert len(urls) == 2 and urls[0].endswith(photos[0].image.url)


@pytest.mark.parametrize(
    ("upload", "words"),
    [
        (SimpleUploadedFile("x.jpg", b"%PDF-1.4 not a photo"), "not a JPEG, PNG or WebP photo"),
        (photo("x.gif", "GIF"), "not a JPEG, PNG or WebP photo"),
    ],
)
def test_a_file_that_is_not_a_photo_is_refused_with_a_clear_error(
    client, project, admin_a, upload, words
):
    client.force_login(admin_a)
    response = client.post(
        f"/en/projects/{project.pk}/updates/", {"text": "Hello", "photos": [upload]}, follow=True
    )
    assert words in response.content.decode()
    assert not ProgressUpdate.objects.exists() and not ProgressPhoto.objects.exists()


def test_a_photo_too_large_is_refused(project, admin_a, monkeypatch):
    monkeypatch.setattr(services, "PHOTO_MAX_BYTES", 100)
    with pytest.raises(ValidationError, match="too large"):
        services.project_add_update(
            actor=admin_a, project=project, text="Hi", photos=[photo(size=(300, 300))]
        )
    assert not ProgressUpdate.objects.exists()


def test_at_most_four_photos(project, admin_a):
    with pytest.raises(ValidationError, match="at most 4"):
        services.project_add_update(
            actor=admin_a, project=project, text="Hi", photos=[photo() for _ in range(5)]
        )


def test_others_cannot_add_photos(project, staff_a, media):
    with pytest.raises(PermissionDenied):
        services.project_add_update(actor=staff_a, project=project, text="Hi", photos=[photo()])
    assert not ProgressPhoto.objects.exists() and not list(media.rglob("*.jpg"))


def test_private_media_are_not_served(client, media):
    (media / "applications").mkdir()
    (media / "applications" / "secret.pdf").write_bytes(b"%PDF")
    assert client.get("/media/applications/secret.pdf").status_code == 404
