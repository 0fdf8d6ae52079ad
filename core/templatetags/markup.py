"""Text that people write, in Markdown, rendered to HTML and then sanitised with nh3."""

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


def render_markdown(text: str, *, heading_level: int = 2) -> str:
    """Markdown → sanitised HTML. Headings start at `heading_level` (the page keeps its one h1)."""
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
