"""Text that people write, in its original language, with translations stored beside it.

Stored as one JSON value:
    {"original": "zh-hans", "text": {"zh-hans": "丝路…", "en": "Silk Road …"}, "machine": ["en"]}
`machine` names the translations a machine made; the others are human. `stale` (kept only when
some are) names the translations written before the latest change of the original: a reader of
one is told so and offered the original.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from core.languages import language_name

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def normalise_language(code: str | None) -> str:
    """Map a language tag (zh, zh-Hans, zh_CN, AR …) onto one of the site languages."""
    if not code:
        return settings.LANGUAGE_CODE
    code = code.lower().replace("_", "-")
    if code in LANGUAGE_CODES:
        return code
    if code.startswith("zh"):
        return "zh-hans"
    base = code.split("-")[0]
    return base if base in LANGUAGE_CODES else code


@dataclass(frozen=True)
class Rendering:
    """What a reader sees: the text, its language, and whether it is a translation."""

    text: str
    language: str
    original_language: str
    is_translation: bool
    is_machine: bool
    is_stale: bool = False  # a translation older than the latest change of the original


@dataclass
class MultilingualText:
    original: str
    text: dict[str, str] = field(default_factory=dict)
    machine: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)

    @classmethod
    def create(cls, text: str, language: str, **translations: str) -> MultilingualText:
        language = normalise_language(language)
        texts = {language: text}
        texts.update({normalise_language(k.replace("_", "-")): v for k, v in translations.items()})
        return cls(original=language, text=texts)

    @property
    def original_text(self) -> str:
        return self.text.get(self.original, "")

    def add_translation(self, language: str, text: str, *, machine: bool = False) -> None:
        """Write one language's text. A change of the original leaves every translation stale
        (older than it) until that translation is written again."""
        language = normalise_language(language)
        if language == self.original:
            if self.text.get(language) != text:
                self.stale = sorted(set(self.stale) | (set(self.text) - {language}))
            self.text[language] = text
            return
        self.text[language] = text
        if language in self.stale:
            self.stale.remove(language)
        if machine and language not in self.machine:
            self.machine.append(language)
        elif not machine and language in self.machine:
            self.machine.remove(language)

    def render(self, language: str | None = None) -> Rendering:
        language = normalise_language(language or get_language())
        chosen = language if self.text.get(language) else self.original
        return Rendering(
            text=self.text.get(chosen, ""),
            language=chosen,
            original_language=self.original,
            is_translation=chosen != self.original,
            is_machine=chosen in self.machine,
            is_stale=chosen != self.original and chosen in self.stale,
        )

    def __str__(self) -> str:
        return self.render().text

    def to_json(self) -> dict[str, Any]:
        value = {"original": self.original, "text": dict(self.text), "machine": list(self.machine)}
        if self.stale:
            value["stale"] = list(self.stale)
        return value

    @classmethod
    def from_json(cls, value: dict[str, Any] | None) -> MultilingualText | None:
        if value is None:
            return None
        return cls(
            original=value.get("original", settings.LANGUAGE_CODE),
            text=dict(value.get("text", {})),
            machine=list(value.get("machine", [])),
            stale=list(value.get("stale", [])),
        )


class MultilingualTextField(models.JSONField):
    """A JSON column holding a MultilingualText."""

    description = _("Text in its original language, with translations")

    def __init__(self, *args: Any, max_length: int | None = None, **kwargs: Any) -> None:
        self.text_max_length = max_length
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.text_max_length is not None:
            kwargs["max_length"] = self.text_max_length
        return name, path, args, kwargs

    def from_db_value(self, value, expression, connection):
        value = super().from_db_value(value, expression, connection)
        return MultilingualText.from_json(value) if isinstance(value, dict) else value

    def to_python(self, value):
        if isinstance(value, MultilingualText) or value is None:
            return value
        if isinstance(value, dict):
            return MultilingualText.from_json(value)
        return MultilingualText.create(str(value), settings.LANGUAGE_CODE)

    def get_prep_value(self, value):
        if isinstance(value, MultilingualText):
            value = value.to_json()
        return super().get_prep_value(value)

    def validate(self, value, model_instance):
        if isinstance(value, MultilingualText):
            if not value.original_text.strip():
                raise ValidationError(_("The text in its original language is required."))
            if self.text_max_length:
                for text in value.text.values():
                    if len(text) > self.text_max_length:
                        raise ValidationError(
                            _("Ensure this text has at most %(limit)d characters."),
                            params={"limit": self.text_max_length},
                        )
            value = value.to_json()
        super().validate(value, model_instance)

    def value_from_object(self, obj):
        """Forms (the back office) edit the stored JSON, not the Python object."""
        value = super().value_from_object(obj)
        return value.to_json() if isinstance(value, MultilingualText) else value

    def save_form_data(self, instance, data):
        setattr(instance, self.attname, self.to_python(data) if data else data)

    def value_to_string(self, obj):
        return self.value_from_object(obj)


def shown_html(
    text: MultilingualText | None, language: str | None = None, *, note: bool = True
) -> SafeString:
    """A text as a reader sees it, as HTML: in their language where it exists, else the original;
    for a translation (with `note`), the original beside it with the name of its language. For
    rows written in Python, where a template per row would cost more than the query."""
    if text is None:
        return SafeString("")
    rendering = text.render(language)
    html = format_html('<bdi lang="{}">{}</bdi>', rendering.language, rendering.text)
    if not (note and rendering.is_translation):
        return html
    message = (
        gettext("machine-translated from %(language)s")
        if rendering.is_machine
        else gettext("translated from %(language)s")
    ) % {"language": language_name(text.original)}
    return format_html(
        '{} <span class="translated-from">{}: <bdi lang="{}">{}</bdi></span>',
        html,
        message,
        text.original,
        text.original_text,
    )
