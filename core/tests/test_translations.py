"""Every UI string is translated in all six languages, and the catalogues are current."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

LOCALE = Path(settings.BASE_DIR) / "locale"
LANGUAGES = ["zh_Hans", "ru", "ar", "fr", "es"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_is_complete(language):
    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))

    assert catalogue.untranslated_entries() == []
    assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []
    assert len(catalogue.translated_entries()) > 100


def test_english_catalogue_exists():
    assert (LOCALE / "en" / "LC_MESSAGES" / "django.po").exists()


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_survive_translation(language):
    catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    import re

    pattern = re.compile(r"%\(\w+\)[sd]|\{\{ ?\w+ ?\}\}|%[sd]")
    for entry in catalogue.translated_entries():
        if entry.msgid_plural:
            # A form may leave the count out ("one row"), but uses no unknown placeholder,
            # and the general plural form keeps them all.
            known = set(pattern.findall(entry.msgid_plural)) | set(pattern.findall(entry.msgid))
            forms = [set(pattern.findall(form)) for form in entry.msgstr_plural.values()]
            assert all(form <= known for form in forms), entry.msgid
            assert set(pattern.findall(entry.msgid_plural)) <= forms[-1], entry.msgid
        else:
            assert sorted(pattern.findall(entry.msgid)) == sorted(pattern.findall(entry.msgstr)), (
                entry.msgid
            )


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext is not installed")
def test_catalogues_hold_every_string_in_the_code(tmp_path):
    """makemessages on a copy of the code finds no string that the committed catalogues lack."""
    copy = tmp_path / "src"
    ignore = shutil.ignore_patterns(
        ".venv", "var", "staticfiles", "test-artifacts", ".git", "*.mo", "__pycache__"
    )
    shutil.copytree(settings.BASE_DIR, copy, ignore=ignore)
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "fr",
            "--no-obsolete",
            "--ignore=tests_browser",
            "--ignore=bench",
            "--ignore=*/tests/*",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
        env={"PATH": "/usr/bin:/bin", "SIRONET_VAR_DIR": str(tmp_path / "var")},
    )
    fresh = {
        entry.msgid
        for entry in polib.pofile(str(copy / "locale" / "fr" / "LC_MESSAGES" / "django.po"))
    }
    committed = {
        entry.msgid for entry in polib.pofile(str(LOCALE / "fr" / "LC_MESSAGES" / "django.po"))
    }

    assert sorted(fresh - committed) == []


def test_a_languages_name_follows_the_readers_language_each_time():
    """The names are kept per process for each reader's language, never across them."""
    from django.utils import translation

    from core.languages import language_name

    with translation.override("en"):
        english = language_name("fr")
    with translation.override("ru"):
        russian = language_name("fr")
    with translation.override("en"):
        again = language_name("fr")

    assert english == again == "French"
    assert russian == "Французский"
