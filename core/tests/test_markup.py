"""What people write in Markdown becomes the same sanitised HTML whichever way it is rendered:
plain paragraphs by the short path, anything with a mark by Python-Markdown."""

import nh3
from hypothesis import given, settings
from hypothesis import strategies as st

from core.templatetags import markup


def by_markdown(text: str, heading_level: int = 3) -> str:
    converter = markup._converter(heading_level)
    return nh3.clean(converter.reset().convert(text))


# Letters of several scripts, digits, spaces (plain and others), newlines and the punctuation
# of prose; then the same with Markdown's marks among them, so that both paths are taken.
PROSE = [*"abc xyz ABC 0123 .,;:!?()'\"-+=/%\n\n\n", "é", "中", "ع", "я", "\u00a0", "\u3000"]
MARKS = ["\t", "\r", "*", "_", "#", ">", "<", "&", "`", "[", "]", "\\", "  ", "1. ", "- ", "    "]
TEXTS = st.one_of(
    st.lists(st.sampled_from(PROSE), max_size=60).map("".join),
    st.lists(st.sampled_from(PROSE + MARKS), max_size=60).map("".join),
)


@settings(max_examples=500, deadline=None)
@given(TEXTS)
def test_any_text_renders_as_markdown_renders_it(text):
    assert markup.render_markdown(text, heading_level=3) == by_markdown(text)


def test_plain_paragraphs_take_the_short_path(monkeypatch):
    text = "Clean water for 300 families.\nThe well is dry since May.\n\n\nWe need pumps (two)!"
    monkeypatch.setattr(markup, "_converter", None)  # any use of Markdown would fail

    html = markup.render_markdown(text, heading_level=3)

    assert html == (
        "<p>Clean water for 300 families.\nThe well is dry since May.</p>\n"
        "<p>We need pumps (two)!</p>"
    )


def test_a_mark_goes_to_markdown():
    assert markup.render_markdown("A *big* need\n\n- one\n- two", heading_level=3) == (
        "<p>A <em>big</em> need</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>"
    )
