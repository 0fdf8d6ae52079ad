import pytest
from django.db import OperationalError, connections


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("zh-CN,zh;q=0.9", "/zh-hans/"),
        ("ar-EG", "/ar/"),
        ("fr-CA,fr;q=0.8,en;q=0.5", "/fr/"),
        ("ru", "/ru/"),
        ("es-419", "/es/"),
        ("de-DE", "/en/"),
        ("", "/en/"),
    ],
)
def test_root_redirects_to_the_readers_language(client, accept_language, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)

    assert response.status_code == 302
    assert response["Location"] == expected


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "zh-hans", "ru", "ar", "fr", "es"])
def test_pages_in_every_language_carry_lang_and_direction(client, language):
    html = client.get(f"/{language}/").content.decode()

    direction = "rtl" if language == "ar" else "ltr"
    assert f'<html lang="{language}" dir="{direction}">' in html
    for code in ["en", "zh-hans", "ru", "ar", "fr", "es"]:
        assert f'hreflang="{code}"' in html
    for name in ["English", "中文", "Русский", "العربية", "Français", "Español"]:
        assert name in html


@pytest.mark.django_db
def test_language_switcher_links_to_the_same_page_in_each_language(client):
    html = client.get("/en/about/").content.decode()

    assert 'href="/ar/about/" hreflang="ar" lang="ar"' in html
    assert 'href="/zh-hans/about/" hreflang="zh-hans"' in html


@pytest.mark.django_db
def test_the_language_links_escape_the_address_and_mark_the_current_language(client):
    html = client.get("/fr/search/?q=l'eau&area=health").content.decode()

    assert 'rel="alternate" hreflang="ru" href="/ru/search/?q=l&#x27;eau&amp;area=health"' in html
    assert 'href="/ru/search/?q=l&#x27;eau&amp;area=health" hreflang="ru" lang="ru">' in html
    assert 'hreflang="fr" lang="fr" aria-current="true">' in html
    assert 'hreflang="en" lang="en">' in html


@pytest.mark.django_db
def test_about_page_lists_areas_goals_sectors_and_regions(client):
    html = client.get("/en/about/").content.decode()

    assert "Youth training" in html
    assert "11330" in html
    assert "Central Asia" in html
    assert "Kazakhstan" in html


@pytest.mark.django_db
def test_every_page_has_a_skip_link_and_landmarks(client):
    html = client.get("/en/").content.decode()

    assert html.index('class="skip-link" href="#main"') < html.index("<header")
    assert '<main id="main"' in html
    assert "<footer" in html
    assert 'aria-label="Language"' in html


@pytest.mark.django_db
def test_unknown_language_prefix_is_a_404_page_in_the_default_language(client):
    response = client.get("/xx/members/", HTTP_ACCEPT_LANGUAGE="fr")

    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="en"' in html
    assert "Page not found" in html


@pytest.mark.django_db
def test_unknown_page_under_a_language_is_a_404_in_that_language(client):
    response = client.get("/ar/no-such-page/")

    assert response.status_code == 404
    assert '<html lang="ar" dir="rtl">' in response.content.decode()


@pytest.mark.django_db
def test_unknown_api_path_is_a_json_404(client):
    response = client.get("/api/v1/no-such-thing")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_healthz_answers_without_the_database(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.content == b"ok\n"


@pytest.mark.django_db
def test_readyz_answers_when_the_database_does(client):
    assert client.get("/readyz").status_code == 200


@pytest.mark.django_db
def test_readyz_answers_503_when_the_database_does_not(client, monkeypatch):
    def unreachable(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connections["default"], "cursor", unreachable)

    response = client.get("/readyz")

    assert response.status_code == 503
