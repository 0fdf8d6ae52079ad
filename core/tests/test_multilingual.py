import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.multilingual import MultilingualText, normalise_language


def test_reader_sees_their_language_where_it_exists():
    text = MultilingualText.create("丝路公益联盟", "zh-hans", en="Silk Road Charity Alliance")
    text.add_translation("ru", "Альянс", machine=True)

    english = text.render("en")
    assert (english.text, english.is_translation, english.is_machine) == (
        "Silk Road Charity Alliance",
        True,
        False,
    )
    russian = text.render("ru")
    assert (russian.text, russian.is_machine, russian.original_language) == (
        "Альянс",
        True,
        "zh-hans",
    )


def test_reader_sees_the_original_where_their_language_is_missing():
    text = MultilingualText.create("جمعية النيل للتنمية", "ar")

    shown = text.render("fr")

    assert (shown.text, shown.language, shown.is_translation) == (
        "جمعية النيل للتنمية",
        "ar",
        False,
    )


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("zh", "zh-hans"),
        ("zh-CN", "zh-hans"),
        ("zh_Hans", "zh-hans"),
        ("AR", "ar"),
        ("fr-CA", "fr"),
        (None, "en"),
    ],
)
def test_language_tags_map_onto_site_languages(tag, expected):
    assert normalise_language(tag) == expected


@given(st.text(min_size=1, max_size=200).filter(lambda s: s.strip() and "\x00" not in s))
def test_any_script_round_trips_through_json(value):
    text = MultilingualText.create(value, "ar")

    assert MultilingualText.from_json(text.to_json()).original_text == value


def test_a_change_of_the_original_leaves_the_translations_stale_until_written_again():
    text = MultilingualText.create("Article 1.", "en", fr="Article 1.", ru="Статья 1.")
    text.add_translation("en", "Article 1.")  # the same text: nothing changed
    assert not text.render("fr").is_stale

    text.add_translation("en", "Article 1, amended.")

    assert text.render("fr").is_stale and text.render("ru").is_stale
    assert not text.render("en").is_stale  # the original itself
    text.add_translation("fr", "Article 1, modifié.")
    assert not text.render("fr").is_stale and text.render("ru").is_stale
    again = MultilingualText.from_json(text.to_json())
    assert again.stale == ["ru"] and again.render("ru").is_stale
    # Nothing stale: the stored value is as before.
    fresh = MultilingualText.create("Texte", "fr", en="Text")
    assert "stale" not in fresh.to_json()
