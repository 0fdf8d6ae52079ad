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
