"""Text that people write, in Markdown, rendered to HTML and then sanitised with nh3."""

import re
import threading
from html import unescape

import markdown as markdown_lib
import nh3
from django import template
from django.utils.safestring import mark_safe

from core.multilingual import MultilingualText

register = template.Library()


# One converter per heading level and thread, reset before each text: making one (loading its
# extensions) cost three times what converting a profile's description does.
_converters = threading.local()


def _converter(heading_level: int) -> markdown_lib.Markdown:
    kept = _converters.__dict__.setdefault("by_level", {})
    if heading_level not in kept:
        kept[heading_level] = markdown_lib.Markdown(
            extensions=["toc", "sane_lists"],
            extension_configs={"toc": {"baselevel": heading_level}},
            output_format="html",
        )
    return kept[heading_level]


# Text without any of Markdown's marks: no character that starts emphasis, code, a link, HTML
# or an entity, and no line that could open a block (a list, quote, heading, rule or code) or
# end in a hard break. Most of what people post (a demand's need, a project's update) is such
# plain paragraphs, which Python-Markdown took a third of a millisecond to parse.
_MARKS = re.compile(r"[\\`*_\[\]<>#&\t\r]|^[\d+=-]|^[^\S\n]|[^\S\n]$", re.MULTILINE)


def _plain_paragraphs(text: str) -> str | None:
    """The HTML Markdown makes of plain text (its paragraphs, as they are), or None when the
    text holds anything Markdown might read as a mark."""
    text = text.strip("\n")
    if _MARKS.search(text):
        return None
    paragraphs = [part.strip("\n") for part in text.split("\n\n")]
    return "\n".join(f"<p>{part}</p>" for part in paragraphs if part)


def render_markdown(text: str, *, heading_level: int = 2) -> str:
    """Markdown → sanitised HTML. Headings start at `heading_level` (the page keeps its one h1)."""
    html = _plain_paragraphs(text or "")
    if html is None:
        converter = _converter(max(1, min(6, heading_level)))
        html = converter.reset().convert(text or "")
    return nh3.clean(html)


def plain_text(text: str) -> str:
    """Markdown as the words a reader sees, without markup (for search and summaries)."""
    html = markdown_lib.markdown(text or "", output_format="html")
    return " ".join(unescape(nh3.clean(html, tags=set())).split())


@register.filter(name="markdown")
def markdown_filter(value, heading_level: int = 2):
    """{{ text|markdown }} or {{ text|markdown:3 }}. A MultilingualText gives the reader's language."""
    if value is None or value == "":
        return ""
    if isinstance(value, MultilingualText):
        value = value.render().text
    # Safe: render_markdown returns HTML sanitised by nh3.
    return mark_safe(render_markdown(str(value), heading_level=int(heading_level)))
